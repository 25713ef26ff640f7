/**
 * The context snapshot: posts "gathering context…" at once, runs every source in parallel (each with its own timeout),
 * edits the message as sections arrive, ranks the suspects, and records the result on the timeline.
 */
import { DomainError, describeError } from '../errors.js';
import type { Incident } from '../incident/model.js';
import { requireByChannel } from '../incident/incident-context.js';
import type { ContextUseCases } from './api.js';
import { codeHostChanges, configChanges, deployCheckChanges, rolloutChanges } from './changes.js';
import type { ContextDeps } from './deps.js';
import type { Change, ContextSnapshot, PeopleAndState } from './model.js';
import { onCallFor, stateOf } from './people.js';
import { recordSnapshot } from './record.js';
import { gatherSignals } from './signals.js';
import { runSource, type SourceResult } from './source.js';
import { rankSuspects } from './suspects.js';

/** Serialized edits of one message; each renders the snapshot as it is when its turn comes, and identical renders are skipped. */
function createEditor(deps: ContextDeps, channelId: string, ts: string | null, snapshot: ContextSnapshot) {
  let chain = Promise.resolve();
  let last = ts ? JSON.stringify(deps.views.snapshot(snapshot)) : '';
  return {
    edit(): Promise<void> {
      if (!ts) return chain;
      chain = chain.then(async () => {
        const message = deps.views.snapshot(snapshot);
        const rendered = JSON.stringify(message);
        if (rendered === last) return;
        last = rendered;
        await deps.chat.updateMessage(channelId, ts, message).catch((err: unknown) => deps.logger.warn({ err: describeError(err), channelId }, 'could not edit the context snapshot'));
      });
      return chain;
    },
  };
}

async function snapshotOf(deps: ContextDeps, incident: Incident, sinceMinutes: number | undefined, actor: string | null): Promise<ContextSnapshot> {
  const channelId = incident.channelId;
  if (!channelId) throw new DomainError('BAD_INPUT', `Incident #${incident.id} has no war room yet, so there is nowhere to post its context.`);
  const now = deps.clock.now();
  const service = incident.service;
  const snapshot: ContextSnapshot = {
    incidentId: incident.id, service, generatedAt: now, since: new Date(now.getTime() - (sinceMinutes ?? deps.settings.lookbackMinutes) * 60_000),
    signals: null, changes: null, people: null, suspects: null, problems: [], complete: false,
  };
  const messageTs = await deps.chat
    .postMessage(channelId, deps.views.snapshot(snapshot))
    .then((posted) => posted.ts)
    .catch((err: unknown) => {
      deps.logger.warn({ err: describeError(err), incidentId: incident.id }, 'could not post the context snapshot');
      return null;
    });
  const editor = createEditor(deps, channelId, messageTs, snapshot);
  const timeout = deps.settings.sourceTimeoutMs;
  const valueOf = <T>(result: SourceResult<T>, fallback: T): T => {
    if (result.ok) return result.value;
    snapshot.problems.push(result.problem);
    return fallback;
  };

  const context = deps.settings.services.find((s) => s.name === service) ?? null;
  const release = deps.releaseServices.find((s) => s.service.toLowerCase() === service?.toLowerCase()) ?? null;
  if (!service) snapshot.problems.push({ source: 'warroom', kind: 'not_configured', message: 'The incident names no service: signals and changes are read per service.' });

  const signals = service
    ? runSource('prometheus', 'Signals', timeout, () =>
        gatherSignals({ metrics: deps.metrics, at: now, context, release, riseMultiple: deps.settings.riseMultiple, minEvents: deps.minEvents, staleAfterMinutes: deps.staleAfterMinutes }),
      ).then((r) => {
        snapshot.signals = valueOf(r, null);
        return editor.edit();
      })
    : Promise.resolve();

  const configQuery = context?.configChanges?.prometheusQuery ?? null;
  const changeSources: Promise<SourceResult<Change[]>>[] = service
    ? [
        runSource('warroom', 'Deploy checks', timeout, () => deployCheckChanges(deps.store, service, snapshot.since)),
        runSource('kubernetes', 'Rollouts', timeout, () => rolloutChanges(deps.cluster, deps.mitigation, service, snapshot.since)),
        runSource('github', 'GitHub', timeout, () => codeHostChanges(deps.codeHost, deps.repositories[service] ?? null, context?.configChanges?.githubPath ?? null, snapshot.since)),
        ...(configQuery ? [runSource('prometheus', 'Config changes', timeout, () => configChanges(deps.metrics, service, configQuery, snapshot.since, now))] : []),
      ]
    : [];
  const changes = Promise.all(changeSources).then((results) => {
    snapshot.changes = results.flatMap((r) => valueOf(r, [])).sort((a, b) => b.at.getTime() - a.at.getTime());
    return editor.edit();
  });

  const people = Promise.all([
    runSource('pagerduty', 'On call', timeout, () => onCallFor(deps.oncall, deps.chat, deps.incidentSettings, service)),
    runSource('warroom', 'Open incidents', timeout, async () => stateOf(await deps.store.incidents.listOpen(), incident, deps.incidentSettings)),
  ]).then(([onCall, state]): void => {
    const rest: Pick<PeopleAndState, 'otherOpenIncidents' | 'freezes'> = valueOf(state, { otherOpenIncidents: [], freezes: [] });
    snapshot.people = { onCall: valueOf(onCall, []), ...rest };
  });

  await Promise.all([signals, changes, people]);
  snapshot.suspects = rankSuspects(snapshot.changes ?? [], snapshot.signals?.errorsRoseAt ?? null, deps.settings.suspectWindowMinutes);
  snapshot.complete = true;
  await editor.edit();
  try {
    await recordSnapshot(deps, incident, snapshot, actor, messageTs);
  } catch (err) {
    deps.logger.error({ err: describeError(err), incidentId: incident.id }, 'could not record the context snapshot on the timeline');
  }
  return snapshot;
}

export function createContextUseCases(deps: ContextDeps): ContextUseCases {
  return {
    async gather(incidentId, options = {}) {
      const incident = await deps.store.incidents.get(incidentId);
      if (!incident) throw new DomainError('INCIDENT_NOT_FOUND', `Incident #${incidentId} does not exist.`, { incidentId });
      return snapshotOf(deps, incident, options.sinceMinutes, options.actor?.userId ?? null);
    },
    async refresh(channelId, sinceMinutes, actor) {
      const incident = await requireByChannel(deps, channelId);
      return snapshotOf(deps, incident, sinceMinutes ?? undefined, actor.userId);
    },
  };
}
