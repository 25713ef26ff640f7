/** How the incident core's chat messages are rendered (implemented by src/templates). */
import type { Incident, TimelineEvent } from '../incident/model.js';
import type { ActionItem, PostmortemDraft } from '../postmortem/model.js';
import type { DeployCheck } from '../release/model.js';
import type { SeverityPolicy } from '../incident/settings.js';
import type { ChatMessage } from './chat.js';
import type { Urgency } from './oncall.js';
import type { HistoryReport, NodesReport, PodsReport } from '../mitigation/model.js';
import type { Mitigation } from '../mitigation/model.js';
import type { ReviewItem, ReviewReport, StatsReport } from '../followup/api.js';
import type { ChangeKind } from '../context/model.js';
import type { ContextSnapshot } from '../context/model.js';

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


/** Renders what the mitigation core posts and the read-only cluster reports (implemented by src/templates/mitigation). */
export interface MitigationViews {
  /** The mitigation by state: preview with Confirm/Cancel while pending or awaiting a second person, progress, result with undo. */
  mitigation(m: Mitigation): ChatMessage;
  nodesReport(report: NodesReport): ChatMessage;
  podsReport(report: PodsReport): ChatMessage;
  historyReport(report: HistoryReport): ChatMessage;
}

// ---------------------------------------------------------------- follow-up (issue 6)

/** Renders the weekly review and `/incident actions|stats` (implemented by src/templates/followup). */
export interface FollowupViews {
  /** The digest for the reliability channel, within Slack's 50-block limit ("and N more" past it). */
  weeklyDigest(report: ReviewReport): ChatMessage;
  /** One owner's open items, each with Done (`action_item_done`), New due date (`action_item_reschedule`), Snooze a week (`action_item_snooze`); value = item id. */
  ownerDigest(ownerSlackId: string, items: ReviewItem[]): ChatMessage;
  /** `/incident actions` (ephemeral). */
  actionsReport(report: ReviewReport): ChatMessage;
  /** `/incident stats` (ephemeral). */
  statsReport(stats: StatsReport): ChatMessage;
}

/** Times of an incident for its postmortem, in ms: the incident's durations plus time to acknowledge the page. */
export interface PostmortemDurations {
  toDetect: number | null;
  /** From the page to its first acknowledgement (`page_acknowledged` events' data.afterMs); null without a page. */
  toAcknowledge: number | null;
  toMitigate: number | null;
  toResolve: number | null;
}

/** Everything the postmortem issue shows. */
export interface PostmortemIssueInput {
  incident: Incident;
  draft: PostmortemDraft;
  durations: PostmortemDurations;
  keyEvents: TimelineEvent[];
  /** The whole timeline (folded in `<details>`). */
  timeline: TimelineEvent[];
  /** Published action items, with their issue numbers and states. */
  actionItems: ActionItem[];
  /** Deploy checks of the service in the 24 h before the incident started. */
  deployChecks: DeployCheck[];
  channelUrl: string | null;
  /**
   * What changed, from the newest context-snapshot events on the timeline and the newest successful rollback;
   * null when the incident has neither.
   */
  context: {
    errorsRoseAt: Date | null;
    topSuspect: { kind: ChangeKind; title: string; link: string | null; at: Date } | null;
    /** One line naming the change a rollback undid: "checkout-api revision 42 (registry/checkout:v242) …". */
    rolledBack: string | null;
    /** From the top suspect's change to the declaration; null without a suspect (or a change after it). */
    changeToDetectionMs: number | null;
  } | null;
}

/** An action item as its issue shows it (before it has a number of its own). */
export interface ActionItemIssueInput {
  incident: Incident;
  item: Pick<ActionItem, 'key' | 'description' | 'ownerSlackId' | 'ownerGithub' | 'priority' | 'dueDate' | 'validation'>;
  /** Null until the postmortem issue exists (first publication). */
  postmortemIssue: { url: string; number: number } | null;
}

/** Renders the postmortem's GitHub issues and what the postmortem core posts in Slack (implemented by src/templates/postmortem). */
export interface PostmortemViews {
  postmortemIssue(input: PostmortemIssueInput): { title: string; body: string };
  actionItemIssue(input: ActionItemIssueInput): { title: string; body: string };
  postmortemPublished(incident: Incident, published: { url: string; actionItems: ActionItem[] }): ChatMessage;
  /** The postmortem is due (or overdue): reminds the commander (null when nobody holds the role). */
  postmortemDue(incident: Incident, due: { commanderId: string | null; dueAt: Date; attempt: number }): ChatMessage;
  /** An action item was closed on GitHub without a validation note. */
  actionItemClosedUnvalidated(incident: Incident, item: ActionItem): ChatMessage;
  /** Every action item is closed: the incident is closed; suggests archiving the channel. */
  incidentClosed(incident: Incident, closed: { actionItems: ActionItem[] }): ChatMessage;
}

// ---------------------------------------------------------------- context snapshot (issue 7)

/** Renders the context snapshot (implemented by src/templates/context). */
export interface ContextViews {
  /**
   * The snapshot as it stands: "gathering…" for sections still null, one line per SourceProblem, suspects with their
   * links and, for rollouts, a Roll back button (action_id `context_rollback`, value = JSON
   * `{cluster, namespace, deployment, toRevision}`).
   */
  snapshot(snapshot: ContextSnapshot): ChatMessage;
}
