/** preview: resolve what the request means, measure it, dry-run it, store it and post it with Confirm and Cancel. */
import { requireByChannel } from '../incident/incident-context.js';
import { DomainError, describeError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import type { MitigationDeps } from './deps.js';
import { deploymentFingerprint, deploymentPreview } from './deployment-preview.js';
import { clusterAdvice } from './kube-errors.js';
import type { Mitigation, MitigationPreview, MitigationRequest, NewMitigation } from './model.js';
import { drainPods, nodesFingerprint, overallPercent, secondConfirmation, zoneShares } from './node-preview.js';
import { describeRequest, recordStep } from './audit.js';
import { requireDeployment, resolveCluster, resolveNamespace, resolveNodes } from './resolve.js';

type Resolved = MitigationRequest & { cluster: string };

/** Runs the server-side dry runs; what they said, in one sentence. */
async function dryRun(cluster: string, runs: (() => Promise<unknown>)[]): Promise<string> {
  const results = await Promise.allSettled(runs.map((run) => run()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) return `Server-side dry run refused: ${clusterAdvice(cluster, failed.reason)}`;
  return `Server-side dry run accepted (${runs.length} ${runs.length === 1 ? 'change' : 'changes'}).`;
}

const KIND_VERB: Record<string, string> = { cordon: 'Cordon', uncordon: 'Uncordon', drain: 'Drain' };

async function nodePreview(deps: MitigationDeps, request: Resolved): Promise<MitigationPreview> {
  const { cluster } = request;
  if (!request.nodes) throw new DomainError('BAD_INPUT', `Name a node or pass -l <selector> to ${request.kind}.`);
  const resolved = await resolveNodes(deps, cluster, request.nodes, request.options.allNodes === true);
  const { targets, all } = resolved;
  const zones = zoneShares(all, targets);
  const percent = overallPercent(all, targets);
  const pods = request.kind === 'drain' ? await drainPods(deps, cluster, targets, request) : [];
  const where = zones.length === 1 ? ` in ${zones[0]!.zone}` : ` across ${zones.length} zones`;
  const count = targets.length === 1 ? targets[0]!.name : `${targets.length} nodes`;
  const lines = zones.map((z) => `${z.zone}: ${z.affected} of ${z.schedulable} schedulable nodes (${z.percent}%)`);
  if (request.kind === 'drain') {
    const evict = pods.filter((p) => p.disposition === 'evict');
    const blocked = evict.filter((p) => p.pdb);
    lines.push(`${evict.length} pods to evict, ${pods.length - evict.length} left in place (DaemonSet or mirror pods)`);
    if (blocked.length) lines.push(`${blocked.length} of them covered by a PodDisruptionBudget: evictions it refuses are retried until the timeout`);
  }
  const cordon = request.kind !== 'uncordon';
  return {
    headline: `${KIND_VERB[request.kind]} ${count}${where} (${percent}% of the cluster's schedulable nodes) on ${cluster}`,
    lines,
    nodes: targets.map((n) => ({ name: n.name, zone: n.zone, unschedulable: n.unschedulable, ready: n.ready })),
    zones,
    pods,
    revision: null,
    replicas: null,
    blastRadiusPercent: percent,
    secondConfirmationReason: secondConfirmation(deps, request, resolved, percent),
    fingerprint: nodesFingerprint(targets),
    dryRun: await dryRun(cluster, targets.map((n) => () => deps.cluster.setUnschedulable(cluster, n.name, cordon, { dryRun: true }))),
  };
}

async function deploymentKindPreview(deps: MitigationDeps, request: Resolved, incidentService: string | null): Promise<{ preview: MitigationPreview; namespace: string }> {
  const { cluster } = request;
  if (!request.deployment) throw new DomainError('BAD_INPUT', `Name the deployment to ${request.kind}.`);
  const settings = resolveCluster(deps, cluster, null);
  const namespace = resolveNamespace(deps, settings, request.deployment.namespace, request.deployment.name, incidentService);
  const d = await requireDeployment(deps, cluster, namespace, request.deployment.name);
  const part = await deploymentPreview(deps, cluster, d, request);
  const now = deps.clock.now();
  const run =
    request.kind === 'rollback'
      ? () => deps.cluster.setDeploymentTemplate(cluster, namespace, d.name, part.target?.template, { dryRun: true, resourceVersion: d.resourceVersion })
      : request.kind === 'restart'
        ? () => deps.cluster.restartDeployment(cluster, namespace, d.name, now, { dryRun: true })
        : () => deps.cluster.scaleDeployment(cluster, namespace, d.name, request.options.replicas ?? d.replicas, { dryRun: true });
  const { target: _target, ...shown } = part;
  return {
    namespace,
    preview: { ...shown, nodes: [], zones: [], pods: [], blastRadiusPercent: 0, secondConfirmationReason: null, fingerprint: deploymentFingerprint(d), dryRun: await dryRun(cluster, [run]) },
  };
}

export async function preview(deps: MitigationDeps, channelId: string, request: MitigationRequest, actor: Actor): Promise<Mitigation> {
  const incident = await requireByChannel(deps, channelId);
  const cluster = resolveCluster(deps, request.cluster, incident.service).name;
  let resolved: Resolved = { ...request, cluster };
  let shown: MitigationPreview;
  if (request.kind === 'cordon' || request.kind === 'uncordon' || request.kind === 'drain') {
    shown = await nodePreview(deps, resolved);
  } else {
    const { preview: p, namespace } = await deploymentKindPreview(deps, resolved, incident.service);
    resolved = { ...resolved, deployment: { name: request.deployment!.name, namespace } };
    shown = p;
  }
  const now = deps.clock.now();
  const draft: NewMitigation = {
    incidentId: incident.id,
    channelId,
    messageTs: null,
    request: resolved,
    requestedBy: actor.userId,
    requestedAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.previewExpiryMinutes * 60_000),
    state: 'pending',
    preview: shown,
    confirmations: [],
    progress: [],
    result: null,
  };
  let stored = await deps.store.mitigations.create(draft);
  try {
    const posted = await deps.chat.postMessage(channelId, deps.views.mitigation(stored));
    stored = await deps.store.mitigations.update(stored.id, { messageTs: posted.ts });
  } catch (err) {
    deps.logger.warn({ err, mitigationId: stored.id }, 'could not post the mitigation preview');
    throw new DomainError('INTEGRATION_FAILED', `The preview is ready but could not be posted (${describeError(err)}): try again.`);
  }
  await recordStep(deps, stored, 'preview', actor.userId, `<@${actor.userId}> asked to ${describeRequest(stored)}: ${shown.headline}`, { headline: shown.headline });
  return stored;
}
