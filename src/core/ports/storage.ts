/** Storage ports: one repository per aggregate, assembled into a Store. */
import type { Incident, IncidentPatch, IncidentState, NewIncident, NewTimelineEvent, TimelineEvent } from '../incident/model.js';
import type { Mitigation, MitigationPatch, MitigationState, NewMitigation } from '../mitigation/model.js';
import type { ActionItem, ActionItemPatch, NewActionItem, Postmortem, PostmortemDraft } from '../postmortem/model.js';
import type { Approval, DeployCheck, NewDeployCheck, Override } from '../release/model.js';

// ---------------------------------------------------------------- storage

/** Which earlier incident a repeated declaration resumes: same dedupe key, declared at or after `since`, in one of `states`. */
export interface ResumableDeclaration {
  since: Date;
  states: readonly IncidentState[];
}

export interface IncidentRepository {
  create(incident: NewIncident): Promise<Incident>;
  /**
   * One atomic step, also across processes (two replicas handling the same double submission): returns the newest
   * incident with `incident.dedupeKey` that matches `resume` (created false), or else inserts `incident` (created true).
   */
  createUnlessRecent(incident: NewIncident, resume: ResumableDeclaration): Promise<{ incident: Incident; created: boolean }>;
  /**
   * Runs `work` while no other process runs it for the same incident (two replicas resuming one declaration would
   * each create a war room). The wait is bounded: when the lock cannot be had in time, `work` runs anyway with
   * `acquired` false, so a stuck lock never blocks a declaration.
   */
  withDeclarationLock<T>(incidentId: number, work: (lock: { acquired: boolean }) => Promise<T>): Promise<T>;
  get(id: number): Promise<Incident | null>;
  findByChannel(channelId: string): Promise<Incident | null>;
  /** The most recent incident with this dedupe key declared at or after `since`. */
  findByDedupeKey(dedupeKey: string, since: Date): Promise<Incident | null>;
  update(id: number, patch: IncidentPatch): Promise<Incident>;
  /** Incidents in an open state (investigating, mitigated), most severe first is up to the caller. */
  listOpen(): Promise<Incident[]>;
  /** Every incident declared at or after `since`, in any state, oldest first. */
  listDeclaredSince(since: Date): Promise<Incident[]>;
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

export interface MitigationRepository {
  create(mitigation: NewMitigation): Promise<Mitigation>;
  get(id: number): Promise<Mitigation | null>;
  /**
   * Applies `patch` only while the mitigation is in one of `fromStates`; returns the updated mitigation, or null when
   * its state had moved on (a second click, a replica that got there first).
   */
  transition(id: number, fromStates: MitigationState[], patch: MitigationPatch): Promise<Mitigation | null>;
  update(id: number, patch: MitigationPatch): Promise<Mitigation>;
}

export interface PostmortemRepository {
  getByIncident(incidentId: number): Promise<Postmortem | null>;
  /** Creates or replaces the draft of the incident's postmortem (stored before anything is published). */
  saveDraft(incidentId: number, draft: PostmortemDraft, updatedBy: string): Promise<Postmortem>;
  markPublished(id: number, published: { repository: string; issueNumber: number; issueUrl: string; at: Date }): Promise<Postmortem>;
}

export interface ActionItemRepository {
  /** Inserts a new item, or updates the existing one for (postmortemId, key) with the given fields. */
  upsert(item: NewActionItem): Promise<ActionItem>;
  update(id: number, patch: ActionItemPatch): Promise<ActionItem>;
  get(id: number): Promise<ActionItem | null>;
  listByIncident(incidentId: number): Promise<ActionItem[]>;
  findByIssue(repository: string, issueNumber: number): Promise<ActionItem | null>;
  /** Filtered list; `closedSince` keeps closed items closed at or after it. */
  list(query: { state?: 'open' | 'closed'; closedSince?: Date; ownerSlackId?: string; incidentIds?: number[] }): Promise<ActionItem[]>;
}

/** Webhook deliveries already handled, so a redelivery has no second effect. */
export interface InboundEventRepository {
  /** True the first time `source`+`eventId` is seen; false for every redelivery. */
  recordOnce(source: string, eventId: string, receivedAt: Date): Promise<boolean>;
  /** Forgets a delivery whose handling failed, so the sender's redelivery is handled instead of dropped. */
  forget(source: string, eventId: string): Promise<void>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  inbound: InboundEventRepository;
  incidents: IncidentRepository;
  timeline: TimelineRepository;
  jobs: JobRepository;
  deployChecks: DeployCheckRepository;
  mitigations: MitigationRepository;
  postmortems: PostmortemRepository;
  actionItems: ActionItemRepository;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

