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
import type { SeverityPolicy } from './incident/settings.js';
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
}

// ---------------------------------------------------------------- other integrations (wired "not configured" until their issues land)

export interface IntegrationStatus {
  configured: boolean;
  /** Why the integration is not configured, and how to configure it. */
  detail: string;
}

export interface PageRequest {
  incident: Incident;
  policy: SeverityPolicy;
}

export interface PageOutcome {
  paged: boolean;
  summary: string;
  link: string | null;
}

export interface OnCallPort {
  status(): IntegrationStatus;
  pageForIncident(request: PageRequest): Promise<PageOutcome>;
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

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  incidents: IncidentRepository;
  timeline: TimelineRepository;
  jobs: JobRepository;
  deployChecks: DeployCheckRepository;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
