/** The incident aggregate and its timeline, free of Slack and storage details. */

export type IncidentState = 'investigating' | 'mitigated' | 'resolved' | 'postmortem' | 'closed';
export const OPEN_STATES: readonly IncidentState[] = ['investigating', 'mitigated'];

/** Role key (e.g. "commander") → Slack user id. */
export type RoleAssignments = Record<string, string>;

export interface AnnouncementRef {
  channelId: string;
  ts: string;
}

export interface Incident {
  id: number;
  title: string;
  severity: string;
  state: IncidentState;
  service: string | null;
  impact: string | null;
  isPrivate: boolean;
  declaredBy: string;
  /** Identifies one declaration request, so that a retry resumes it instead of opening a second war room. */
  dedupeKey: string;
  declaredAt: Date;
  startedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  /** When the commander role was first held (the declarer holds it from declaration). */
  commanderAssignedAt: Date | null;
  roles: RoleAssignments;
  channelId: string | null;
  channelName: string | null;
  declarationTs: string | null;
  announcement: AnnouncementRef | null;
  lastUpdateAt: Date | null;
  lastUpdateText: string | null;
  /** Links to other systems (PagerDuty incident, postmortem issue …) by name. */
  links: Record<string, string>;
  updatedAt: Date;
}

export type NewIncident = Omit<Incident, 'id' | 'updatedAt'>;

/** Fields a use case may change after creation. */
export type IncidentPatch = Partial<Omit<Incident, 'id' | 'declaredBy' | 'declaredAt' | 'dedupeKey' | 'updatedAt'>>;

export type TimelineKind =
  | 'message'
  | 'declared'
  | 'severity_changed'
  | 'role_assigned'
  | 'status_update'
  | 'note'
  | 'reminder'
  | 'reminder_snoozed'
  | 'mitigated'
  | 'resolved'
  | 'integration_problem'
  | 'bot_action'
  | 'paged'
  | 'page_acknowledged'
  | 'page_escalated'
  | 'page_resolved';

export interface TimelineRefs {
  files?: { id: string; name: string; url?: string }[];
  links?: string[];
}

export interface TimelineEvent {
  id: number;
  incidentId: number | null;
  channelId: string | null;
  /** Natural key: `msg:<channel>:<ts>` for messages, `evt:<event_id>` for Slack events, `act:<…>` for bot actions. Unique. */
  key: string;
  kind: TimelineKind;
  occurredAt: Date;
  /** Slack user id of the person (or the bot) behind the event. */
  actor: string | null;
  text: string;
  messageTs: string | null;
  threadTs: string | null;
  /** Who marked it as a key event: `pin`, `reaction:<user>` … Non-empty means key event. */
  marks: string[];
  deleted: boolean;
  editedAt: Date | null;
  refs: TimelineRefs;
  data: Record<string, unknown>;
}

export type NewTimelineEvent = Omit<TimelineEvent, 'id' | 'marks' | 'deleted' | 'editedAt' | 'refs' | 'data' | 'messageTs' | 'threadTs' | 'channelId'> & {
  channelId?: string | null;
  messageTs?: string | null;
  threadTs?: string | null;
  refs?: TimelineRefs;
  data?: Record<string, unknown>;
  marks?: string[];
};

export function isKeyEvent(event: TimelineEvent): boolean {
  return event.marks.length > 0;
}
