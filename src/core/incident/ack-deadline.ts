/**
 * The acknowledgement deadline of a page, as a durable job per incident, severity and level. When it passes
 * without an acknowledgement, the channel and the commander are told and the page goes to the next level, whose
 * own deadline is then planned. The handler re-reads everything, so a stale job does nothing.
 */
import { describeError } from '../errors.js';
import type { Job, PagedResponder } from '../ports.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { problemSentence, recordAction, recordProblems } from './effects.js';
import { isOpen } from './lifecycle.js';
import { inviteResponders, lookupResponders, respondersData } from './oncall-people.js';
import { oncallKeys, serviceOf } from './oncall-state.js';
import { policyOf } from './severity.js';
import { MINUTE_MS } from './time.js';

export const ACK_DEADLINE_JOB_KIND = 'oncall.ack-deadline';
/** Escalations one page may cause, whatever the policy's depth. */
export const MAX_ESCALATIONS = 3;

export const ackJobPrefix = (incidentId: number): string => `oncall-ack:${incidentId}:`;

export interface AckDeadlinePayload {
  incidentId: number;
  severity: string;
  /** The level that must acknowledge by the deadline. */
  level: number;
  /** Escalations already made for this page. */
  escalations: number;
  externalId: string;
  escalationPolicyId: string | null;
}

export async function scheduleAckDeadline(deps: Pick<IncidentDeps, 'store'>, incidentId: number, plan: Omit<AckDeadlinePayload, 'incidentId'> & { runAt: Date }): Promise<boolean> {
  const { runAt, ...rest } = plan;
  const payload: AckDeadlinePayload = { incidentId, ...rest };
  return deps.store.jobs.schedule({ kind: ACK_DEADLINE_JOB_KIND, key: `${ackJobPrefix(incidentId)}${plan.severity}:${plan.level}`, runAt, payload: { ...payload } });
}

export async function cancelAckDeadlines(deps: Pick<IncidentDeps, 'store'>, incidentId: number): Promise<number> {
  return deps.store.jobs.cancelPending(ackJobPrefix(incidentId));
}

function parsePayload(payload: Record<string, unknown>): AckDeadlinePayload | null {
  const { incidentId, severity, level, escalations, externalId, escalationPolicyId } = payload;
  if (typeof incidentId !== 'number' || typeof severity !== 'string' || typeof level !== 'number' || typeof externalId !== 'string') return null;
  return { incidentId, severity, level, escalations: typeof escalations === 'number' ? escalations : 0, externalId, escalationPolicyId: typeof escalationPolicyId === 'string' ? escalationPolicyId : null };
}

/** Why the job no longer applies, or null when the deadline really passed unacknowledged. */
async function staleness(deps: IncidentDeps, incident: Incident, payload: AckDeadlinePayload): Promise<string | null> {
  if (!isOpen(incident)) return `incident is ${incident.state}`;
  if (incident.links.pagerdutyId !== payload.externalId) return 'the page is no longer the war room’s';
  const policy = policyOf(deps.settings.severities, incident.severity);
  if (policy.page === 'none' || policy.ackDeadlineMinutes === null) return `${incident.severity} has no acknowledgement deadline`;
  if (await deps.store.timeline.findByKey(oncallKeys.acknowledged(payload.externalId))) return 'acknowledged';
  return null;
}

interface Escalation {
  escalatedTo: { level: number; responders: PagedResponder[] } | null;
  notEscalated: string | null;
  /** This run escalated (rather than an earlier run of the same job). */
  now: boolean;
}

async function escalate(deps: IncidentDeps, incident: Incident, payload: AckDeadlinePayload): Promise<Escalation> {
  const next = payload.level + 1;
  const policyId = payload.escalationPolicyId ?? deps.oncall.escalationPolicyFor(serviceOf(deps.settings, incident));
  let everyone: PagedResponder[] | null = null;
  try {
    if (policyId) everyone = await lookupResponders(deps, policyId);
  } catch (err) {
    deps.logger.warn({ err, incidentId: incident.id }, 'could not look up on-call levels; escalating anyway');
  }
  const levels = (everyone ?? []).map((r) => r.level ?? 0);
  const lastLevel = levels.length > 0 ? Math.max(...levels) : null;
  const responders = (everyone ?? []).filter((r) => r.level === next);
  if (payload.escalations >= MAX_ESCALATIONS) return { escalatedTo: null, notEscalated: `it was already escalated ${MAX_ESCALATIONS} times`, now: false };
  if (lastLevel !== null && next > lastLevel) return { escalatedTo: null, notEscalated: `level ${payload.level} is the last level of the escalation policy`, now: false };
  const key = oncallKeys.escalated(payload.externalId, next);
  if (await deps.store.timeline.findByKey(key)) return { escalatedTo: { level: next, responders }, notEscalated: null, now: false };
  try {
    await deps.oncall.escalate(payload.externalId, next);
  } catch (err) {
    const problem = `Could not escalate the page to level ${next}: ${describeError(err)}`;
    await recordProblems(deps, incident, 'escalate', [problem]);
    return { escalatedTo: null, notEscalated: problem, now: false };
  }
  await recordAction(deps, incident, {
    key,
    kind: 'page_escalated',
    actor: deps.botUserId ?? null,
    text: `Nobody acknowledged level ${payload.level} in time: escalated the page to level ${next}`,
    data: { externalId: payload.externalId, from: payload.level, to: next, responders: respondersData(responders) },
  });
  return { escalatedTo: { level: next, responders }, notEscalated: null, now: true };
}

async function tell(deps: IncidentDeps, incident: Incident, payload: AckDeadlinePayload, escalation: Escalation, deadlineMinutes: number): Promise<void> {
  const view = { level: payload.level, deadlineMinutes, escalatedTo: escalation.escalatedTo, notEscalated: escalation.notEscalated, link: incident.links.pagerduty ?? null };
  const message = deps.views.ackOverdue(incident, view);
  const commander = incident.roles[deps.settings.commanderRole];
  const steps: [string, () => Promise<unknown>][] = [];
  if (incident.channelId) steps.push(['post that the page was not acknowledged', () => deps.chat.postMessage(incident.channelId!, message)]);
  if (commander && commander !== deps.botUserId) steps.push(['tell the commander that the page was not acknowledged', () => deps.chat.sendDirectMessage(commander, message)]);
  if (escalation.now && incident.channelId && escalation.escalatedTo) {
    const { responders } = escalation.escalatedTo;
    steps.push(['invite the next on-call level to the channel', () => inviteResponders(deps, incident.channelId!, responders)]);
  }
  const results = await Promise.allSettled(steps.map(([, run]) => run()));
  const problems = results.flatMap((r, i) => (r.status === 'rejected' ? [problemSentence(steps[i]![0], r.reason)] : []));
  if (problems.length > 0) await recordProblems(deps, incident, 'ack-deadline', problems);
}

export function createAckDeadlineHandler(deps: IncidentDeps): (job: Job) => Promise<void> {
  const { store, logger, clock } = deps;
  return async (job) => {
    const payload = parsePayload(job.payload);
    if (!payload) {
      logger.error({ jobId: job.id, key: job.key, payload: job.payload }, 'acknowledgement deadline job has an unreadable payload; dropped');
      return;
    }
    const incident = await store.incidents.get(payload.incidentId);
    if (!incident) {
      logger.warn({ jobId: job.id, incidentId: payload.incidentId }, 'acknowledgement deadline for an unknown incident; dropped');
      return;
    }
    const stale = await staleness(deps, incident, payload);
    if (stale) {
      logger.debug({ jobId: job.id, incidentId: incident.id, why: stale }, 'stale acknowledgement deadline skipped');
      return;
    }
    const deadlineMinutes = policyOf(deps.settings.severities, incident.severity).ackDeadlineMinutes!;
    // The timeline key claims this deadline: a job that runs twice tells people once.
    const fresh = await recordAction(deps, incident, {
      key: oncallKeys.overdue(payload.externalId, payload.level),
      kind: 'bot_action',
      actor: deps.botUserId ?? null,
      text: `Nobody acknowledged the page within ${deadlineMinutes} min (level ${payload.level})`,
      data: { action: 'ack_overdue', externalId: payload.externalId, level: payload.level },
    });
    const escalation = await escalate(deps, incident, payload);
    if (fresh) await tell(deps, incident, payload, escalation, deadlineMinutes);
    if (escalation.now && escalation.escalatedTo) {
      const runAt = new Date(clock.now().getTime() + deadlineMinutes * MINUTE_MS);
      await scheduleAckDeadline(deps, incident.id, { ...payload, severity: incident.severity, level: escalation.escalatedTo.level, escalations: payload.escalations + 1, runAt });
    }
  };
}
