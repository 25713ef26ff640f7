/** The preview of rollback, restart and scale: revision from → to with the image difference, or replicas from → to. */
import { DomainError } from '../errors.js';
import type { ClusterDeployment, ClusterReplicaSet } from '../ports.js';
import type { MitigationDeps } from './deps.js';
import { kube } from './kube-errors.js';
import type { MitigationPreview, MitigationRequest } from './model.js';

/** More replicas than this is a typo, not a mitigation. */
export const MAX_REPLICAS = 1000;

/** Revision, pause and replicas; not resourceVersion, which every status update changes (rollback still sends it as a precondition). */
export function deploymentFingerprint(d: ClusterDeployment): string {
  return JSON.stringify({ deployment: [d.namespace, d.name, d.revision, d.paused, d.replicas] });
}

/** ReplicaSets the deployment owns (by owner uid) that carry a revision, newest first. */
export async function ownedRevisions(deps: MitigationDeps, cluster: string, d: ClusterDeployment): Promise<ClusterReplicaSet[]> {
  const sets = await kube(cluster, () => deps.cluster.listReplicaSets(cluster, d.namespace));
  return sets.filter((rs) => rs.ownerUid === d.uid && rs.revision !== null).sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
}

/** Like `kubectl rollout undo`: the previous revision, or the named one; refuses a paused deployment. */
export function rollbackTarget(d: ClusterDeployment, revisions: ClusterReplicaSet[], toRevision: number | undefined): ClusterReplicaSet {
  const label = `${d.namespace}/${d.name}`;
  if (d.paused) throw new DomainError('BAD_INPUT', `${label} is paused: resume it (kubectl rollout resume) before rolling back.`);
  const current = d.revision ?? revisions[0]?.revision ?? null;
  const known = revisions.map((r) => r.revision).join(', ') || 'none';
  if (toRevision !== undefined) {
    if (toRevision === current) throw new DomainError('BAD_INPUT', `${label} is already at revision ${toRevision}: nothing to roll back.`);
    const named = revisions.find((r) => r.revision === toRevision);
    if (!named) throw new DomainError('BAD_INPUT', `${label} has no revision ${toRevision} (known revisions: ${known}).`);
    return named;
  }
  const earlier = revisions.find((r) => r.revision !== null && current !== null && r.revision < current);
  if (!earlier) throw new DomainError('BAD_INPUT', `${label} has no earlier revision to roll back to (revisions: ${known}).`);
  return earlier;
}

export function imageDiff(from: string[], to: string[]): string[] {
  const removed = from.filter((i) => !to.includes(i));
  const added = to.filter((i) => !from.includes(i));
  if (!removed.length && !added.length) return ['Images unchanged.'];
  return [...removed.map((i) => `- ${i}`), ...added.map((i) => `+ ${i}`)];
}

export type DeploymentPreviewPart = Pick<MitigationPreview, 'headline' | 'lines' | 'revision' | 'replicas'> & { target: ClusterReplicaSet | null };

export async function deploymentPreview(deps: MitigationDeps, cluster: string, d: ClusterDeployment, request: MitigationRequest): Promise<DeploymentPreviewPart> {
  const label = `${d.namespace}/${d.name}`;
  const base = { revision: null, replicas: null, target: null };
  if (request.kind === 'rollback') {
    const target = rollbackTarget(d, await ownedRevisions(deps, cluster, d), request.options.toRevision);
    const to = target.revision ?? 0;
    return {
      ...base,
      target,
      headline: `Roll back ${label} from revision ${d.revision ?? '?'} to ${to}`,
      lines: [`Revision ${d.revision ?? '?'} → ${to}`, ...imageDiff(d.images, target.images)],
      revision: { from: d.revision, to, imagesFrom: d.images, imagesTo: target.images },
    };
  }
  if (request.kind === 'restart') {
    return {
      ...base,
      headline: `Restart ${label} (rolling, ${d.replicas} replicas)`,
      lines: [`Current revision ${d.revision ?? '?'}`, `Images: ${d.images.join(', ') || 'none'}`, 'Every pod is replaced, respecting the rollout strategy.'],
    };
  }
  const to = request.options.replicas;
  if (to === undefined || !Number.isInteger(to) || to < 0) throw new DomainError('BAD_INPUT', 'Pass --replicas N with a whole number, 0 or more.');
  if (to > MAX_REPLICAS) throw new DomainError('BAD_INPUT', `${to} replicas is more than Warroom will set (${MAX_REPLICAS}): check the number.`);
  if (to === d.replicas) throw new DomainError('BAD_INPUT', `${label} already has ${to} replicas: nothing to scale.`);
  return {
    ...base,
    headline: `Scale ${label} from ${d.replicas} to ${to} replicas`,
    lines: [`Replicas ${d.replicas} → ${to} (${d.readyReplicas} ready now)`, ...(to === 0 ? ['Scaling to 0 stops the service entirely.'] : [])],
    replicas: { from: d.replicas, to },
  };
}
