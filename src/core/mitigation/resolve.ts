/** Which cluster, namespace, nodes and deployment a request means: flags first, then the war room's service. */
import { DomainError } from '../errors.js';
import type { ClusterDeployment, ClusterNode } from '../ports.js';
import { closestMatch } from '../text/closest.js';
import type { MitigationDeps } from './deps.js';
import { kube } from './kube-errors.js';
import type { ClusterSettings, NodeTarget } from './model.js';

type ServiceSettings = MitigationDeps['settings']['services'][number];

function serviceNamed(deps: MitigationDeps, name: string | null): ServiceSettings | null {
  return name ? (deps.settings.services.find((s) => s.name === name) ?? null) : null;
}

export function resolveCluster(deps: MitigationDeps, requested: string | null, incidentService: string | null): ClusterSettings {
  const clusters = deps.settings.clusters;
  const names = clusters.map((c) => c.name).join(', ') || 'none';
  const name = requested ?? serviceNamed(deps, incidentService)?.cluster ?? (clusters.length === 1 ? clusters[0]!.name : null);
  if (name === null) {
    if (clusters.length === 0) throw new DomainError('INTEGRATION_NOT_CONFIGURED', 'No Kubernetes cluster is configured: add one under `clusters:` in the config.');
    throw new DomainError('BAD_INPUT', `Several clusters are configured (${names}): pass --cluster <name>.`, { clusters: clusters.map((c) => c.name) });
  }
  const found = clusters.find((c) => c.name === name);
  if (!found) throw new DomainError('BAD_INPUT', `Unknown cluster ${name}. Configured clusters: ${names}.`, { clusters: clusters.map((c) => c.name) });
  return found;
}

/** The flag, else the namespace of a service running this deployment on the cluster, else the war room's service's. */
export function resolveNamespace(deps: MitigationDeps, cluster: ClusterSettings, requested: string | null, deployment: string, incidentService: string | null): string {
  const onCluster = deps.settings.services.filter((s) => s.cluster === cluster.name);
  const namespace =
    requested ??
    onCluster.find((s) => s.deployments.includes(deployment))?.namespace ??
    onCluster.find((s) => s.name === incidentService)?.namespace ??
    null;
  if (namespace === null) throw new DomainError('BAD_INPUT', `Which namespace is ${deployment} in? Pass -n <namespace> (allowed on ${cluster.name}: ${cluster.namespaces.join(', ') || 'none'}).`);
  if (!cluster.namespaces.includes(namespace)) {
    const allowed = cluster.namespaces.length ? `allowed: ${cluster.namespaces.join(', ')}` : 'no namespace is allowed there';
    throw new DomainError('FORBIDDEN', `Namespace not allowed: Warroom may not touch ${namespace} on ${cluster.name} (${allowed}).`, { namespace, allowed: cluster.namespaces });
  }
  return namespace;
}

function suggestion(name: string, candidates: string[]): string {
  const close = closestMatch(name, candidates);
  if (close) return ` Did you mean ${close}?`;
  return candidates.length ? ` Known: ${candidates.slice(0, 10).join(', ')}${candidates.length > 10 ? ', …' : ''}.` : '';
}

export async function requireDeployment(deps: MitigationDeps, cluster: string, namespace: string, name: string): Promise<ClusterDeployment> {
  const found = await kube(cluster, () => deps.cluster.getDeployment(cluster, namespace, name));
  if (found) return found;
  const known = (await kube(cluster, () => deps.cluster.listDeployments(cluster, namespace))).map((d) => d.name);
  throw new DomainError('BAD_INPUT', `Unknown deployment ${name} in ${namespace} on ${cluster}.${suggestion(name, known)}`, { known });
}

export interface ResolvedNodes {
  all: ClusterNode[];
  targets: ClusterNode[];
}

/** The nodes a target names; a selector matching nothing, or every node without --all-nodes, is an error. */
export async function resolveNodes(deps: MitigationDeps, cluster: string, target: NodeTarget, allNodes: boolean): Promise<ResolvedNodes> {
  const all = await kube(cluster, () => deps.cluster.listNodes(cluster));
  if ('node' in target) {
    const node = all.find((n) => n.name === target.node);
    if (!node) throw new DomainError('BAD_INPUT', `Unknown node ${target.node} on ${cluster}.${suggestion(target.node, all.map((n) => n.name))}`);
    return { all, targets: [node] };
  }
  const targets = await kube(cluster, () => deps.cluster.listNodes(cluster, target.selector));
  if (targets.length === 0) throw new DomainError('BAD_INPUT', `No node on ${cluster} matches -l ${target.selector}: check the labels with \`nodes\`.`);
  if (targets.length >= all.length && !allNodes) {
    throw new DomainError('BAD_INPUT', `-l ${target.selector} matches every node of ${cluster} (${all.length}): add --all-nodes if you really mean the whole cluster (a second person will have to confirm).`);
  }
  return { all, targets: [...targets].sort((a, b) => a.name.localeCompare(b.name)) };
}
