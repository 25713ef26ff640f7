/**
 * Kubernetes as the mitigation core needs it: the few reads and writes that kubectl cordon, drain, rollout undo,
 * rollout restart and scale are made of. Errors are IntegrationError('kubernetes', operation, reason) whose reason
 * starts with `forbidden:` (naming the verb and resource RBAC lacks), `not_found:`, `unreachable:` or `conflict:`.
 */
import type { IntegrationStatus } from './status.js';

export interface ClusterNode {
  name: string;
  labels: Record<string, string>;
  unschedulable: boolean;
  ready: boolean;
  /** `topology.kubernetes.io/zone` (or the legacy failure-domain label); null when unlabelled. */
  zone: string | null;
  resourceVersion: string;
}

export interface ClusterPod {
  namespace: string;
  name: string;
  nodeName: string | null;
  phase: string;
  ready: boolean;
  restarts: number;
  /** The controller owner reference (kind and name), null for a pod no controller manages. */
  owner: { kind: string; name: string } | null;
  /** A static pod mirrored by the kubelet (`kubernetes.io/config.mirror` annotation): cannot be evicted. */
  mirror: boolean;
  usesEmptyDir: boolean;
  labels: Record<string, string>;
}

export interface PodDisruptionBudgetInfo {
  namespace: string;
  name: string;
  /** matchLabels of the PDB's selector. */
  selector: Record<string, string>;
  disruptionsAllowed: number;
}

export interface ClusterDeployment {
  namespace: string;
  name: string;
  uid: string;
  replicas: number;
  readyReplicas: number;
  paused: boolean;
  /** `deployment.kubernetes.io/revision`. */
  revision: number | null;
  images: string[];
  /** The pod template, opaque to the core (copied between ReplicaSets and the deployment on rollback). */
  template: unknown;
  resourceVersion: string;
}

export interface ClusterReplicaSet {
  namespace: string;
  name: string;
  /** UID of the owning deployment, from the controller owner reference. */
  ownerUid: string | null;
  revision: number | null;
  images: string[];
  template: unknown;
  createdAt: Date | null;
}

export type EvictionResult = { evicted: true } | { evicted: false; reason: 'disruption_budget' | 'gone'; message: string };

export interface ClusterPort {
  status(): IntegrationStatus;
  /** Configured cluster names. */
  clusters(): string[];
  listNodes(cluster: string, labelSelector?: string): Promise<ClusterNode[]>;
  /** cordon (true) / uncordon (false); dryRun asks the API server to validate without persisting. */
  setUnschedulable(cluster: string, node: string, unschedulable: boolean, options: { dryRun: boolean }): Promise<ClusterNode>;
  listPods(cluster: string, query: { namespace?: string; nodeName?: string; labelSelector?: string }): Promise<ClusterPod[]>;
  /** Eviction API (policy/v1); a PodDisruptionBudget refusal (HTTP 429) is `disruption_budget`, not an error. */
  evictPod(cluster: string, namespace: string, name: string, options: { gracePeriodSeconds?: number; dryRun: boolean }): Promise<EvictionResult>;
  listPodDisruptionBudgets(cluster: string, namespace?: string): Promise<PodDisruptionBudgetInfo[]>;
  listDeployments(cluster: string, namespace: string): Promise<ClusterDeployment[]>;
  getDeployment(cluster: string, namespace: string, name: string): Promise<ClusterDeployment | null>;
  listReplicaSets(cluster: string, namespace: string): Promise<ClusterReplicaSet[]>;
  /** Rollback: replaces the pod template (optimistic on resourceVersion). */
  setDeploymentTemplate(cluster: string, namespace: string, name: string, template: unknown, options: { dryRun: boolean; resourceVersion: string }): Promise<ClusterDeployment>;
  /** `kubectl rollout restart`: the `kubectl.kubernetes.io/restartedAt` template annotation. */
  restartDeployment(cluster: string, namespace: string, name: string, at: Date, options: { dryRun: boolean }): Promise<ClusterDeployment>;
  /** Through the scale subresource; returns the replicas before and after. */
  scaleDeployment(cluster: string, namespace: string, name: string, replicas: number, options: { dryRun: boolean }): Promise<{ from: number; to: number }>;
}
