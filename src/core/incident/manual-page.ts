/** `/incident page` and `/incident oncall`: paging a person, service or escalation policy by hand, and who is on call. */
import { describeError, DomainError } from '../errors.js';
import type { PagedResponder, PageOutcome, PageTarget } from '../ports.js';
import type { Actor, ManualPageResult, OnCallResult } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { problemSentence, recordAction, recordProblems } from './effects.js';
import { incidentRef } from './lifecycle.js';
import { inviteResponders, lookupResponders, respondersData, slackUserFor, withSlackUsers } from './oncall-people.js';
import { oncallKeys } from './oncall-state.js';
import { findService } from './services.js';

function requireConfigured(deps: IncidentDeps): void {
  const status = deps.oncall.status();
  if (!status.configured) throw new DomainError('INTEGRATION_NOT_CONFIGURED', status.detail);
}

/** Part of a dedup key naming the target, so that paging the same target again lands on the same on-call incident. */
export function targetKey(target: PageTarget): string {
  const raw = target.kind === 'user' ? `user-${target.email}` : target.kind === 'service' ? `service-${target.name}` : `policy-${target.idOrName}`;
  return raw.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 200);
}

export function describeTarget(target: PageTarget): string {
  if (target.kind === 'user') return target.email;
  return target.kind === 'service' ? `service ${target.name}` : `escalation policy ${target.idOrName}`;
}

/** The person paged, or level 1 of the escalation policy that was; empty when that cannot be told. */
async function respondersFor(deps: IncidentDeps, target: PageTarget, outcome: PageOutcome): Promise<PagedResponder[]> {
  if (target.kind === 'user') return [{ name: target.email, slackUserId: await slackUserFor(deps, target.email), level: null, until: null }];
  if (!outcome.escalationPolicyId) return [];
  try {
    return await lookupResponders(deps, outcome.escalationPolicyId, [1]);
  } catch (err) {
    deps.logger.warn({ err, target }, 'could not look up who a manual page reached');
    return [];
  }
}

async function sendPage(deps: IncidentDeps, incident: Incident | null, request: Parameters<IncidentDeps['oncall']['pageTarget']>[0]): Promise<PageOutcome> {
  let outcome: PageOutcome;
  try {
    outcome = await deps.oncall.pageTarget(request);
  } catch (err) {
    const reason = `Could not page ${describeTarget(request.target)}: ${describeError(err)}`;
    if (incident) await recordProblems(deps, incident, 'page', [reason]);
    throw new DomainError('INTEGRATION_FAILED', `${reason}. Try again; the same page is not sent twice.`, { target: request.target });
  }
  if (!outcome.paged) throw new DomainError('INTEGRATION_FAILED', `${describeTarget(request.target)} was not paged: ${outcome.summary}`, { target: request.target });
  return outcome;
}

async function pageInWarRoom(deps: IncidentDeps, incident: Incident, target: PageTarget, message: string | null, actor: Actor): Promise<ManualPageResult> {
  const title = incident.isPrivate ? `Private incident ${incidentRef(incident)}` : `${incidentRef(incident)}: ${incident.title}`;
  const dedupKey = `warroom-${incident.id}-manual-${targetKey(target)}`;
  const warRoomUrl = incident.channelId ? deps.chat.channelUrl(incident.channelId) : null;
  const outcome = await sendPage(deps, incident, { target, title, message, dedupKey, incident, warRoomUrl });
  const responders = await respondersFor(deps, target, outcome);
  const fresh = await recordAction(deps, incident, {
    key: oncallKeys.manual(incident.id, outcome.externalId ?? dedupKey),
    kind: 'paged',
    actor: actor.userId,
    text: `Paged ${describeTarget(target)} by hand${message ? `: ${message}` : ''}${outcome.link ? ` · ${outcome.link}` : ''}`,
    data: { manual: true, target, externalId: outcome.externalId, link: outcome.link, urgency: outcome.urgency, responders: respondersData(responders) },
  });
  let invited: string[] = [];
  if (incident.channelId) {
    const problems: string[] = [];
    try {
      invited = await inviteResponders(deps, incident.channelId, responders);
    } catch (err) {
      problems.push(problemSentence('invite the paged person to the channel', err));
    }
    if (fresh) {
      const view = { severity: null, requestedBy: actor.userId, urgency: outcome.urgency, responders, ackBy: null, link: outcome.link };
      await deps.chat.postMessage(incident.channelId, deps.views.paged(incident, view)).catch((err: unknown) => problems.push(problemSentence('post who was paged', err)));
    }
    if (problems.length > 0) await recordProblems(deps, incident, 'page', problems);
  }
  return { incident, target, outcome, responders, invited };
}

export function createPage(deps: IncidentDeps): (channelId: string, target: PageTarget, message: string | null, actor: Actor) => Promise<ManualPageResult> {
  return async (channelId, target, messageInput, actor) => {
    requireConfigured(deps);
    const message = messageInput?.trim() || null;
    const incident = await deps.store.incidents.findByChannel(channelId);
    if (incident) return pageInWarRoom(deps, incident, target, message, actor);
    if (!message) {
      throw new DomainError('BAD_INPUT', 'Say why you page: outside a war room the message is the page’s title, e.g. `/incident page @alice Checkout returns 500s`.', { field: 'message' });
    }
    const outcome = await sendPage(deps, null, { target, title: message, message: null, dedupKey: `warroom-manual-${targetKey(target)}`, incident: null, warRoomUrl: null });
    return { incident: null, target, outcome, responders: await respondersFor(deps, target, outcome), invited: [] };
  };
}

export function createOnCall(deps: IncidentDeps): (serviceName: string | null) => Promise<OnCallResult> {
  return async (serviceName) => {
    requireConfigured(deps);
    const service = serviceName?.trim() ? findService(deps.settings.services, serviceName) : null;
    const policyId = deps.oncall.escalationPolicyFor(service);
    if (!policyId) {
      const why = service
        ? `${service.name} has no escalation policy: give it a PagerDuty service or escalation policy in the config, or set a default escalation policy.`
        : 'No default escalation policy is configured: name a service, e.g. `/incident oncall checkout`, or set a default escalation policy.';
      throw new DomainError('INTEGRATION_NOT_CONFIGURED', why, { service: service?.name ?? null });
    }
    let entries;
    try {
      entries = await deps.oncall.whoIsOnCall({ escalationPolicyId: policyId });
    } catch (err) {
      throw new DomainError('INTEGRATION_FAILED', `Could not look up who is on call: ${describeError(err)}`, { policyId });
    }
    const sorted = [...entries].sort((a, b) => a.level - b.level);
    return { service: service?.name ?? null, policyId, entries: await withSlackUsers(deps, sorted) };
  };
}
