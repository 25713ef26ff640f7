/**
 * Creating a PagerDuty incident idempotently. The incident_key makes PagerDuty refuse a second open incident with
 * the same key on the same service (400 "Open incident with matching dedup key already exists on this service");
 * that answer means "already paged", so the open incident is looked up and returned instead of failing.
 */
import type { PageOutcome, Urgency } from '../../core/ports.js';
import type { PagerDutyHttp } from './http-client.js';
import { isDuplicateIncidentKey, type PagerDutyOperation, PagerDutyError } from './pagerduty-error.js';
import { hasId, incidentLabel, incidentOf, type PdIncident, urgencyOf } from './wire.js';

export interface NewPagerDutyIncident {
  serviceId: string;
  title: string;
  details: string;
  urgency: Urgency;
  incidentKey: string;
  /** Pages this policy level by level (cannot be combined with an assignee). */
  escalationPolicyId?: string | null;
  /** Assigns the incident to this user directly instead of the service's escalation policy. */
  assigneeUserId?: string | null;
}

export interface CreatedIncident {
  incident: PdIncident;
  /** True when the incident already existed (a retry of the same page). */
  deduplicated: boolean;
}

export function createIncidentBody(page: NewPagerDutyIncident): object {
  return {
    incident: {
      type: 'incident',
      title: page.title,
      service: { id: page.serviceId, type: 'service_reference' },
      urgency: page.urgency,
      incident_key: page.incidentKey,
      body: { type: 'incident_body', details: page.details },
      ...(page.escalationPolicyId ? { escalation_policy: { id: page.escalationPolicyId, type: 'escalation_policy_reference' } } : {}),
      ...(page.assigneeUserId ? { assignments: [{ assignee: { id: page.assigneeUserId, type: 'user_reference' } }] } : {}),
    },
  };
}

export async function createIncident(http: PagerDutyHttp, operation: PagerDutyOperation, page: NewPagerDutyIncident): Promise<CreatedIncident> {
  try {
    const answer = await http.call(operation, { method: 'POST', path: '/incidents', body: createIncidentBody(page) });
    return { incident: incidentOf(operation, answer, http.host), deduplicated: false };
  } catch (err) {
    if (!isDuplicateIncidentKey(err)) throw err;
    const existing = await findOpenIncident(http, operation, page.serviceId, page.incidentKey);
    if (existing) return { incident: existing, deduplicated: true };
    // Resolved between the 400 and the lookup: a retry will open a fresh incident, which is then right.
    throw new PagerDutyError(
      operation,
      `PagerDuty reported an open incident with key ${page.incidentKey} on service ${page.serviceId}, but none was found; try again`,
      true,
      'duplicate_not_found',
    );
  }
}

/** The open incident with this key on this service (GET /incidents?incident_key=…), newest first; null when none. */
export async function findOpenIncident(http: PagerDutyHttp, operation: PagerDutyOperation, serviceId: string, incidentKey: string): Promise<PdIncident | null> {
  const incidents = await http.list(operation, '/incidents', 'incidents', {
    incident_key: incidentKey,
    'service_ids[]': [serviceId],
    'statuses[]': ['triggered', 'acknowledged'],
    // Without it PagerDuty searches only the last month; a long incident must still be found.
    date_range: 'all',
    sort_by: 'created_at:desc',
  });
  const match = incidents.find((incident) => hasId(incident) && (incident as PdIncident).incident_key === incidentKey) ?? incidents.find(hasId);
  return (match as PdIncident | undefined) ?? null;
}

/** PageOutcome for a created (or found) incident; `what` names whom it paged, e.g. `service Checkout (PSVC001)`. */
export function pageOutcome(created: CreatedIncident, what: string, options: { reportPolicy: boolean }): PageOutcome {
  const { incident, deduplicated } = created;
  const urgency = urgencyOf(incident.urgency);
  const state = [incident.status, urgency && `${urgency} urgency`].filter(Boolean).join(', ');
  const summary = deduplicated
    ? `Already paged ${what}: PagerDuty incident ${incidentLabel(incident)}${state ? ` (${state})` : ''}.`
    : `Paged ${what}${urgency ? ` with ${urgency} urgency` : ''}: PagerDuty incident ${incidentLabel(incident)}.`;
  return {
    paged: true,
    summary,
    link: incident.html_url ?? null,
    externalId: incident.id,
    urgency,
    escalationPolicyId: options.reportPolicy ? (incident.escalation_policy?.id ?? null) : null,
  };
}
