/** Types of the release-safety domain: SLOs, their measurements, the risk matrix and the deploy decision. */

/** A service level objective, from warroom.yml or an imported Sloth / OpenSLO file. */
export interface SloDefinition {
  service: string;
  name: string;
  /** Percent, e.g. 99.9. */
  objective: number;
  /** The SLO window, e.g. 30 days = 43,200 minutes; `windowLabel` is how it was written ("30d"). */
  windowMinutes: number;
  windowLabel: string;
  /**
   * PromQL with a `{{.window}}` placeholder (Sloth convention), replaced by a Prometheus duration such as `30d` or `5m`.
   * `events`: error and total rates (per second) — the ratio is weighted by requests and the totals count events.
   * `ratio`: a ready error ratio (Sloth `sli.raw`); event counts are then unknown.
   */
  sli: { kind: 'events'; errorQuery: string; totalQuery: string } | { kind: 'ratio'; errorRatioQuery: string };
  /** Where it was defined, for messages: `warroom.yml services[checkout].slos[0]` or `slo/checkout.yml slos[1]`. */
  source: string;
  /** Fewer events over the window make the numbers untrustworthy; unset → the team's `ReleaseSettings.minEvents`. */
  minEvents?: number;
}

export type Level = 'low' | 'medium' | 'high';
export type BlastRadius = 'namespace' | 'multi-namespace' | 'cluster';
export type Reversibility = 'instant' | 'fast' | 'slow';
export type Decision = 'PROCEED' | 'CAUTION' | 'REVIEW' | 'BLOCKED' | 'UNKNOWN';

/** Change risk as given on the command line or defaulted from the service's config. */
export interface ChangeRisk {
  blastRadius: BlastRadius;
  rollback: Reversibility;
  /** Percent 0–100; null when unknown (counts as high). */
  coverage: number | null;
  change: string | null;
}

export interface TimeOfWeekSettings {
  /** IANA zone the hours below are read in (the service's, else the team's). */
  timeZone: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are ordinary working days. Default Mon–Thu. */
  lowRiskDays: number[];
  /** Business hours, "HH:MM" in the zone; inside them on a low-risk day is low. */
  businessStart: string;
  businessEnd: string;
  /** Friday from this time is medium (Friday morning business hours are low, like Mon–Thu). */
  fridayAfternoonFrom: string;
  /** Weekday evenings from business end until this time are medium; later is night (high). */
  eveningEnd: string;
  /** Dates (YYYY-MM-DD) or ranges (YYYY-MM-DD..YYYY-MM-DD) in the zone when deploys are frozen: high. */
  freezeDates: string[];
}

export interface ReleaseSettings {
  /** Coverage tiers: ≥ lowAtLeast is low, ≥ mediumAtLeast is medium, below is high. */
  coverage: { lowAtLeast: number; mediumAtLeast: number };
  timeOfWeek: TimeOfWeekSettings;
  /** Fewer events than this over an SLO's window make its numbers untrustworthy (UNKNOWN). */
  minEvents: number;
  /** A series whose newest sample is older than this is stale (UNKNOWN). */
  staleAfterMinutes: number;
  /** What UNKNOWN requires: treated as REVIEW (default) or BLOCKED. */
  unknownCountsAs: 'REVIEW' | 'BLOCKED';
  /** Slack user group whose members may approve deploy checks and break glass; null means anyone but the requester. */
  approversGroup: string | null;
  /** Prometheus queries run at most this many at a time. */
  queryConcurrency: number;
}

export interface ServiceReleaseSettings {
  service: string;
  slos: SloDefinition[];
  defaults: { blastRadius: BlastRadius; rollback: Reversibility; coverage: number | null };
  /** Overrides the team's time zone for the time-of-week dimension. */
  timeZone: string | null;
}

export type DimensionName = 'blast_radius' | 'reversibility' | 'test_coverage' | 'error_budget' | 'time_of_week';

/** One row of the risk matrix: the value looked at, its level, and why, in words for the person deploying. */
export interface DimensionAssessment {
  dimension: DimensionName;
  /** As shown: "namespace", "87%", "42% left (availability)", "Fri 14:05 Europe/Berlin". */
  value: string;
  /** null when the value is unknown (e.g. no trustworthy SLO numbers). */
  level: Level | null;
  why: string;
}

export type BurnWindowLabel = '5m' | '30m' | '1h' | '2h' | '6h' | '1d' | '3d';

export interface BurnRate {
  window: BurnWindowLabel;
  /** Error ratio over the window; null when it could not be measured (no traffic, no data). */
  errorRatio: number | null;
  /** errorRatio / budget: 1 burns exactly the budget over the SLO window. */
  burn: number | null;
}

export interface BudgetReport {
  /** B = (100 − objective) / 100. */
  budget: number;
  errorRatio: number;
  /** errorRatio / B. */
  burn: number;
  /** 1 − burn; below zero when overspent. */
  remaining: number;
  /** B × window minutes: the whole budget in minutes of full outage. */
  budgetMinutes: number;
  /** remaining × budgetMinutes (negative when overspent). */
  minutesLeft: number;
  exhausted: boolean;
  /** How far past zero, in percent of the budget (50 for remaining −0.5); null when not exhausted. */
  overspentPercent: number | null;
  /** At the current 1 h burn rate, minutes until the budget is gone; null when not burning or already exhausted. */
  minutesToExhaustion: number | null;
}

export type AlertLevel = 'page' | 'ticket';

export interface MultiwindowAlert {
  level: AlertLevel;
  /** e.g. "1h and 5m both above 14.4× the budget rate". */
  rule: string;
}

export interface SloReport {
  service: string;
  name: string;
  objective: number;
  windowLabel: string;
  source: string;
  /** Why the numbers cannot be trusted; null when they can. */
  unknown: string | null;
  /** Total events over the window; null for ratio SLIs or when unknown. */
  events: number | null;
  budget: BudgetReport | null;
  burnRates: BurnRate[];
  alert: MultiwindowAlert | null;
  /** Minutes of history the data covers, when shorter than the window. */
  historyMinutes: number | null;
}

export interface Freeze {
  incidentId: number;
  severity: string;
  title: string;
  channelId: string | null;
  /** The incident is on this service (false: a global incident, i.e. with no service). */
  onService: boolean;
}

export interface DecisionOutcome {
  decision: Decision;
  /** The main reason first. */
  reasons: string[];
  conditions: string[];
  approvalsRequired: number;
}

export interface Approval {
  userId: string;
  at: Date;
}

export interface Override {
  userId: string;
  reason: string;
  at: Date;
}

/** A deploy check as stored and shown. */
export interface DeployCheck {
  id: number;
  service: string;
  requestedBy: string;
  /** Where it ran: `slack` or `cli`. */
  origin: 'slack' | 'cli';
  requestedAt: Date;
  risk: ChangeRisk;
  dimensions: DimensionAssessment[];
  slos: SloReport[];
  freezes: Freeze[];
  outcome: DecisionOutcome;
  approvals: Approval[];
  override: Override | null;
}

export type NewDeployCheck = Omit<DeployCheck, 'id' | 'approvals' | 'override'>;
