/** The on-call system (PagerDuty) as the incident core needs it. */
import type { Incident } from '../incident/model.js';
import type { ServiceDefinition, SeverityPolicy } from '../incident/settings.js';
import type { IntegrationStatus } from './status.js';

export type Urgency = 'high' | 'low';

export interface PageRequest {
  incident: Incident;
  policy: SeverityPolicy;
  /** The incident's service (its PagerDuty service and escalation policy); null pages the default service. */
  service: ServiceDefinition | null;
  /** Link to the war room, for the page's body. */
  warRoomUrl: string | null;
}

export interface PageOutcome {
  paged: boolean;
  summary: string;
  /** The on-call incident's web page. */
  link: string | null;
  /** The on-call system's incident id (PagerDuty `P…`), for notes, urgency, escalation and resolution. */
  externalId: string | null;
  urgency: Urgency | null;
  /** The escalation policy that was paged, when known (to look up who is on call). */
  escalationPolicyId: string | null;
}

export interface OnCallPerson {
  id: string;
  name: string;
  email: string | null;
}

export interface OnCallEntry {
  /** Escalation level, 1 is the primary. */
  level: number;
  person: OnCallPerson;
  /** When this on-call shift ends; null for always-on-call (no schedule). */
  until: Date | null;
  escalationPolicy: { id: string; name: string };
  schedule: { id: string; name: string } | null;
}

/** Whom `/incident page` pages: a person (by email), a service, or an escalation policy (by id or name). */
export type PageTarget = { kind: 'user'; email: string } | { kind: 'service'; name: string } | { kind: 'escalation_policy'; idOrName: string };

export interface ManualPageRequest {
  target: PageTarget;
  title: string;
  message: string | null;
  /** Makes a retried manual page land on the same on-call incident. */
  dedupKey: string;
  /** The war room the page is for, when there is one. */
  incident: Incident | null;
  warRoomUrl: string | null;
}

/** What an on-call system tells us by webhook, already verified and parsed. */
export interface OnCallWebhookEvent {
  id: string;
  type: string;
  occurredAt: Date;
  incident: {
    id: string;
    number: number | null;
    title: string;
    urgency: Urgency | null;
    status: string | null;
    serviceId: string | null;
    serviceName: string | null;
    htmlUrl: string | null;
    /** The dedup key the incident was created with (ours: `warroom-<id>`), when present. */
    incidentKey: string | null;
  } | null;
  /** Who acted (acknowledged, resolved …), when the event says. */
  agent: { id: string; name: string; email: string | null } | null;
}

export interface OnCallPort {
  status(): IntegrationStatus;
  /** Creates the on-call incident for a war room; idempotent through a dedup key derived from the incident id. */
  pageForIncident(request: PageRequest): Promise<PageOutcome>;
  /** Who is on call for an escalation policy now, per level (all levels when `levels` is omitted). */
  whoIsOnCall(query: { escalationPolicyId: string; levels?: number[] }): Promise<OnCallEntry[]>;
  /** Escalation policy of a configured service (by Warroom service name) or the default one; null when none. */
  escalationPolicyFor(service: ServiceDefinition | null): string | null;
  setUrgency(externalId: string, urgency: Urgency): Promise<void>;
  escalate(externalId: string, level: number): Promise<void>;
  addNote(externalId: string, text: string): Promise<void>;
  resolve(externalId: string): Promise<void>;
  pageTarget(request: ManualPageRequest): Promise<PageOutcome>;
}

