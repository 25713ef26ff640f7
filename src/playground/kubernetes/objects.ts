/** The objects the fake stores, in the shape the API server serves them (only the fields the adapter reads or writes). */
import { createHash } from 'node:crypto';

export const REVISION = 'deployment.kubernetes.io/revision';
export const TEMPLATE_HASH = 'pod-template-hash';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: { name: string; image: string }[]; volumes?: unknown[] };
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
}

export interface NodeObject {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  spec: { unschedulable?: boolean };
  status: { conditions: Condition[] };
}

export interface PodObject {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: { nodeName: string; containers: { name: string; image: string }[]; volumes?: Record<string, unknown>[] };
  status: { phase: string; conditions: Condition[]; containerStatuses: { name: string; ready: boolean; restartCount: number }[] };
}

export interface DeploymentObject {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ObjectMeta;
  spec: { replicas: number; paused?: boolean; selector: { matchLabels: Record<string, string> }; template: PodTemplate };
  status: { observedGeneration: number; replicas: number; readyReplicas: number; updatedReplicas: number; availableReplicas: number };
}

export interface ReplicaSetObject {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: ObjectMeta;
  spec: { replicas: number; selector: { matchLabels: Record<string, string> }; template: PodTemplate };
  status: { replicas: number };
}

export interface PdbObject {
  apiVersion: 'policy/v1';
  kind: 'PodDisruptionBudget';
  metadata: ObjectMeta;
  spec: { selector: { matchLabels: Record<string, string> } };
  status: { disruptionsAllowed: number; currentHealthy: number; desiredHealthy: number; expectedPods: number; observedGeneration: number };
}

/** What the deployment controller hashes to name a ReplicaSet (any stable hash of the template will do here). */
export function templateHash(template: PodTemplate): string {
  const { [TEMPLATE_HASH]: _ignored, ...labels } = template.metadata.labels;
  const canonical = JSON.stringify({ ...template, metadata: { ...template.metadata, labels } }, Object.keys(flatKeys(template)).sort());
  return createHash('sha256').update(canonical).digest('hex').slice(0, 10);
}

/** Every key that appears anywhere, so JSON.stringify's replacer array keeps them all in a stable order. */
function flatKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(value)) value.forEach((v) => flatKeys(v, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      into[k] = true;
      flatKeys(v, into);
    }
  }
  return into;
}

/** A template without the controller's pod-template-hash label, for comparing a ReplicaSet's with a deployment's. */
export function withoutHash(template: PodTemplate): PodTemplate {
  const { [TEMPLATE_HASH]: _ignored, ...labels } = template.metadata.labels;
  return structuredClone({ ...template, metadata: { ...template.metadata, labels } });
}

export function controllerOf(meta: ObjectMeta): OwnerReference | undefined {
  return meta.ownerReferences?.find((o) => o.controller);
}

export function revisionOf(meta: ObjectMeta): number {
  return Number(meta.annotations?.[REVISION] ?? 0);
}
