/** Mitigation from the war room: what was asked, what the preview showed, who confirmed, what ran. */
import type { ClusterDeployment, ClusterNode, ClusterPod, ClusterReplicaSet } from '../ports/cluster.js';

export type MitigationKind = 'cordon' | 'uncordon' | 'drain' | 'rollback' | 'restart' | 'scale';
/** The permission a kind needs (uncordon is cordon's). */
export type MitigationPermission = 'cordon' | 'drain' | 'rollback' | 'restart' | 'scale';

export type NodeTarget = { node: string } | { selector: string };

export interface MitigationOptions {
  /** drain: seconds each pod gets to terminate (default: the pod's own). */
  graceSeconds?: number;
  /** drain: give up on PDB-blocked evictions after this long (default 300). */
  timeoutSeconds?: number;
  deleteEmptyDirData?: boolean;
  force?: boolean;
  /** A selector matching every node of the cluster needs this on top of the second confirmation. */
  allNodes?: boolean;
  /** rollback: this revision instead of the previous one. */
  toRevision?: number;
  /** scale: the new replica count. */
  replicas?: number;
}

export interface MitigationRequest {
  kind: MitigationKind;
  /** Resolved by the core: the flag, else the incident's service's cluster, else the only cluster. */
  cluster: string | null;
  nodes?: NodeTarget;
  deployment?: { name: string; namespace: string | null };
  options: MitigationOptions;
}

export type MitigationState = 'pending' | 'awaiting_second' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired';

export interface ZoneShare {
  zone: string;
  affected: number;
  schedulable: number;
  /** affected / schedulable × 100, rounded to one decimal. */
  percent: number;
}

export type PodDisposition = 'evict' | 'skip_daemonset' | 'skip_mirror' | 'refuse_emptydir' | 'refuse_unmanaged';

export interface MitigationPreview {
  /** One sentence: "Cordon 3 nodes in us-west-2a (30% of the cluster's schedulable nodes)". */
  headline: string;
  /** Details, one fact a line. */
  lines: string[];
  nodes: { name: string; zone: string | null; unschedulable: boolean; ready: boolean }[];
  zones: ZoneShare[];
  pods: { namespace: string; name: string; node: string | null; disposition: PodDisposition; pdb: string | null }[];
  revision: { from: number | null; to: number; imagesFrom: string[]; imagesTo: string[] } | null;
  replicas: { from: number; to: number } | null;
  /** Share of the cluster's schedulable nodes affected (node actions), for the two-person rule. */
  blastRadiusPercent: number;
  /** Why a second confirmation is needed; null when one suffices. */
  secondConfirmationReason: string | null;
  /** Live state the preview was computed from; compared again at confirmation. */
  fingerprint: string;
  /** What the dry run said, when one ran. */
  dryRun: string | null;
}

export interface Confirmation {
  userId: string;
  at: Date;
}

export interface MitigationResult {
  ok: boolean;
  summary: string;
  details: string[];
  /** The command that undoes it, e.g. `uncordon -l topology.kubernetes.io/zone=us-west-2a`; null when none. */
  undo: string | null;
}

export interface Mitigation {
  id: number;
  incidentId: number;
  channelId: string;
  /** The preview message, edited as the action progresses. */
  messageTs: string | null;
  request: MitigationRequest & { cluster: string };
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  state: MitigationState;
  preview: MitigationPreview;
  confirmations: Confirmation[];
  progress: string[];
  result: MitigationResult | null;
}

export type NewMitigation = Omit<Mitigation, 'id'>;
export type MitigationPatch = Partial<Pick<Mitigation, 'messageTs' | 'state' | 'confirmations' | 'progress' | 'result' | 'preview'>>;

/** Per cluster: what Warroom may touch and who may do what. */
export interface ClusterSettings {
  name: string;
  /** Namespaces deployment actions may touch; empty means none. */
  namespaces: string[];
  /** Slack user group ids allowed to confirm each kind of action. */
  permissions: Record<MitigationPermission, string[]>;
}

export interface MitigationSettings {
  clusters: ClusterSettings[];
  /** Above this share of a cluster's schedulable nodes, a second authorized person must confirm (default 10). */
  blastRadiusPercent: number;
  previewExpiryMinutes: number;
  /** Where each service runs, for `--cluster`/`-n` defaults and name suggestions. */
  services: { name: string; cluster: string; namespace: string; deployments: string[] }[];
}

export interface NodesReport {
  cluster: string;
  selector: string | null;
  nodes: ClusterNode[];
  zones: (ZoneShare & { ready: number; notReady: number; total: number })[];
}

export interface PodsReport {
  cluster: string;
  deployment: ClusterDeployment;
  pods: ClusterPod[];
}

export interface HistoryReport {
  cluster: string;
  deployment: ClusterDeployment;
  /** Newest revision first. */
  revisions: ClusterReplicaSet[];
}

