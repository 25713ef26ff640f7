/**
 * The incident use cases as the edges (slash commands, buttons, modals, jobs, CLI) see them.
 * Every method validates its input and throws DomainError with a message meant for the person who asked.
 */
import type { OnCallEntry, OnCallWebhookEvent, PagedResponder, PageOutcome, PageTarget } from '../ports.js';
import type { Incident, TimelineEvent } from './model.js';
import type { SeverityPolicy } from './settings.js';

export interface Actor {
  /** Slack user id. */
  userId: string;
}

export interface DeclareInput {
  title: string;
  severity?: string;
  service?: string;
  /** When the impact started: "13:52" (today, in the configured time zone) or a full ISO 8601 time. */
  started?: string;
  impact?: string;
  isPrivate?: boolean;
}

export interface DeclareResult {
  incident: Incident;
  /** False when this request resumed an earlier identical declaration instead of opening a new war room. */
  created: boolean;
  /** Steps that failed (e.g. an invite); the incident exists regardless. Already reported in the channel. */
  problems: string[];
}

export interface ChangeResult {
  incident: Incident;
  /** False when the request changed nothing (e.g. the severity was already that). */
  changed: boolean;
  /** Why nothing changed, when `changed` is false. */
  reason?: string;
  /** Side effects that failed after the change was stored (e.g. on-call not configured); already logged and on the timeline. */
  problems?: string[];
}

export interface SeverityChangeResult extends ChangeResult {
  from: string;
  to: string;
  direction: 'raised' | 'lowered' | 'unchanged';
}

export interface Durations {
  /** Milliseconds; null when a bound is missing. */
  toDetect: number | null;
  toMitigate: number | null;
  toResolve: number | null;
  sinceDeclared: number;
}

export interface IncidentStatus {
  incident: Incident;
  policy: SeverityPolicy;
  durations: Durations;
  nextUpdateDue: Date | null;
  lastUpdate: { at: Date; text: string } | null;
}

export interface TimelinePage {
  incident: Incident;
  events: TimelineEvent[];
  /** 1-based. */
  page: number;
  pageCount: number;
  total: number;
}

export interface IncidentUseCases {
  declare(input: DeclareInput, actor: Actor): Promise<DeclareResult>;
  /** The incident whose war room is `channelId`, or DomainError NOT_AN_INCIDENT_CHANNEL. */
  requireByChannel(channelId: string): Promise<Incident>;
  changeSeverity(channelId: string, severity: string, actor: Actor): Promise<SeverityChangeResult>;
  assignRole(channelId: string, role: string, userId: string, actor: Actor): Promise<ChangeResult>;
  postUpdate(channelId: string, text: string, actor: Actor): Promise<ChangeResult>;
  addNote(channelId: string, text: string, actor: Actor): Promise<ChangeResult>;
  status(channelId: string): Promise<IncidentStatus>;
  markMitigated(channelId: string, note: string | null, actor: Actor): Promise<ChangeResult>;
  resolve(channelId: string, note: string | null, actor: Actor): Promise<ChangeResult & { durations: Durations }>;
  timeline(channelId: string, page: number): Promise<TimelinePage>;
  /** Open incidents, most severe first, then oldest first. */
  listOpen(): Promise<Incident[]>;
  snoozeReminder(incidentId: number, actor: Actor): Promise<ChangeResult & { until: Date }>;
  /**
   * `/incident page`: inside a war room pages for that incident (and invites the paged person when they are in
   * Slack); elsewhere pages with `message` as the title (required there). DomainError when paging is not configured or fails.
   */
  page(channelId: string, target: PageTarget, message: string | null, actor: Actor): Promise<ManualPageResult>;
  /** `/incident oncall [service]`: who is on call now for the service's escalation policy (else the default one), per level. */
  onCall(serviceName: string | null): Promise<OnCallResult>;
  /** The Retry button of a failed page: pages again (the dedup key keeps it to one on-call incident). */
  retryPage(incidentId: number, actor: Actor): Promise<ChangeResult>;
  /** A verified, parsed on-call webhook event; redeliveries are 'duplicate', events of no interest 'ignored'. */
  handleOnCallWebhook(event: OnCallWebhookEvent): Promise<OnCallWebhookOutcome>;
  /** The "Declare war room" button of a page triggered outside Warroom: declares, linked to that page (no second page). */
  declareFromPage(value: string, actor: Actor): Promise<DeclareResult>;
}

export type OnCallWebhookOutcome = 'handled' | 'duplicate' | 'ignored';

export interface ManualPageResult {
  /** The war room the page was for; null when paged from elsewhere. */
  incident: Incident | null;
  target: PageTarget;
  outcome: PageOutcome;
  /** Who was paged, when known (the person, or level 1 of the paged escalation policy). */
  responders: PagedResponder[];
  /** Slack users invited to the war room. */
  invited: string[];
}

export interface OnCallResult {
  /** The service asked about; null for the default escalation policy. */
  service: string | null;
  policyId: string;
  entries: (OnCallEntry & { slackUserId: string | null })[];
}

export interface CapturedMessage {
  channelId: string;
  ts: string;
  threadTs: string | null;
  userId: string;
  text: string;
  files: { id: string; name: string; url?: string }[];
}

export interface TimelineCapture {
  /** Stores a human message of a war room (or of a channel about to become one). Idempotent on channel+ts. */
  recordMessage(message: CapturedMessage): Promise<{ stored: boolean }>;
  editMessage(channelId: string, ts: string, text: string): Promise<boolean>;
  deleteMessage(channelId: string, ts: string): Promise<boolean>;
  /** A pin or a key-event reaction added (on) or removed (off). `mark` names its source, e.g. `pin` or `reaction:U123`. */
  markKeyEvent(channelId: string, ts: string, mark: string, on: boolean): Promise<boolean>;
  /** The whole ordered timeline of an incident (the postmortem uses it). */
  fullTimeline(incidentId: number): Promise<TimelineEvent[]>;
}
