/**
 * Row shapes of the tables, as Kysely sees them. One schema for both dialects:
 * timestamps are epoch milliseconds (bigint; pg returns int8 as a string, so reads accept both),
 * booleans are 0/1 integers, JSON is text. The mappers in ../mapping turn rows into domain types.
 */
import type { ColumnType, Generated, Kysely } from 'kysely';

/** Epoch milliseconds: written as a number, read as number (SQLite) or string (pg int8). */
export type Millis = ColumnType<number | string, number, number>;
/** 0/1 flag (no portable boolean binding in better-sqlite3). */
export type Flag = ColumnType<number, number, number>;

export interface IncidentsTable {
  id: Generated<number>;
  title: string;
  severity: string;
  state: string;
  service: string | null;
  impact: string | null;
  is_private: Flag;
  declared_by: string;
  dedupe_key: string;
  declared_at: Millis;
  started_at: Millis | null;
  mitigated_at: Millis | null;
  resolved_at: Millis | null;
  commander_assigned_at: Millis | null;
  /** JSON object: role key → Slack user id. */
  roles: string;
  channel_id: string | null;
  channel_name: string | null;
  declaration_ts: string | null;
  announcement_channel_id: string | null;
  announcement_ts: string | null;
  last_update_at: Millis | null;
  last_update_text: string | null;
  /** JSON object: link name → URL. */
  links: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface TimelineEventsTable {
  /** Also the insertion sequence that breaks ties between events with the same occurred_at. */
  id: Generated<number>;
  incident_id: number | null;
  channel_id: string | null;
  key: string;
  kind: string;
  occurred_at: Millis;
  actor: string | null;
  text: string;
  message_ts: string | null;
  thread_ts: string | null;
  /** JSON array of strings. */
  marks: string;
  deleted: Flag;
  deleted_at: Millis | null;
  edited_at: Millis | null;
  /** JSON object (TimelineRefs). */
  refs: string;
  /** JSON object. */
  data: string;
  created_at: Millis;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'cancelled';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  key: string;
  run_at: Millis;
  /** JSON object. */
  payload: string;
  status: JobStatus;
  lease_owner: string | null;
  lease_until: Millis | null;
  attempts: number;
  last_error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface DeployChecksTable {
  id: Generated<number>;
  service: string;
  requested_by: string;
  /** 'slack' | 'cli'. */
  origin: string;
  requested_at: Millis;
  /** outcome.decision, as a column for listing and filtering. */
  decision: string;
  /** JSON (ChangeRisk, DimensionAssessment[], SloReport[], Freeze[], DecisionOutcome), non-finite numbers encoded. */
  risk: string;
  dimensions: string;
  slos: string;
  freezes: string;
  outcome: string;
  /** All three set (the first override) or all null. */
  override_user: string | null;
  override_reason: string | null;
  override_at: Millis | null;
  created_at: Millis;
}

export interface DeployCheckApprovalsTable {
  /** Orders approvals given in the same millisecond by insertion. */
  id: Generated<number>;
  check_id: number;
  user_id: string;
  at: Millis;
}

export interface Database {
  incidents: IncidentsTable;
  timeline_events: TimelineEventsTable;
  jobs: JobsTable;
  deploy_checks: DeployChecksTable;
  deploy_check_approvals: DeployCheckApprovalsTable;
  inbound_events: InboundEventsTable;
  mitigations: MitigationsTable;
  postmortems: PostmortemsTable;
  action_items: ActionItemsTable;
}

export interface InboundEventsTable {
  source: string;
  event_id: string;
  received_at: number;
}

export interface MitigationsTable {
  id: Generated<number>;
  incident_id: number;
  channel_id: string;
  message_ts: string | null;
  /** JSON (MitigationRequest). */
  request: string;
  requested_by: string;
  requested_at: Millis;
  expires_at: Millis;
  /** MitigationState; a column so that transition() can guard on it in one UPDATE. */
  state: string;
  /** JSON (MitigationPreview, Confirmation[] with epoch-millisecond `at`, string[], MitigationResult or null). */
  preview: string;
  confirmations: string;
  progress: string;
  result: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface PostmortemsTable {
  id: Generated<number>;
  incident_id: number;
  /** JSON (PostmortemDraft). */
  draft: string;
  /** Publication: all null until published. */
  repository: string | null;
  issue_number: number | null;
  issue_url: string | null;
  published_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
  updated_by: string;
}

export interface ActionItemsTable {
  id: Generated<number>;
  postmortem_id: number;
  incident_id: number;
  key: string;
  description: string;
  owner_slack_id: string | null;
  owner_github: string | null;
  /** 'P0' | 'P1' | 'P2'. */
  priority: string;
  /** YYYY-MM-DD. */
  due_date: string;
  validation: string | null;
  repository: string;
  issue_number: number;
  issue_url: string;
  /** 'open' | 'closed'. */
  state: string;
  closed_at: Millis | null;
  validation_note: string | null;
  flagged_unvalidated: Flag;
  created_at: Millis;
  updated_at: Millis;
}

export type SqlDialect = 'sqlite' | 'postgres';

/** A Kysely instance with the dialect it talks to (migrations and a few queries branch on it). */
export interface DbHandle {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
}
