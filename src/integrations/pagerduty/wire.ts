/**
 * The parts of PagerDuty's REST answers the adapter reads (schemas in PagerDuty's OpenAPI description:
 * Incident, Oncall, User, EscalationPolicy), and narrow readers that turn an unexpected shape into a clear error.
 */
import type { PagerDutyOperation } from './pagerduty-error.js';
import { PagerDutyError } from './pagerduty-error.js';

export interface PdReference {
  id: string;
  type?: string;
  summary?: string | null;
  html_url?: string | null;
}

export interface PdIncident {
  id: string;
  incident_number?: number;
  title?: string;
  status?: string;
  urgency?: string;
  html_url?: string | null;
  incident_key?: string | null;
  service?: PdReference;
  escalation_policy?: PdReference;
}

/** With `include[]=users`, `user` is the whole User (name, email); otherwise a reference with `summary`. */
export interface PdOnCall {
  escalation_level?: number;
  user?: PdReference & { name?: string; email?: string };
  escalation_policy?: PdReference;
  schedule?: PdReference | null;
  start?: string | null;
  end?: string | null;
}

export interface PdUser {
  id: string;
  name?: string;
  email?: string;
}

export interface PdEscalationPolicy {
  id: string;
  name?: string;
  summary?: string | null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasId(value: unknown): value is { id: string } {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '';
}

/** `answer[key]` as an incident (POST /incidents, PUT /incidents/{id}), or an invalid_response error. */
export function incidentOf(operation: PagerDutyOperation, answer: unknown, host: string): PdIncident {
  const incident = isRecord(answer) ? answer.incident : undefined;
  if (!hasId(incident)) throw new PagerDutyError(operation, `unexpected answer from ${host}: no incident with an id`, false, 'invalid_response');
  return incident as PdIncident;
}

export function urgencyOf(value: unknown): 'high' | 'low' | null {
  return value === 'high' || value === 'low' ? value : null;
}

/** `#1234 "Checkout is down"`, for summaries. */
export function incidentLabel(incident: PdIncident): string {
  const number = typeof incident.incident_number === 'number' ? `#${incident.incident_number}` : incident.id;
  return incident.title ? `${number} "${incident.title}"` : number;
}
