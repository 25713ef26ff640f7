/**
 * Declaring an incident. The incident row is written first, so it exists whatever Slack does next;
 * the same person declaring the same title again within the dedupe window resumes that declaration while it is open.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../errors.js';
import type { Actor, DeclareInput, DeclareResult } from './api.js';
import { OPEN_STATES } from './model.js';
import type { Incident, NewIncident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { ServiceDefinition } from './settings.js';
import { ensureChannel, reportProblems, runDeclarationSteps } from './declare-steps.js';
import { recordAction } from './effects.js';
import { rescheduleReminders } from './reminder-jobs.js';
import { findService } from './services.js';
import { findSeverity } from './severity.js';
import { MINUTE_MS, parseStarted } from './time.js';

const TITLE_EXAMPLE = '/incident declare Checkout returns 500 for EU customers --sev SEV2 --service checkout';

/** Same person, same title (ignoring case, spacing and Unicode forms): the same declaration. */
export function declareDedupeKey(userId: string, title: string): string {
  const normalized = title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${userId}:${createHash('sha256').update(normalized).digest('hex').slice(0, 32)}`;
}

interface ValidDeclaration {
  title: string;
  severity: string;
  service: ServiceDefinition | null;
  startedAt: Date | null;
  impact: string | null;
  isPrivate: boolean;
}

function validate(deps: IncidentDeps, input: DeclareInput, now: Date): ValidDeclaration {
  const title = (input.title ?? '').trim();
  if (title === '') {
    throw new DomainError('BAD_INPUT', `An incident needs a title that says what is wrong, e.g. \`${TITLE_EXAMPLE}\``, { field: 'title' });
  }
  const { settings } = deps;
  const severity = findSeverity(settings.severities, input.severity?.trim() ? input.severity : settings.defaultSeverity).name;
  const service = input.service?.trim() ? findService(settings.services, input.service) : null;
  const startedAt = input.started?.trim() ? parseStarted(input.started, now, settings.timeZone) : null;
  return { title, severity, service, startedAt, impact: input.impact?.trim() || null, isPrivate: input.isPrivate ?? false };
}

/** A declaration that comes from somewhere else than a person asking (a page triggered outside Warroom). */
export interface DeclareOrigin {
  /** Replaces the person-and-title dedupe key (e.g. one war room per on-call incident). */
  dedupeKey?: string;
  links?: Record<string, string>;
  /** False leaves the commander role open (the bot declared it; someone must take it). */
  declarerCommands?: boolean;
}

function newIncident(deps: IncidentDeps, valid: ValidDeclaration, actor: Actor, now: Date, origin: DeclareOrigin): NewIncident {
  const commands = origin.declarerCommands ?? true;
  return {
    title: valid.title,
    severity: valid.severity,
    state: 'investigating',
    service: valid.service?.name ?? null,
    impact: valid.impact,
    isPrivate: valid.isPrivate,
    declaredBy: actor.userId,
    dedupeKey: origin.dedupeKey ?? declareDedupeKey(actor.userId, valid.title),
    declaredAt: now,
    startedAt: valid.startedAt,
    mitigatedAt: null,
    resolvedAt: null,
    commanderAssignedAt: commands ? now : null,
    roles: commands ? { [deps.settings.commanderRole]: actor.userId } : {},
    channelId: null,
    channelName: null,
    declarationTs: null,
    announcement: null,
    lastUpdateAt: null,
    lastUpdateText: null,
    links: { ...(origin.links ?? {}) },
  };
}

/**
 * Everything after the row exists, one runner per incident at a time across replicas: a replica resuming a declaration
 * that another one is still running waits, then resumes from what the store holds by then (the channel it created).
 */
function complete(deps: IncidentDeps, earlier: Incident, created: boolean): Promise<DeclareResult> {
  return deps.store.incidents.withDeclarationLock(earlier.id, async ({ acquired }) => {
    if (!acquired) deps.logger.warn({ incidentId: earlier.id }, 'declaration lock not acquired in time; declaring without it');
    const start = (await deps.store.incidents.get(earlier.id)) ?? earlier;
    return finishDeclaration(deps, start, created);
  });
}

/** Channel, parallel Slack steps, problems, first reminder; each step skips what an earlier run already did. */
async function finishDeclaration(deps: IncidentDeps, start: Incident, created: boolean): Promise<DeclareResult> {
  await recordAction(deps, start, {
    key: `act:declared:${start.id}`,
    kind: 'declared',
    actor: start.declaredBy,
    occurredAt: start.declaredAt,
    text: `Declared ${start.severity}: ${start.title}`,
    data: { severity: start.severity, service: start.service, startedAt: start.startedAt?.toISOString() ?? null },
  });
  const service = start.service ? (deps.settings.services.find((s) => s.name === start.service) ?? null) : null;
  const channel = await ensureChannel(deps, start);
  const problems = channel.problem ? [channel.problem] : [];
  const steps = await runDeclarationSteps(deps, channel.incident, service);
  problems.push(...steps.problems);
  const incident = (await deps.store.incidents.get(start.id)) ?? channel.incident;
  if (problems.length > 0) await reportProblems(deps, incident, problems);
  try {
    await rescheduleReminders(deps, incident);
  } catch (err) {
    deps.logger.error({ err, incidentId: incident.id }, 'could not schedule the first status update reminder');
  }
  // A failed page was reported on its own (with a Retry button); the declarer still hears of it.
  return { incident, created, problems: steps.pageFailure ? [...problems, steps.pageFailure] : problems };
}

export type DeclareFn = (input: DeclareInput, actor: Actor, origin?: DeclareOrigin) => Promise<DeclareResult>;

export function createDeclare(deps: IncidentDeps): DeclareFn {
  // Identical requests in flight on this process (a double click, a Slack retry) run one after the other,
  // so the second one finds the first and resumes it.
  const inFlight = new Map<string, Promise<unknown>>();

  async function declareOnce(input: DeclareInput, actor: Actor, origin: DeclareOrigin): Promise<DeclareResult> {
    const now = deps.clock.now();
    const valid = validate(deps, input, now);
    const since = new Date(now.getTime() - deps.settings.declareDedupeMinutes * MINUTE_MS);
    // One atomic step in the store: another replica handling the same submission resumes ours, or we resume its.
    const { incident, created } = await deps.store.incidents.createUnlessRecent(newIncident(deps, valid, actor, now, origin), {
      since,
      states: OPEN_STATES,
    });
    if (created) {
      deps.logger.info({ incidentId: incident.id, severity: incident.severity, userId: actor.userId }, 'incident declared');
    } else {
      deps.logger.info({ incidentId: incident.id, userId: actor.userId }, 'repeated declaration resumes the earlier one');
    }
    return complete(deps, incident, created);
  }

  return async (input, actor, origin = {}) => {
    const key = origin.dedupeKey ?? declareDedupeKey(actor.userId, (input.title ?? '').trim());
    const previous = inFlight.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => declareOnce(input, actor, origin));
    inFlight.set(key, run);
    try {
      return await run;
    } finally {
      if (inFlight.get(key) === run) inFlight.delete(key);
    }
  };
}
