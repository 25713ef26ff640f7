/**
 * What Warroom knows about an incident's page, kept on the timeline (append-only, natural keys), and what a
 * severity policy asks of on-call: urgency and escalation levels.
 */
import type { Urgency } from '../ports.js';
import type { Incident, TimelineEvent } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { IncidentSettings, ServiceDefinition, SeverityPolicy } from './settings.js';

/** Timeline keys of on-call actions; each names one thing that happens once. */
export const oncallKeys = {
  paged: (incidentId: number, severity: string) => `act:paged:${incidentId}:${severity}`,
  /** Responders looked up, invited and told after an earlier attempt could not. */
  notified: (incidentId: number, severity: string) => `act:page-notified:${incidentId}:${severity}`,
  acknowledged: (externalId: string) => `act:page-ack:${externalId}`,
  resolved: (externalId: string) => `act:page-resolved:${externalId}`,
  escalated: (externalId: string, level: number) => `act:page-escalated:${externalId}:${level}`,
  overdue: (externalId: string, level: number) => `act:ack-overdue:${externalId}:${level}`,
  urgency: (externalId: string, urgency: Urgency) => `act:page-urgency:${externalId}:${urgency}`,
  responders: (externalId: string, severity: string) => `act:page-responders:${externalId}:${severity}`,
  note: (externalId: string, what: string) => `act:page-note:${externalId}:${what}`,
  manual: (incidentId: number, externalId: string) => `act:manual-page:${incidentId}:${externalId}`,
};

/** The on-call system's dedup key of a war room's page (the adapter derives the same); webhooks carry it back. */
export const WAR_ROOM_KEY = /^warroom-(\d+)(?:-manual-.*)?$/;

/** The incident id a `warroom-<id>` (or `warroom-<id>-manual-…`) incident key belongs to. */
export function incidentIdFromKey(key: string | null): number | null {
  const match = key ? WAR_ROOM_KEY.exec(key) : null;
  return match ? Number(match[1]) : null;
}

export function urgencyOf(policy: SeverityPolicy): Urgency | null {
  if (policy.page === 'escalation_policy' || policy.page === 'primary') return 'high';
  return policy.page === 'low_urgency' ? 'low' : null;
}

/** Escalation levels whose people join the war room: all of them for the whole policy, else the primary. */
export function levelsOf(policy: SeverityPolicy): number[] | undefined {
  return policy.page === 'escalation_policy' ? undefined : [1];
}

export function serviceOf(settings: IncidentSettings, incident: Pick<Incident, 'service'>): ServiceDefinition | null {
  return incident.service ? (settings.services.find((s) => s.name === incident.service) ?? null) : null;
}

/** A page as recorded by its `paged` timeline event. */
export interface PageRecord {
  externalId: string;
  link: string | null;
  urgency: Urgency | null;
  escalationPolicyId: string | null;
  severity: string;
  pagedAt: Date;
  /** Linked to an on-call incident triggered outside Warroom: its escalation is the on-call system's business. */
  linked: boolean;
  /** Responders were looked up and told in the war room. */
  announced: boolean;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function pageRecordOf(event: TimelineEvent): PageRecord | null {
  const { data } = event;
  const externalId = str(data.externalId);
  if (event.kind !== 'paged' || !externalId) return null;
  const urgency = data.urgency === 'high' || data.urgency === 'low' ? data.urgency : null;
  return {
    externalId,
    link: str(data.link),
    urgency,
    escalationPolicyId: str(data.escalationPolicyId),
    severity: str(data.severity) ?? '',
    pagedAt: event.occurredAt,
    linked: data.linked === true,
    announced: data.announced === true,
  };
}

/** The `paged` event of the war room's own page (not a page by hand), whatever severity it was paged at. */
export async function findPagedEvent(deps: Pick<IncidentDeps, 'store'>, incident: Incident): Promise<TimelineEvent | null> {
  const externalId = incident.links.pagerdutyId;
  if (!externalId) return null;
  const events = await deps.store.timeline.list(incident.id);
  return events.find((event) => event.data.manual !== true && pageRecordOf(event)?.externalId === externalId) ?? null;
}

export async function findPageRecord(deps: Pick<IncidentDeps, 'store'>, incident: Incident): Promise<PageRecord | null> {
  const event = await findPagedEvent(deps, incident);
  return event ? pageRecordOf(event) : null;
}

/** The current urgency of a war room's page: raises only ever move it up, so one urgency event settles it. */
export async function currentUrgency(deps: Pick<IncidentDeps, 'store'>, record: PageRecord): Promise<Urgency | null> {
  if (record.urgency === 'high') return 'high';
  return (await deps.store.timeline.findByKey(oncallKeys.urgency(record.externalId, 'high'))) ? 'high' : record.urgency;
}
