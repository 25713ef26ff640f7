/** Read-only views (nodes, pods, history): no authorization, the same cluster and namespace resolution as actions. */
import type { HistoryReport, NodesReport, PodsReport } from './api.js';
import type { MitigationDeps } from './deps.js';
import { kube } from './kube-errors.js';
import { NO_ZONE, zoneShares } from './node-preview.js';
import { ownedRevisions } from './deployment-preview.js';
import { requireDeployment, resolveCluster, resolveNamespace } from './resolve.js';
import { DomainError } from '../errors.js';

async function serviceOf(deps: MitigationDeps, channelId: string): Promise<string | null> {
  return (await deps.store.incidents.findByChannel(channelId))?.service ?? null;
}

export async function nodesReport(deps: MitigationDeps, channelId: string, query: { cluster: string | null; selector: string | null }): Promise<NodesReport> {
  const cluster = resolveCluster(deps, query.cluster, await serviceOf(deps, channelId)).name;
  const all = await kube(cluster, () => deps.cluster.listNodes(cluster));
  const nodes = query.selector ? await kube(cluster, () => deps.cluster.listNodes(cluster, query.selector ?? undefined)) : all;
  if (query.selector && nodes.length === 0) throw new DomainError('BAD_INPUT', `No node on ${cluster} matches -l ${query.selector}.`);
  const zones = zoneShares(all, nodes).map((z) => {
    const inZone = nodes.filter((n) => (n.zone ?? NO_ZONE) === z.zone);
    const ready = inZone.filter((n) => n.ready).length;
    return { ...z, ready, notReady: inZone.length - ready, total: inZone.length };
  });
  return { cluster, selector: query.selector, nodes: [...nodes].sort((a, b) => a.name.localeCompare(b.name)), zones };
}

async function deploymentOf(deps: MitigationDeps, channelId: string, query: { cluster: string | null; deployment: string; namespace: string | null }) {
  const service = await serviceOf(deps, channelId);
  const settings = resolveCluster(deps, query.cluster, service);
  const namespace = resolveNamespace(deps, settings, query.namespace, query.deployment, service);
  return { cluster: settings.name, deployment: await requireDeployment(deps, settings.name, namespace, query.deployment) };
}

export async function podsReport(deps: MitigationDeps, channelId: string, query: { cluster: string | null; deployment: string; namespace: string | null }): Promise<PodsReport> {
  const { cluster, deployment } = await deploymentOf(deps, channelId, query);
  const sets = await kube(cluster, () => deps.cluster.listReplicaSets(cluster, deployment.namespace));
  const owned = new Set(sets.filter((rs) => rs.ownerUid === deployment.uid).map((rs) => rs.name));
  const pods = await kube(cluster, () => deps.cluster.listPods(cluster, { namespace: deployment.namespace }));
  const mine = pods.filter((p) => p.owner?.kind === 'ReplicaSet' && owned.has(p.owner.name)).sort((a, b) => a.name.localeCompare(b.name));
  return { cluster, deployment, pods: mine };
}

export async function historyReport(deps: MitigationDeps, channelId: string, query: { cluster: string | null; deployment: string; namespace: string | null }): Promise<HistoryReport> {
  const { cluster, deployment } = await deploymentOf(deps, channelId, query);
  return { cluster, deployment, revisions: await ownedRevisions(deps, cluster, deployment) };
}
