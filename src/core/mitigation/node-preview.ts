/** The preview of cordon, uncordon and drain: which nodes, their share of schedulable capacity, and (drain) the pods. */
import { DomainError } from '../errors.js';
import type { ClusterNode, ClusterPod, PodDisruptionBudgetInfo } from '../ports.js';
import type { MitigationDeps } from './deps.js';
import { kube } from './kube-errors.js';
import type { MitigationPreview, MitigationRequest, PodDisposition, ZoneShare } from './model.js';
import type { ResolvedNodes } from './resolve.js';

export const NO_ZONE = '(no zone)';
const round1 = (value: number): number => Math.round(value * 10) / 10;
const percentOf = (part: number, whole: number): number => (whole > 0 ? round1((part / whole) * 100) : part > 0 ? 100 : 0);

/** Per zone: target nodes against the zone's schedulable nodes (cordoned targets take no capacity away). */
export function zoneShares(all: ClusterNode[], targets: ClusterNode[]): ZoneShare[] {
  const zones = [...new Set(all.map((n) => n.zone ?? NO_ZONE))].sort();
  const targetNames = new Set(targets.map((t) => t.name));
  return zones
    .map((zone) => {
      const inZone = all.filter((n) => (n.zone ?? NO_ZONE) === zone && !n.unschedulable);
      const affected = inZone.filter((n) => targetNames.has(n.name)).length;
      return { zone, affected, schedulable: inZone.length, percent: percentOf(affected, inZone.length) };
    })
    .filter((z) => z.affected > 0 || targets.some((t) => (t.zone ?? NO_ZONE) === z.zone));
}

export function podDisposition(pod: ClusterPod, options: MitigationRequest['options']): PodDisposition {
  if (pod.mirror) return 'skip_mirror';
  if (pod.owner?.kind === 'DaemonSet') return 'skip_daemonset';
  if (pod.owner === null && !options.force) return 'refuse_unmanaged';
  if (pod.usesEmptyDir && !options.deleteEmptyDirData) return 'refuse_emptydir';
  return 'evict';
}

/** policy/v1: a PDB selects the pods of its namespace whose labels match every matchLabels pair (empty selects all). */
export function pdbFor(pod: ClusterPod, pdbs: PodDisruptionBudgetInfo[]): PodDisruptionBudgetInfo | null {
  return pdbs.find((p) => p.namespace === pod.namespace && Object.entries(p.selector).every(([k, v]) => pod.labels[k] === v)) ?? null;
}

/** Like kubectl drain: one pod it cannot handle without a flag refuses the whole drain, naming the pods and the flag. */
function refuseDrain(pods: MitigationPreview['pods']): void {
  const problems: string[] = [];
  const unmanaged = pods.filter((p) => p.disposition === 'refuse_unmanaged');
  const emptyDir = pods.filter((p) => p.disposition === 'refuse_emptydir');
  const names = (list: typeof pods) => list.map((p) => `${p.namespace}/${p.name}`).join(', ');
  if (unmanaged.length) problems.push(`pods with no controller (lost for good once evicted; --force allows it): ${names(unmanaged)}`);
  if (emptyDir.length) problems.push(`pods with emptyDir volumes (their data is deleted; --delete-emptydir-data allows it): ${names(emptyDir)}`);
  if (problems.length) throw new DomainError('BAD_INPUT', `Cannot drain: ${problems.join('; ')}.`, { pods: [...unmanaged, ...emptyDir].map((p) => p.name) });
}

export async function drainPods(deps: MitigationDeps, cluster: string, targets: { name: string }[], request: MitigationRequest): Promise<MitigationPreview['pods']> {
  const pdbs = await kube(cluster, () => deps.cluster.listPodDisruptionBudgets(cluster));
  const perNode = await Promise.all(targets.map((n) => kube(cluster, () => deps.cluster.listPods(cluster, { nodeName: n.name }))));
  const pods = perNode.flat().map((pod) => ({
    namespace: pod.namespace,
    name: pod.name,
    node: pod.nodeName,
    disposition: podDisposition(pod, request.options),
    pdb: pdbFor(pod, pdbs) ? `${pod.namespace}/${pdbFor(pod, pdbs)!.name}` : null,
  }));
  refuseDrain(pods);
  return pods;
}

/** Why a second person must confirm a node action, or null. */
export function secondConfirmation(deps: MitigationDeps, request: MitigationRequest, resolved: ResolvedNodes, percent: number): string | null {
  const threshold = deps.settings.blastRadiusPercent;
  if (request.nodes && 'selector' in request.nodes) {
    if (resolved.targets.length >= resolved.all.length) return `-l ${request.nodes.selector} matches every node of the cluster`;
    const zones = new Set(resolved.all.map((n) => n.zone ?? NO_ZONE));
    const hit = new Set(resolved.targets.map((n) => n.zone ?? NO_ZONE));
    if (zones.size > 1 && hit.size === zones.size) return `-l ${request.nodes.selector} spans every zone of the cluster`;
  }
  if (percent > threshold) return `it affects ${percent}% of the cluster's schedulable nodes (more than ${threshold}%)`;
  return null;
}

/** What the decision rests on: which nodes, cordoned or not, ready or not. Not resourceVersion: heartbeats change it. */
export function nodesFingerprint(nodes: ClusterNode[]): string {
  return JSON.stringify({ nodes: [...nodes].sort((a, b) => a.name.localeCompare(b.name)).map((n) => [n.name, n.unschedulable, n.ready]) });
}

export function overallPercent(all: ClusterNode[], targets: ClusterNode[]): number {
  const schedulable = all.filter((n) => !n.unschedulable);
  const names = new Set(targets.map((t) => t.name));
  return percentOf(schedulable.filter((n) => names.has(n.name)).length, schedulable.length);
}
