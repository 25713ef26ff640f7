/**
 * What the on-call system tells us by webhook (already verified and parsed by the HTTP edge). Each delivery has
 * one effect at most: its id is recorded first (and forgotten again if handling fails, so a redelivery retries),
 * and every timeline event it makes has a natural key.
 */
import type { ChatMessage, OnCallWebhookEvent } from '../ports.js';
import type { OnCallWebhookOutcome } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { encodeDeclareValue, findLinkedWarRoom, type DeclareFromSource } from './declare-from-page.js';
import { problemSentence, recordAction, recordProblems } from './effects.js';
import { isOpen } from './lifecycle.js';
import { slackUserFor } from './oncall-people.js';
import { incidentIdFromKey, oncallKeys, pageRecordOf } from './oncall-state.js';

type Page = NonNullable<OnCallWebhookEvent['incident']>;

export const WEBHOOK_SOURCE = 'pagerduty';

/** The war room a page belongs to: by our incident key, else the open war room linked to it. */
async function warRoomOf(deps: IncidentDeps, page: Page): Promise<Incident | null> {
  const id = incidentIdFromKey(page.incidentKey);
  if (id !== null) return deps.store.incidents.get(id);
  return findLinkedWarRoom(deps, page.id);
}

async function agentOf(deps: IncidentDeps, event: OnCallWebhookEvent): Promise<{ name: string; slackUserId: string | null } | null> {
  const { agent } = event;
  if (!agent) return null;
  return { name: agent.name || agent.email || agent.id, slackUserId: await slackUserFor(deps, agent.email) };
}

async function post(deps: IncidentDeps, incident: Incident, what: string, message: () => ChatMessage): Promise<void> {
  if (!incident.channelId) return;
  try {
    await deps.chat.postMessage(incident.channelId, message());
  } catch (err) {
    await recordProblems(deps, incident, 'oncall-webhook', [problemSentence(what, err)]);
  }
}

/** When this page went out, for the time to acknowledge. */
async function pagedAt(deps: IncidentDeps, incident: Incident, externalId: string): Promise<Date | null> {
  const events = await deps.store.timeline.list(incident.id);
  return events.find((e) => pageRecordOf(e)?.externalId === externalId)?.occurredAt ?? null;
}

async function triggered(deps: IncidentDeps, declareFromSource: DeclareFromSource, page: Page): Promise<OnCallWebhookOutcome> {
  // Our own pages come back as triggered events too.
  if (page.incidentKey?.startsWith('warroom-')) return 'ignored';
  const service = page.serviceId ? deps.settings.services.find((s) => s.pagerDuty?.serviceId === page.serviceId) : undefined;
  if (!service) return 'ignored';
  if (await findLinkedWarRoom(deps, page.id)) return 'ignored';
  const source = { externalId: page.id, number: page.number, title: page.title, service: service.name, urgency: page.urgency, link: page.htmlUrl };
  const { onCallTriggers, announceChannel } = deps.settings;
  if (onCallTriggers.autoDeclareHighUrgency && page.urgency === 'high') {
    const { incident } = await declareFromSource(source, { userId: deps.botUserId ?? 'warroom' }, { byBot: true });
    deps.logger.info({ incidentId: incident.id, externalId: page.id }, 'war room declared for a high-urgency page');
    return 'handled';
  }
  if (!announceChannel) {
    deps.logger.info({ externalId: page.id }, 'page triggered on a configured service, but no announce channel is configured to offer a war room');
    return 'ignored';
  }
  await deps.chat.postMessage(announceChannel, deps.views.pageTriggered({ ...source, declareValue: encodeDeclareValue(source) }));
  return 'handled';
}

async function acknowledged(deps: IncidentDeps, event: OnCallWebhookEvent, page: Page): Promise<OnCallWebhookOutcome> {
  const incident = await warRoomOf(deps, page);
  if (!incident) return 'ignored';
  const by = await agentOf(deps, event);
  const since = await pagedAt(deps, incident, page.id);
  const afterMs = since ? Math.max(0, event.occurredAt.getTime() - since.getTime()) : null;
  const fresh = await recordAction(deps, incident, {
    key: oncallKeys.acknowledged(page.id),
    kind: 'page_acknowledged',
    actor: event.agent ? event.agent.name || event.agent.email : null,
    occurredAt: event.occurredAt,
    // The timeline shows the actor in front: "Priya Primary: Acknowledged the page".
    text: by ? 'Acknowledged the page' : 'The page was acknowledged',
    data: { externalId: page.id, eventId: event.id, agent: event.agent, slackUserId: by?.slackUserId ?? null, afterMs },
  });
  if (fresh) await post(deps, incident, 'post the acknowledgement', () => deps.views.pageAcknowledged(incident, { by, at: event.occurredAt, afterMs, link: page.htmlUrl }));
  return 'handled';
}

async function resolved(deps: IncidentDeps, event: OnCallWebhookEvent, page: Page): Promise<OnCallWebhookOutcome> {
  const incident = await warRoomOf(deps, page);
  if (!incident) return 'ignored';
  const by = await agentOf(deps, event);
  // Resolved from Warroom first: the same key is already there, and nobody needs asking.
  const fresh = await recordAction(deps, incident, {
    key: oncallKeys.resolved(page.id),
    kind: 'page_resolved',
    actor: event.agent ? event.agent.name || event.agent.email : null,
    occurredAt: event.occurredAt,
    text: by ? 'Resolved the on-call incident' : 'The on-call incident was resolved',
    data: { externalId: page.id, eventId: event.id, agent: event.agent, source: 'oncall' },
  });
  if (fresh && isOpen(incident) && incident.links.pagerdutyId === page.id) {
    await post(deps, incident, 'ask whether to resolve the incident', () => deps.views.pageResolved(incident, { by, link: page.htmlUrl }));
  }
  return 'handled';
}

export function createHandleOnCallWebhook(deps: IncidentDeps, declareFromSource: DeclareFromSource): (event: OnCallWebhookEvent) => Promise<OnCallWebhookOutcome> {
  return async (event) => {
    if (!(await deps.store.inbound.recordOnce(WEBHOOK_SOURCE, event.id, deps.clock.now()))) return 'duplicate';
    try {
      return await handle(event);
    } catch (err) {
      // Not handled after all: let PagerDuty's redelivery through (its effects are idempotent by timeline key).
      await deps.store.inbound.forget(WEBHOOK_SOURCE, event.id);
      throw err;
    }
  };

  async function handle(event: OnCallWebhookEvent): Promise<OnCallWebhookOutcome> {
    const page = event.incident;
    if (!page) return 'ignored';
    switch (event.type) {
      case 'incident.triggered':
        return triggered(deps, declareFromSource, page);
      case 'incident.acknowledged':
        return acknowledged(deps, event, page);
      case 'incident.resolved':
        return resolved(deps, event, page);
      default:
        return 'ignored';
    }
  }
}
