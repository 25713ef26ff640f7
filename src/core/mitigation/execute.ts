/** Runs a confirmed mitigation against the live state just re-checked; port errors become a failed result that says what to do. */
import type { MitigationDeps } from './deps.js';
import { runDrain } from './drain.js';
import { clusterAdvice } from './kube-errors.js';
import type { Mitigation, MitigationResult } from './model.js';
import type { Report } from './progress.js';
import type { LiveState } from './recheck.js';

/** The command that undoes `m`, as typed after `/incident` in the war room; null when nothing undoes it. */
export function undoCommand(deps: MitigationDeps, m: Mitigation): string | null {
  const { kind, nodes, deployment, cluster } = m.request;
  const onCluster = deps.settings.clusters.length > 1 ? ` --cluster ${cluster}` : '';
  const target = nodes ? ('node' in nodes ? nodes.node : `-l ${nodes.selector}`) : '';
  const ns = deployment ? `${deployment.name} -n ${deployment.namespace ?? ''}` : '';
  switch (kind) {
    case 'cordon':
    case 'drain':
      return `uncordon ${target}${onCluster}`;
    case 'uncordon':
      return `cordon ${target}${onCluster}`;
    case 'rollback':
      return m.preview.revision?.from != null ? `rollback ${ns} --to-revision ${m.preview.revision.from}${onCluster}` : null;
    case 'scale':
      return m.preview.replicas ? `scale ${ns} --replicas ${m.preview.replicas.from}${onCluster}` : null;
    case 'restart':
      return null;
  }
}

async function run(deps: MitigationDeps, m: Mitigation, live: LiveState, report: Report, undo: string | null): Promise<MitigationResult> {
  const { cluster, kind, deployment } = m.request;
  const namespace = deployment?.namespace ?? '';
  const name = deployment?.name ?? '';
  if (kind === 'cordon' || kind === 'uncordon') {
    const on = kind === 'cordon';
    for (const node of live.nodes) await deps.cluster.setUnschedulable(cluster, node.name, on, { dryRun: false });
    const names = live.nodes.map((n) => n.name);
    return { ok: true, summary: `${on ? 'Cordoned' : 'Uncordoned'} ${names.length === 1 ? names[0] : `${names.length} nodes`}.`, details: [`${on ? 'Cordoned' : 'Uncordoned'}: ${names.join(', ')}`], undo };
  }
  if (kind === 'drain') return runDrain(deps, m, report, undo ?? '');
  if (kind === 'rollback') {
    const target = m.preview.revision?.to;
    const sets = await deps.cluster.listReplicaSets(cluster, namespace);
    const rs = sets.find((s) => s.ownerUid === live.deployment?.uid && s.revision === target);
    if (!rs || !live.deployment) return { ok: false, summary: `Revision ${target ?? '?'} of ${namespace}/${name} is gone: ask for a new preview.`, details: [], undo: null };
    const after = await deps.cluster.setDeploymentTemplate(cluster, namespace, name, rs.template, { dryRun: false, resourceVersion: live.deployment.resourceVersion });
    return { ok: true, summary: `Rolled back ${namespace}/${name} to revision ${target} (now revision ${after.revision ?? '?'}).`, details: [`Images: ${after.images.join(', ')}`], undo };
  }
  if (kind === 'restart') {
    const at = deps.clock.now();
    await deps.cluster.restartDeployment(cluster, namespace, name, at, { dryRun: false });
    return { ok: true, summary: `Restarted ${namespace}/${name} (restartedAt ${at.toISOString()}); pods roll according to its strategy.`, details: [], undo: null };
  }
  const { from, to } = await deps.cluster.scaleDeployment(cluster, namespace, name, m.request.options.replicas ?? 0, { dryRun: false });
  return { ok: true, summary: `Scaled ${namespace}/${name} from ${from} to ${to} replicas.`, details: [], undo };
}

export async function execute(deps: MitigationDeps, m: Mitigation, live: LiveState, report: Report): Promise<MitigationResult> {
  const undo = undoCommand(deps, m);
  try {
    return await run(deps, m, live, report, undo);
  } catch (err) {
    deps.logger.warn({ err, mitigationId: m.id }, 'mitigation failed');
    // A node action may have half run: the undo still applies to what did.
    const partial = m.request.nodes ? undo : null;
    return { ok: false, summary: clusterAdvice(m.request.cluster, err), details: [], undo: partial };
  }
}
