/**
 * Paging on-call per the severity's policy, at most once per incident: the page, who is on call (invited to the
 * war room), one message saying so, and the acknowledgement deadline. Each part is recorded on the timeline, so a
 * resumed declaration or a Retry finishes what is missing and nothing twice.
 */
import { describeError } from '../errors.js';
import type { PageOutcome, PagedResponder } from '../ports.js';
import type { Incident, TimelineEvent } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { SeverityPolicy } from './settings.js';
import { scheduleAckDeadline } from './ack-deadline.js';
import { problemSentence, recordAction } from './effects.js';
import { describeResponders, inviteResponders, lookupResponders, respondersData } from './oncall-people.js';
import { findPagedEvent, levelsOf, oncallKeys, pageRecordOf, serviceOf, urgencyOf, type PageRecord } from './oncall-state.js';
import { reportPageFailure, type PageAttempt } from './page-failure.js';
import { MINUTE_MS } from './time.js';

export type { PageAttempt } from './page-failure.js';

export const pagedKey = oncallKeys.paged;

const NOTHING: PageAttempt = { failure: null, problems: [] };

export interface PageOptions {
  /** Settles when the other declaration steps have: the page message then comes after the declaration. */
  after?: Promise<unknown>;
}

/** The war room's own page, or a link to an on-call incident triggered outside Warroom (never a second page). */
async function obtainPage(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy): Promise<PageOutcome> {
  const { links } = incident;
  if (links.pagerdutyId) {
    return { paged: true, summary: 'linked', link: links.pagerduty ?? null, externalId: links.pagerdutyId, urgency: null, escalationPolicyId: null };
  }
  const warRoomUrl = incident.channelId ? deps.chat.channelUrl(incident.channelId) : null;
  return deps.oncall.pageForIncident({ incident, policy, service: serviceOf(deps.settings, incident), warRoomUrl });
}

async function storeLinks(deps: IncidentDeps, incident: Incident, outcome: PageOutcome): Promise<void> {
  const current = (await deps.store.incidents.get(incident.id)) ?? incident;
  const links = { ...current.links };
  if (outcome.link) links.pagerduty = outcome.link;
  if (outcome.externalId) links.pagerdutyId = outcome.externalId;
  await deps.store.incidents.update(incident.id, { links });
}

type Lookup = { ok: true; responders: PagedResponder[] } | { ok: false; error: string };

async function lookup(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, escalationPolicyId: string | null): Promise<Lookup> {
  const policyId = escalationPolicyId ?? deps.oncall.escalationPolicyFor(serviceOf(deps.settings, incident));
  // Without an escalation policy there is nobody to look up; the page itself went out.
  if (!policyId) return { ok: true, responders: [] };
  try {
    return { ok: true, responders: await lookupResponders(deps, policyId, levelsOf(policy)) };
  } catch (err) {
    return { ok: false, error: describeError(err) };
  }
}

/** Invites the responders and posts who was paged; Slack failures are ordinary problems. */
async function announce(deps: IncidentDeps, incident: Incident, record: PageRecord, responders: PagedResponder[], ackBy: Date | null, options: PageOptions): Promise<string[]> {
  const channelId = incident.channelId!;
  await options.after?.catch(() => undefined);
  const problems: string[] = [];
  try {
    await inviteResponders(deps, channelId, responders);
  } catch (err) {
    problems.push(problemSentence('invite the on-call responders to the channel', err));
  }
  try {
    const view = { severity: record.severity, requestedBy: null, urgency: record.urgency, responders, ackBy, link: record.link };
    await deps.chat.postMessage(channelId, deps.views.paged(incident, view));
  } catch (err) {
    problems.push(problemSentence('post who was paged', err));
  }
  return problems;
}

const ackByOf = (record: PageRecord, policy: SeverityPolicy): Date | null =>
  record.linked || policy.ackDeadlineMinutes === null ? null : new Date(record.pagedAt.getTime() + policy.ackDeadlineMinutes * MINUTE_MS);

/** An earlier attempt paged but could not say who: look them up, invite them and tell the war room now. */
async function finishNotice(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, record: PageRecord, options: PageOptions): Promise<PageAttempt> {
  const key = oncallKeys.notified(incident.id, record.severity);
  if (record.announced || (await deps.store.timeline.findByKey(key))) return NOTHING;
  const found = await lookup(deps, incident, policy, record.escalationPolicyId);
  if (!found.ok) return reportPageFailure(deps, incident, record.severity, `On-call was paged for ${record.severity}, but who is on call could not be looked up: ${found.error}`);
  if (!incident.channelId) return NOTHING;
  const problems = await announce(deps, incident, record, found.responders, ackByOf(record, policy), options);
  await recordAction(deps, incident, {
    key,
    kind: 'bot_action',
    actor: deps.botUserId ?? null,
    text: `On-call told in the war room: ${describeResponders(found.responders)}`,
    data: { action: 'page_notified', externalId: record.externalId, responders: respondersData(found.responders) },
  });
  return { failure: null, problems };
}

function pagedText(policy: SeverityPolicy, outcome: PageOutcome, found: Lookup): string {
  const what = outcome.summary === 'linked' ? `Linked the on-call incident triggered outside Warroom` : `Paged on-call for ${policy.name}`;
  const urgency = outcome.urgency ? ` (${outcome.urgency} urgency)` : '';
  const who = found.ok ? describeResponders(found.responders) : 'who is on call is unknown';
  return `${what}${urgency}: ${who}${outcome.link ? ` · ${outcome.link}` : ''}`;
}

/**
 * Pages on-call for `policy` unless it pages nobody or the war room was already paged. A failure is reported in
 * the war room with a Retry button (and on the timeline) and returned as `failure`; Slack problems as `problems`.
 * An unconfigured on-call integration is not a problem: it is noted on the timeline once.
 */
export async function pageOnCall(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, actor: string, options: PageOptions = {}): Promise<PageAttempt> {
  if (policy.page === 'none') return NOTHING;
  const key = oncallKeys.paged(incident.id, policy.name);
  const existing: TimelineEvent | null = (await deps.store.timeline.findByKey(key)) ?? (await findPagedEvent(deps, incident));
  if (existing) {
    const record = pageRecordOf(existing);
    return record ? finishNotice(deps, incident, policy, record, options) : NOTHING;
  }
  const status = deps.oncall.status();
  if (!status.configured) {
    // A team that has not set up paging chose so: note it on the timeline instead of alarming every war room.
    await recordAction(deps, incident, { key, kind: 'bot_action', actor, text: `Nobody was paged for ${policy.name}: ${status.detail}`, data: { action: 'page_skipped', severity: policy.name, page: policy.page } });
    return NOTHING;
  }
  const linked = Boolean(incident.links.pagerdutyId);
  let outcome: PageOutcome;
  try {
    outcome = await obtainPage(deps, incident, policy);
  } catch (err) {
    return reportPageFailure(deps, incident, policy.name, `Could not page on-call for ${policy.name} (${policy.page}): ${describeError(err)}`);
  }
  if (!outcome.paged) return reportPageFailure(deps, incident, policy.name, `On-call was not paged for ${policy.name} (${policy.page}): ${outcome.summary}`);
  if (!linked) await storeLinks(deps, incident, outcome);
  const found = await lookup(deps, incident, policy, outcome.escalationPolicyId);
  const urgency = outcome.urgency ?? (linked ? null : urgencyOf(policy));
  const record: PageRecord = {
    externalId: outcome.externalId ?? '',
    link: outcome.link,
    urgency,
    escalationPolicyId: outcome.escalationPolicyId,
    severity: policy.name,
    pagedAt: deps.clock.now(),
    linked,
    announced: found.ok && Boolean(incident.channelId),
  };
  const fresh = await recordAction(deps, incident, {
    key,
    kind: 'paged',
    actor,
    occurredAt: record.pagedAt,
    text: pagedText(policy, outcome, found),
    data: {
      action: 'paged',
      severity: policy.name,
      page: policy.page,
      urgency,
      link: outcome.link,
      externalId: outcome.externalId,
      escalationPolicyId: outcome.escalationPolicyId,
      linked,
      announced: record.announced,
      responders: found.ok ? respondersData(found.responders) : null,
    },
  });
  if (!fresh) return NOTHING; // a concurrent attempt got there first and does the rest
  const ackBy = ackByOf(record, policy);
  if (ackBy && outcome.externalId) {
    try {
      await scheduleAckDeadline(deps, incident.id, { severity: policy.name, level: 1, escalations: 0, externalId: outcome.externalId, escalationPolicyId: outcome.escalationPolicyId, runAt: ackBy });
    } catch (err) {
      deps.logger.error({ err, incidentId: incident.id }, 'could not schedule the acknowledgement deadline');
    }
  }
  if (!found.ok) return reportPageFailure(deps, incident, policy.name, `On-call was paged for ${policy.name}, but who is on call could not be looked up: ${found.error}`);
  if (!incident.channelId) return NOTHING;
  return { failure: null, problems: await announce(deps, incident, record, found.responders, ackBy, options) };
}
