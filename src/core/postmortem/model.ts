/** Blameless postmortems and their action items, free of GitHub and Slack details. */

export const ROOT_CAUSE_CATEGORIES = ['code_defect', 'config_or_flag', 'capacity', 'dependency_or_external', 'data', 'deploy_or_change', 'unknown'] as const;
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number];

/** P0 prevents recurrence (due in 2 weeks by default), P1 improves detection (4), P2 improves response (8). */
export type ActionPriority = 'P0' | 'P1' | 'P2';

export interface ActionItemDraft {
  /** Stable within its postmortem (`a1`, `a2` …), so re-publishing updates the same GitHub issue. */
  key: string;
  description: string;
  ownerSlackId: string | null;
  priority: ActionPriority;
  /** YYYY-MM-DD in the team's time zone; null means "default from the priority", filled in when publishing. */
  dueDate: string | null;
  /** How we will know it works. */
  validation: string | null;
}

export interface PostmortemDraft {
  summary: string;
  impact: { who: string; what: string; costEstimate: string | null };
  rootCause: { category: RootCauseCategory; narrative: string };
  contributingFactors: string;
  wentWell: string;
  wentWrong: string;
  lessons: string;
  actionItems: ActionItemDraft[];
}

export interface Postmortem {
  id: number;
  incidentId: number;
  draft: PostmortemDraft;
  /** `owner/name` the postmortem issue lives in; null until published. */
  repository: string | null;
  issueNumber: number | null;
  issueUrl: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
  updatedBy: string;
}

export type ActionItemState = 'open' | 'closed';

export interface ActionItem {
  id: number;
  postmortemId: number;
  incidentId: number;
  key: string;
  description: string;
  ownerSlackId: string | null;
  ownerGithub: string | null;
  priority: ActionPriority;
  /** YYYY-MM-DD in the team's time zone. */
  dueDate: string;
  validation: string | null;
  repository: string;
  issueNumber: number;
  issueUrl: string;
  state: ActionItemState;
  closedAt: Date | null;
  /** The proof it works, given when closing (done means validated). */
  validationNote: string | null;
  /** Closed without a validation note. */
  flaggedUnvalidated: boolean;
  updatedAt: Date;
}

export type NewActionItem = Omit<ActionItem, 'id' | 'updatedAt'>;
export type ActionItemPatch = Partial<
  Pick<ActionItem, 'description' | 'ownerSlackId' | 'ownerGithub' | 'priority' | 'dueDate' | 'validation' | 'state' | 'closedAt' | 'validationNote' | 'flaggedUnvalidated' | 'issueUrl'>
>;

export interface LintFinding {
  /** `blameful_wording`, `name_in_root_cause`, `no_owner`, `no_due_date`, `no_validation`, `vague_action`, `too_many_actions`. */
  rule: string;
  /** Where: `rootCause.narrative`, `actionItems[2].description` … */
  field: string;
  message: string;
}

export interface PostmortemSettings {
  /** `owner/name` used when the incident's service has no repository of its own. */
  centralRepository: string | null;
  /** Warroom service name → `owner/name`. */
  serviceRepositories: Record<string, string>;
  /** Slack user id → GitHub login. */
  githubUsers: Record<string, string>;
  /** Default due dates by priority, in days after publishing. */
  dueDays: Record<ActionPriority, number>;
}

/** The weekly review and `/incident actions`, `/incident stats`. */
export interface FollowupSettings {
  /** Cron expression (croner) in `timeZone`; default `0 9 * * 1` (Mondays 09:00). */
  reviewCron: string;
  timeZone: string;
  /** Channel the weekly digest goes to; null posts no digest (owners still get their DMs). */
  reliabilityChannel: string | null;
  /** On-time completion target, percent (default 90). */
  targetCompletionPercent: number;
}
