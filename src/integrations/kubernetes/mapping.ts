/** client-node objects to the port's types: only what the mitigation core reads. */
import type { V1Deployment, V1Node, V1ObjectMeta, V1Pod, V1PodDisruptionBudget, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';
import type { ClusterDeployment, ClusterNode, ClusterPod, ClusterReplicaSet, PodDisruptionBudgetInfo } from '../../core/ports/cluster.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';
const ZONE_LABELS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone'];
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const TEMPLATE_HASH_LABEL = 'pod-template-hash';

function revision(meta: V1ObjectMeta | undefined): number | null {
  const value = Number(meta?.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(value) && value > 0 ? value : null;
}

function controller(meta: V1ObjectMeta | undefined): { kind: string; name: string; uid: string } | null {
  const ref = meta?.ownerReferences?.find((o) => o.controller === true);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : null;
}

/** Plain JSON in the wire format (client-node hands out class instances with Date fields). */
function plain(template: V1PodTemplateSpec | undefined): Record<string, unknown> {
  return template ? (JSON.parse(JSON.stringify(template)) as Record<string, unknown>) : {};
}

function images(template: V1PodTemplateSpec | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? '');
}

export function toNode(node: V1Node): ClusterNode {
  const labels = node.metadata?.labels ?? {};
  const zoneLabel = ZONE_LABELS.find((l) => labels[l]);
  return {
    name: node.metadata?.name ?? '',
    labels,
    unschedulable: node.spec?.unschedulable === true,
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    zone: zoneLabel ? (labels[zoneLabel] ?? null) : null,
    resourceVersion: node.metadata?.resourceVersion ?? '',
  };
}

export function toPod(pod: V1Pod): ClusterPod {
  const owner = controller(pod.metadata);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    nodeName: pod.spec?.nodeName ?? null,
    phase: pod.status?.phase ?? 'Unknown',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    restarts: (pod.status?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
    owner: owner ? { kind: owner.kind, name: owner.name } : null,
    mirror: pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined,
    usesEmptyDir: (pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined && v.emptyDir !== null),
    labels: pod.metadata?.labels ?? {},
  };
}

export function toPdb(pdb: V1PodDisruptionBudget): PodDisruptionBudgetInfo {
  return {
    namespace: pdb.metadata?.namespace ?? '',
    name: pdb.metadata?.name ?? '',
    selector: pdb.spec?.selector?.matchLabels ?? {},
    disruptionsAllowed: pdb.status?.disruptionsAllowed ?? 0,
  };
}

export function toDeployment(d: V1Deployment): ClusterDeployment {
  return {
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    uid: d.metadata?.uid ?? '',
    replicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
    paused: d.spec?.paused === true,
    revision: revision(d.metadata),
    images: images(d.spec?.template),
    template: plain(d.spec?.template),
    resourceVersion: d.metadata?.resourceVersion ?? '',
  };
}

/** The template without the controller's pod-template-hash label, as `kubectl rollout undo` copies it. */
export function toReplicaSet(rs: V1ReplicaSet): ClusterReplicaSet {
  const template = plain(rs.spec?.template) as { metadata?: { labels?: Record<string, string> } };
  if (template.metadata?.labels) delete template.metadata.labels[TEMPLATE_HASH_LABEL];
  const created = rs.metadata?.creationTimestamp;
  return {
    namespace: rs.metadata?.namespace ?? '',
    name: rs.metadata?.name ?? '',
    ownerUid: controller(rs.metadata)?.uid ?? null,
    revision: revision(rs.metadata),
    images: images(rs.spec?.template),
    template,
    createdAt: created ? new Date(created) : null,
  };
}
