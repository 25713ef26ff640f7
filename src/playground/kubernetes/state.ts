/**
 * The fake cluster's state and the little of the controllers it imitates: a deployment whose pod template changes
 * gets a new revision and a ReplicaSet for it (an existing one with the same template is reused, as on rollback).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  controllerOf, REVISION, revisionOf, TEMPLATE_HASH, templateHash, withoutHash,
  type DeploymentObject, type NodeObject, type ObjectMeta, type OwnerReference, type PdbObject, type PodObject, type PodTemplate, type ReplicaSetObject,
} from './objects.js';

export interface SeedNode { name: string; zone: string | null; ready?: boolean; unschedulable?: boolean; labels?: Record<string, string> }
export interface SeedDeployment {
  namespace: string;
  name: string;
  replicas: number;
  image: string;
  /** Earlier revisions (each gets a ReplicaSet scaled to 0); the current one, with `image`, is the highest + 1 unless listed. */
  revisions?: { revision: number; image: string }[];
  paused?: boolean;
}
export interface SeedPod {
  namespace: string;
  name: string;
  node: string;
  owner?: { kind: string; name: string };
  emptyDir?: boolean;
  mirror?: boolean;
  labels?: Record<string, string>;
  restarts?: number;
  ready?: boolean;
}
export interface SeedPdb { namespace: string; name: string; matchLabels: Record<string, string>; disruptionsAllowed: number }

const key = (namespace: string, name: string): string => `${namespace}/${name}`;

export class FakeClusterState {
  readonly nodes = new Map<string, NodeObject>();
  readonly pods = new Map<string, PodObject>();
  readonly deployments = new Map<string, DeploymentObject>();
  readonly replicaSets = new Map<string, ReplicaSetObject>();
  readonly pdbs = new Map<string, PdbObject>();
  private version = 1000;
  private uids = 0;

  meta(name: string, namespace?: string, extra: Partial<ObjectMeta> = {}): ObjectMeta {
    return {
      name,
      ...(namespace === undefined ? {} : { namespace }),
      uid: `00000000-0000-4000-8000-${String(++this.uids).padStart(12, '0')}`,
      resourceVersion: this.nextVersion(),
      creationTimestamp: new Date(Date.UTC(2025, 0, 1, 0, this.uids)).toISOString(),
      ...extra,
    };
  }

  nextVersion(): string {
    this.version += 1;
    return String(this.version);
  }

  addNode(seed: SeedNode): NodeObject {
    const labels: Record<string, string> = { 'kubernetes.io/hostname': seed.name, ...(seed.zone ? { 'topology.kubernetes.io/zone': seed.zone } : {}), ...seed.labels };
    const node: NodeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: this.meta(seed.name, undefined, { labels }),
      spec: seed.unschedulable ? { unschedulable: true } : {},
      status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: seed.ready === false ? 'False' : 'True' }] },
    };
    this.nodes.set(seed.name, node);
    return node;
  }

  addDeployment(seed: SeedDeployment): DeploymentObject {
    const selector = { app: seed.name };
    const template = (image: string): PodTemplate => ({ metadata: { labels: { ...selector } }, spec: { containers: [{ name: seed.name, image }] } });
    const history = [...(seed.revisions ?? [])].sort((a, b) => a.revision - b.revision);
    const top = history[history.length - 1];
    const current = top && top.image === seed.image ? top.revision : (top?.revision ?? 0) + 1;
    const deployment: DeploymentObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: this.meta(seed.name, seed.namespace, { generation: 1, labels: { ...selector }, annotations: { [REVISION]: String(current) } }),
      spec: { replicas: seed.replicas, ...(seed.paused ? { paused: true } : {}), selector: { matchLabels: selector }, template: template(seed.image) },
      status: { observedGeneration: 1, replicas: seed.replicas, readyReplicas: seed.replicas, updatedReplicas: seed.replicas, availableReplicas: seed.replicas },
    };
    this.deployments.set(key(seed.namespace, seed.name), deployment);
    for (const { revision, image } of history) if (revision !== current) this.createReplicaSet(deployment, template(image), revision, 0);
    this.createReplicaSet(deployment, template(seed.image), current, seed.replicas);
    return deployment;
  }

  addPod(seed: SeedPod): PodObject {
    const owner = seed.owner ? this.ownerReference(seed.namespace, seed.owner) : undefined;
    const annotations = seed.mirror ? { 'kubernetes.io/config.mirror': 'a1b2c3d4e5f6' } : undefined;
    const ready = seed.ready !== false;
    const pod: PodObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: this.meta(seed.name, seed.namespace, {
        labels: seed.labels ?? {},
        ...(annotations ? { annotations } : {}),
        ...(owner ? { ownerReferences: [owner] } : {}),
      }),
      spec: {
        nodeName: seed.node,
        containers: [{ name: 'main', image: 'registry.example/app:1' }],
        ...(seed.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }, { name: 'token', projected: { sources: [] } }] } : {}),
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: [{ name: 'main', ready, restartCount: seed.restarts ?? 0 }],
      },
    };
    this.pods.set(key(seed.namespace, seed.name), pod);
    return pod;
  }

  addPdb(seed: SeedPdb): PdbObject {
    const pdb: PdbObject = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: this.meta(seed.name, seed.namespace, { generation: 1 }),
      spec: { selector: { matchLabels: seed.matchLabels } },
      status: { disruptionsAllowed: seed.disruptionsAllowed, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2, observedGeneration: 1 },
    };
    this.pdbs.set(key(seed.namespace, seed.name), pdb);
    return pdb;
  }

  pod(namespace: string, name: string): PodObject | undefined {
    return this.pods.get(key(namespace, name));
  }

  deployment(namespace: string, name: string): DeploymentObject | undefined {
    return this.deployments.get(key(namespace, name));
  }

  ownedReplicaSets(deployment: DeploymentObject): ReplicaSetObject[] {
    return [...this.replicaSets.values()].filter((rs) => controllerOf(rs.metadata)?.uid === deployment.metadata.uid);
  }

  /** Stores a patched deployment and does what the deployment controller would do about it. */
  commitDeployment(next: DeploymentObject, previous: DeploymentObject): void {
    next.metadata.resourceVersion = this.nextVersion();
    const specChanged = !isDeepStrictEqual(next.spec, previous.spec);
    if (specChanged) next.metadata.generation = (previous.metadata.generation ?? 1) + 1;
    if (!isDeepStrictEqual(next.spec.template, previous.spec.template) && !next.spec.paused) {
      const owned = this.ownedReplicaSets(next);
      const revision = Math.max(0, ...owned.map((rs) => revisionOf(rs.metadata))) + 1;
      const existing = owned.find((rs) => isDeepStrictEqual(withoutHash(rs.spec.template), next.spec.template));
      for (const rs of owned) rs.spec.replicas = rs.status.replicas = 0;
      if (existing) {
        existing.metadata.annotations = { ...existing.metadata.annotations, [REVISION]: String(revision) };
        existing.spec.replicas = existing.status.replicas = next.spec.replicas;
        existing.metadata.resourceVersion = this.nextVersion();
      } else this.createReplicaSet(next, next.spec.template, revision, next.spec.replicas);
      next.metadata.annotations = { ...next.metadata.annotations, [REVISION]: String(revision) };
    } else {
      const current = this.ownedReplicaSets(next).find((rs) => revisionOf(rs.metadata) === revisionOf(next.metadata));
      if (current) current.spec.replicas = current.status.replicas = next.spec.replicas;
    }
    const replicas = next.spec.replicas;
    next.status = { observedGeneration: next.metadata.generation ?? 1, replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas };
    this.deployments.set(key(next.metadata.namespace ?? '', next.metadata.name), next);
  }

  private createReplicaSet(deployment: DeploymentObject, template: PodTemplate, revision: number, replicas: number): ReplicaSetObject {
    const hash = templateHash(template);
    const namespace = deployment.metadata.namespace ?? 'default';
    const labels = { ...template.metadata.labels, [TEMPLATE_HASH]: hash };
    const rs: ReplicaSetObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: this.meta(`${deployment.metadata.name}-${hash}`, namespace, {
        labels,
        annotations: { [REVISION]: String(revision) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name, uid: deployment.metadata.uid, controller: true, blockOwnerDeletion: true }],
      }),
      spec: { replicas, selector: { matchLabels: { ...deployment.spec.selector.matchLabels, [TEMPLATE_HASH]: hash } }, template: { ...structuredClone(template), metadata: { ...structuredClone(template.metadata), labels } } },
      status: { replicas },
    };
    this.replicaSets.set(key(namespace, rs.metadata.name), rs);
    return rs;
  }

  private ownerReference(namespace: string, owner: { kind: string; name: string }): OwnerReference {
    const known = owner.kind === 'ReplicaSet' ? this.replicaSets.get(key(namespace, owner.name)) : undefined;
    const apiVersion = ['ReplicaSet', 'DaemonSet', 'StatefulSet', 'Deployment'].includes(owner.kind) ? 'apps/v1' : owner.kind === 'Job' ? 'batch/v1' : 'v1';
    return { apiVersion, kind: owner.kind, name: owner.name, uid: known?.metadata.uid ?? this.meta(owner.name).uid, controller: true, blockOwnerDeletion: true };
  }
}
