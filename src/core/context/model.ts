/** The context snapshot of a war room: what the numbers say, what changed, who is around, and the likely culprit. */
import type { SloReport } from '../release/model.js';

/** Why a section has no content: the integration is not configured, timed out, or failed. */
export interface SourceProblem {
  source: 'prometheus' | 'kubernetes' | 'github' | 'pagerduty' | 'warroom';
  kind: 'not_configured' | 'timeout' | 'failed';
  message: string;
}

export interface Signals {
  /** Error ratios now and at the same time yesterday; null when unknown (no traffic, no query). */
  errorRatio5m: number | null;
  errorRatio1h: number | null;
  errorRatio1hYesterday: number | null;
  latencyP99Now: number | null;
  latencyP99Yesterday: number | null;
  /** The service's SLOs measured as the deploy check does. */
  slos: SloReport[];
  /** The first minute in the last 6 hours the 5-minute error ratio rose above `riseMultiple` × yesterday's baseline. */
  errorsRoseAt: Date | null;
}

export type ChangeKind = 'deploy_check' | 'rollout' | 'github_deployment' | 'release' | 'pull_request' | 'config';

export interface Change {
  kind: ChangeKind;
  at: Date;
  /** One line: "checkout-api revision 42 (registry/checkout:v242)", "PR #812 Fix pool size". */
  title: string;
  link: string | null;
  /** Who made it, when known (login, Slack id or name). */
  author: string | null;
  /** For rollouts: what the Roll back button needs. */
  rollback: { cluster: string; namespace: string; deployment: string; toRevision: number | null } | null;
}

export interface Suspect {
  change: Change;
  /** Minutes from the change to the error rise (smaller is more suspicious). */
  minutesBeforeRise: number;
  rank: number;
}

export interface PeopleAndState {
  onCall: { level: number; name: string; slackUserId: string | null; until: Date | null }[];
  otherOpenIncidents: { id: number; severity: string; title: string; channelId: string | null }[];
  freezes: { incidentId: number; severity: string; title: string }[];
}

export interface ContextSnapshot {
  incidentId: number;
  service: string | null;
  generatedAt: Date;
  since: Date;
  /** null while still gathering; each section fills in as its sources answer. */
  signals: Signals | null;
  changes: Change[] | null;
  people: PeopleAndState | null;
  suspects: Suspect[] | null;
  problems: SourceProblem[];
  /** True once every source answered, failed or timed out. */
  complete: boolean;
}

export interface ContextSettings {
  /** Look-back for changes, minutes (default 24 h). */
  lookbackMinutes: number;
  /** Changes this many minutes before the error rise are suspects (default 30). */
  suspectWindowMinutes: number;
  /** The 5-minute error ratio must exceed this multiple of yesterday's baseline to count as a rise (default 3). */
  riseMultiple: number;
  /** Each source's own timeout (default 5 s). */
  sourceTimeoutMs: number;
  /** Per service: what the signals and changes are read from. */
  services: {
    name: string;
    /** PromQL error and total rates with `{{.window}}` (like SLO events); null: from the first SLO. */
    errorQuery: string | null;
    totalQuery: string | null;
    /** PromQL of p99 latency (seconds); null when not configured. */
    latencyQuery: string | null;
    /** Config changes: a Prometheus query whose value changes when config changes (e.g. a config hash), or a path in the repository. */
    configChanges: { prometheusQuery: string | null; githubPath: string | null } | null;
  }[];
}
