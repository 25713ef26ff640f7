/**
 * Interfaces the core needs from the outside world. Adapters in src/integrations and src/store implement them;
 * src/deps.ts picks which implementation (real, or "not configured") each port gets.
 */
import type {
  Incident,
  IncidentPatch,
  NewIncident,
  NewTimelineEvent,
  TimelineEvent,
} from './incident/model.js';
import type { ServiceDefinition, SeverityPolicy } from './incident/settings.js';
import type { Approval, DeployCheck, NewDeployCheck, Override } from './release/model.js';

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// ---------------------------------------------------------------- chat

/** A rendered message. `blocks` is opaque to the core: templates build it, the chat adapter sends it. */
export interface ChatMessage {
  text: string;
  blocks?: unknown[];
}

export type CreateChannelResult = { ok: true; id: string; name: string } | { ok: false; reason: 'name_taken' };

export interface ChatPort {
  createChannel(name: string, options: { isPrivate: boolean }): Promise<CreateChannelResult>;
  setTopic(channelId: string, topic: string): Promise<void>;
  setPurpose(channelId: string, purpose: string): Promise<void>;
  /** Invites users; users already in the channel are not an error. */
  invite(channelId: string, userIds: string[]): Promise<void>;
  postMessage(channelId: string, message: ChatMessage, options?: { threadTs?: string }): Promise<{ channelId: string; ts: string }>;
  updateMessage(channelId: string, ts: string, message: ChatMessage): Promise<void>;
  /** Pins a message; an already pinned message is not an error. */
  pinMessage(channelId: string, ts: string): Promise<void>;
  postEphemeral(channelId: string, userId: string, message: ChatMessage): Promise<void>;
  sendDirectMessage(userId: string, message: ChatMessage): Promise<void>;
  /** Member user ids of a user group (S…). */
  usersInGroup(groupId: string): Promise<string[]>;
  /** The Slack user with this email (users.lookupByEmail), or null when there is none. */
  lookupUserByEmail(email: string): Promise<string | null>;
  /** A user's email (users.info; needs users:read.email), or null when hidden or unknown. */
  userEmail(userId: string): Promise<string | null>;
  /** A link that opens the channel in Slack. */
  channelUrl(channelId: string): string;
}

/** Renders what the incident core posts. Implemented by src/templates; the core never formats chat text itself. */
export interface IncidentViews {
  topic(incident: Incident): string;
  purpose(incident: Incident): string;
  declaration(incident: Incident, context: { nextUpdateDue: Date | null; policy: SeverityPolicy }): ChatMessage;
  announcement(incident: Incident): ChatMessage;
  severityChanged(incident: Incident, change: { from: string; to: string; actor: string }): ChatMessage;
  roleAssigned(incident: Incident, change: { role: string; userId: string; actor: string }): ChatMessage;
  statusUpdate(incident: Incident, update: { text: string; actor: string; nextUpdateDue: Date | null }): ChatMessage;
  stateChanged(incident: Incident, change: { actor: string; note: string | null }): ChatMessage;
  reminder(incident: Incident, reminder: { attempt: number; overdueMinutes: number; snoozeMinutes: number }): ChatMessage;
  problems(incident: Incident, problems: string[]): ChatMessage;
  /** Who was paged (mentions for people found in Slack, names for the rest), urgency, acknowledgement deadline, link. */
  paged(incident: Incident, page: PagedView): ChatMessage;
  /** Paging failed and why, with a Retry button (action_id `incident_retry_page`, value = incident id). */
  pageFailed(incident: Incident, failure: { severity: string | null; reason: string }): ChatMessage;
  /** Nobody acknowledged in time: tells the channel and the commander, and what was escalated. */
  ackOverdue(incident: Incident, overdue: AckOverdueView): ChatMessage;
  pageAcknowledged(incident: Incident, ack: PageAcknowledgedView): ChatMessage;
  /** The on-call incident was resolved: asks the commander whether to resolve here (button `incident_resolve_from_page`). */
  pageResolved(incident: Incident, resolved: { by: OnCallAgentView | null; link: string | null }): ChatMessage;
  /** A page triggered outside Warroom on a configured service, for the announce channel (button `incident_declare_from_page`). */
  pageTriggered(page: PageTriggeredView): ChatMessage;
}

/** A person paged or on call, as the views show them. */
export interface PagedResponder {
  name: string;
  /** Their Slack user id when their on-call email matches a Slack account; null shows the name instead. */
  slackUserId: string | null;
  /** Escalation level (1 is the primary); null for a person paged directly. */
  level: number | null;
  /** End of their on-call shift, when known. */
  until: Date | null;
}

export interface PagedView {
  /** The severity whose policy paged; null for a page by hand. */
  severity: string | null;
  /** Slack user who paged by hand; null when the severity policy paged. */
  requestedBy: string | null;
  urgency: Urgency | null;
  responders: PagedResponder[];
  /** By when the page must be acknowledged; null when there is no deadline. */
  ackBy: Date | null;
  link: string | null;
}

export interface AckOverdueView {
  /** The level that did not acknowledge. */
  level: number;
  deadlineMinutes: number;
  /** The level the page was escalated to and who is on call there; null when it was not escalated. */
  escalatedTo: { level: number; responders: PagedResponder[] } | null;
  /** Why it was not escalated (last level, escalation limit, or the failure). */
  notEscalated: string | null;
  link: string | null;
}

export interface OnCallAgentView {
  name: string;
  slackUserId: string | null;
}

export interface PageAcknowledgedView {
  by: OnCallAgentView | null;
  at: Date;
  /** Time from the page to this acknowledgement, in ms, when the page time is known. */
  afterMs: number | null;
  link: string | null;
}

export interface PageTriggeredView {
  title: string;
  number: number | null;
  urgency: Urgency | null;
  /** The Warroom service the page belongs to. */
  service: string;
  link: string | null;
  /** Value of the "Declare war room" button, as `declareFromPage` reads it (at most 2000 characters). */
  declareValue: string;
}

// ---------------------------------------------------------------- other integrations (wired "not configured" until their issues land)

export interface IntegrationStatus {
  configured: boolean;
  /** Why the integration is not configured, and how to configure it. */
  detail: string;
}

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

export interface CodeHostPort {
  status(): IntegrationStatus;
  createIssue(input: { repository: string; title: string; body: string; labels: string[] }): Promise<{ number: number; url: string }>;
}

export interface ClusterPort {
  status(): IntegrationStatus;
  listClusters(): Promise<string[]>;
}

/** One sample of an instant vector. `value` may be NaN or ±Infinity (Prometheus sends "NaN", "+Inf", "-Inf"). */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
  at: Date;
}

export interface MetricSeries {
  labels: Record<string, string>;
  points: { at: Date; value: number }[];
}

/**
 * PromQL over the Prometheus HTTP API. Errors are IntegrationError('prometheus', …) whose reason starts with
 * Prometheus' `errorType` (bad_data, execution, timeout, unavailable …) or the transport failure.
 */
export interface MetricsPort {
  status(): IntegrationStatus;
  queryInstant(query: string, at?: Date): Promise<MetricSample[]>;
  queryRange(query: string, range: { start: Date; end: Date; stepSeconds: number }): Promise<MetricSeries[]>;
}

// ---------------------------------------------------------------- storage

export interface IncidentRepository {
  create(incident: NewIncident): Promise<Incident>;
  get(id: number): Promise<Incident | null>;
  findByChannel(channelId: string): Promise<Incident | null>;
  /** The most recent incident with this dedupe key declared at or after `since`. */
  findByDedupeKey(dedupeKey: string, since: Date): Promise<Incident | null>;
  update(id: number, patch: IncidentPatch): Promise<Incident>;
  /** Incidents in an open state (investigating, mitigated), most severe first is up to the caller. */
  listOpen(): Promise<Incident[]>;
}

export interface TimelineQuery {
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
}

export interface TimelineRepository {
  /** Idempotent on `key`: a second append with the same key stores nothing and returns the stored event. */
  append(event: NewTimelineEvent): Promise<{ inserted: boolean; event: TimelineEvent }>;
  findByKey(key: string): Promise<TimelineEvent | null>;
  editText(key: string, text: string, editedAt: Date): Promise<boolean>;
  markDeleted(key: string, deletedAt: Date): Promise<boolean>;
  /** Adds (on) or removes (off) one mark; returns the event after the change, or null when the key is unknown. */
  setMark(key: string, mark: string, on: boolean): Promise<TimelineEvent | null>;
  /** Ordered by occurredAt, then by insertion. */
  list(incidentId: number, query?: TimelineQuery): Promise<TimelineEvent[]>;
  count(incidentId: number, options?: { includeDeleted?: boolean }): Promise<number>;
  /** Attaches events captured before the channel was known as an incident's. */
  adoptChannel(channelId: string, incidentId: number): Promise<number>;
}

export interface Job {
  id: number;
  kind: string;
  /** Unique per occurrence: scheduling the same key twice is a no-op. */
  key: string;
  runAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface JobRepository {
  /** Returns false when a job with this key already exists (in any state). */
  schedule(job: { kind: string; key: string; runAt: Date; payload: Record<string, unknown> }): Promise<boolean>;
  /** Claims up to `limit` due pending jobs (or jobs whose lease expired) for `owner` until now + leaseMs. */
  claimDue(now: Date, owner: string, leaseMs: number, limit: number): Promise<Job[]>;
  complete(id: number, owner: string): Promise<void>;
  /** Puts a failed job back to pending at `retryAt` with the error recorded. */
  fail(id: number, owner: string, error: string, retryAt: Date): Promise<void>;
  /** Cancels pending jobs whose key starts with `keyPrefix`; returns how many. */
  cancelPending(keyPrefix: string): Promise<number>;
  listPending(keyPrefix: string): Promise<Job[]>;
  releaseLeases(owner: string): Promise<number>;
}

export interface DeployCheckRepository {
  create(check: NewDeployCheck): Promise<DeployCheck>;
  get(id: number): Promise<DeployCheck | null>;
  /** Adds an approval once per user (a second click is a no-op); returns the check after the change. */
  addApproval(id: number, approval: Approval): Promise<DeployCheck>;
  setOverride(id: number, override: Override): Promise<DeployCheck>;
  /** Newest first. */
  listByService(service: string, limit: number): Promise<DeployCheck[]>;
}

/** Webhook deliveries already handled, so a redelivery has no second effect. */
export interface InboundEventRepository {
  /** True the first time `source`+`eventId` is seen; false for every redelivery. */
  recordOnce(source: string, eventId: string, receivedAt: Date): Promise<boolean>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  inbound: InboundEventRepository;
  incidents: IncidentRepository;
  timeline: TimelineRepository;
  jobs: JobRepository;
  deployChecks: DeployCheckRepository;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
