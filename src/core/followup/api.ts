/** The weekly review, `/incident actions` and `/incident stats`. */
import type { ActionItem } from '../postmortem/model.js';

export interface ReviewItem {
  item: ActionItem;
  incidentTitle: string;
  service: string | null;
  /** Whole days past the due date in the team's time zone; null when not overdue. */
  daysOverdue: number | null;
  dueThisWeek: boolean;
}

export interface ReviewReport {
  generatedAt: Date;
  /** Most overdue first. */
  overdue: ReviewItem[];
  dueThisWeek: ReviewItem[];
  later: ReviewItem[];
  /** Open items by owner's Slack id (`unassigned` for none). */
  byOwner: Record<string, ReviewItem[]>;
  byIncident: Record<string, ReviewItem[]>;
  completedLastWeek: ActionItem[];
  /** Items due in the last quarter closed by their due date, against the target. */
  completion: { onTime: number; due: number; percent: number | null; targetPercent: number };
  /** Where the open items came from (added for the GitHub backstop; optional so older fixtures still type-check). */
  sync?: ReviewSync;
}

/** The GitHub backstop of a review. */
export interface ReviewSync {
  /** `github`: the store refreshed from the label search; `store`: GitHub was not configured or failed. */
  source: 'github' | 'store';
  /** Why the store alone was used, for the digest; null when GitHub answered. */
  note: string | null;
  /** Open `postmortem-action` issues the GitHub search returned; 0 when not searched. */
  openOnGitHub: number;
  /** Items open in the store that GitHub reports closed; now closed in the store too. */
  closedOnGitHub: ActionItem[];
}

export interface DurationStats {
  count: number;
  /** Milliseconds. */
  median: number | null;
  p90: number | null;
}

export interface StatsReport {
  since: Date;
  incidentsBySeverity: Record<string, number>;
  timeToDetect: DurationStats;
  timeToAcknowledge: DurationStats;
  timeToMitigate: DurationStats;
  timeToResolve: DurationStats;
  actionItems: { closed: number; total: number; percent: number | null };
  /** Root-cause categories that occurred more than once for a service. */
  recurringRootCauses: { service: string; category: string; count: number }[];
}

export interface FollowupUseCases {
  /** The job's work: digest to the reliability channel and a DM to each owner. */
  weeklyReview(): Promise<{ report: ReviewReport; posted: boolean; directMessages: number }>;
  actions(filter: { ownerSlackId?: string; service?: string }): Promise<ReviewReport>;
  stats(since: Date): Promise<StatsReport>;
}
