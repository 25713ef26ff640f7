/**
 * An in-memory ClusterPort that behaves like the API server where the mitigation core cares: label selectors,
 * eviction refused (disruption_budget) while a PDB allows 0, dryRun validating without persisting, optimistic
 * resourceVersion on template writes, new ReplicaSet revisions on template changes, and `forbid(method)`.
 */
import { IntegrationError } from '../../../src/core/errors.js';
import type {
  ClusterDeployment, ClusterNode, ClusterPod, ClusterPort, ClusterReplicaSet, EvictionResult, PodDisruptionBudgetInfo,
} from '../../../src/core/ports.js';

export interface PodTemplate {
  metadata: { annotations: Record<string, string> };
  spec: { containers: { name: string; image: string }[] };
}

export interface FakeClusterData {
  nodes: ClusterNode[];
  pods: ClusterPod[];
  deployments: ClusterDeployment[];
  replicaSets: ClusterReplicaSet[];
  pdbs: PodDisruptionBudgetInfo[];
}

type Method = Exclude<keyof ClusterPort, 'status' | 'clusters'>;
const VERBS: Record<Method, string> = {
  listNodes: 'list nodes', setUnschedulable: 'patch nodes', listPods: 'list pods', evictPod: 'create pods/eviction',
  listPodDisruptionBudgets: 'list poddisruptionbudgets.policy', listDeployments: 'list deployments.apps', getDeployment: 'get deployments.apps',
  listReplicaSets: 'list replicasets.apps', setDeploymentTemplate: 'patch deployments.apps', restartDeployment: 'patch deployments.apps',
  scaleDeployment: 'patch deployments.apps/scale',
};

export interface FakeCluster extends ClusterPort {
  data: Record<string, FakeClusterData>;
  calls: { method: Method; args: unknown[] }[];
  /** Makes `method` fail as RBAC would (reason `forbidden: … cannot <verb> <resource>`); `unreachable` as a dead API server. */
  forbid(method: Method): void;
  unreachable(on: boolean): void;
  /** Writes (not dry runs) made through `method`. */
  writes(method: Method): unknown[][];
}

/** `a=b,c!=d,e,!f`: the equality subset of Kubernetes label selectors. */
export function matchesSelector(labels: Record<string, string>, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').map((s) => s.trim()).filter(Boolean).every((term) => {
    if (term.includes('!=')) { const [k, v] = term.split('!='); return labels[k!] !== v; }
    if (term.includes('=')) { const [k, v] = term.split(/==?/); return labels[k!] === v; }
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return term in labels;
  });
}

export const imagesOf = (template: unknown): string[] => (template as PodTemplate).spec.containers.map((c) => c.image);
const sameTemplate = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function createFakeCluster(data: Record<string, Partial<FakeClusterData>>): FakeCluster {
  let version = 1000;
  const forbidden = new Set<Method>();
  let down = false;
  const state: Record<string, FakeClusterData> = Object.fromEntries(
    Object.entries(data).map(([name, d]) => [name, { nodes: [], pods: [], deployments: [], replicaSets: [], pdbs: [], ...structuredClone(d) }]),
  );
  const calls: FakeCluster['calls'] = [];
  const bump = (): string => String(++version);

  function enter(method: Method, cluster: string, args: unknown[]): FakeClusterData {
    calls.push({ method, args: structuredClone(args) });
    if (down) throw new IntegrationError('kubernetes', method, 'unreachable: connect ECONNREFUSED 127.0.0.1:6443', true);
    if (forbidden.has(method)) {
      throw new IntegrationError('kubernetes', method, `forbidden: User "system:serviceaccount:warroom:warroom" cannot ${VERBS[method]}`);
    }
    const found = state[cluster];
    if (!found) throw new IntegrationError('kubernetes', method, `unreachable: no such cluster ${cluster}`);
    return found;
  }
  const notFound = (method: Method, what: string): never => { throw new IntegrationError('kubernetes', method, `not_found: ${what} not found`); };
  const deployment = (d: FakeClusterData, method: Method, ns: string, name: string): ClusterDeployment =>
    d.deployments.find((x) => x.namespace === ns && x.name === name) ?? notFound(method, `deployments.apps "${name}"`);

  /** The deployment controller: the ReplicaSet with this template takes the next revision, or a new one is made. */
  function rollout(d: FakeClusterData, dep: ClusterDeployment, template: unknown): void {
    const owned = d.replicaSets.filter((rs) => rs.ownerUid === dep.uid);
    const next = Math.max(0, ...owned.map((rs) => rs.revision ?? 0)) + 1;
    const match = owned.find((rs) => sameTemplate(rs.template, template));
    if (match) match.revision = next;
    else d.replicaSets.push({ namespace: dep.namespace, name: `${dep.name}-r${next}`, ownerUid: dep.uid, revision: next, images: imagesOf(template), template: structuredClone(template), createdAt: null });
    Object.assign(dep, { template: structuredClone(template), images: imagesOf(template), revision: next, resourceVersion: bump() });
  }

  const port: ClusterPort = {
    status: () => ({ configured: true, detail: 'fake cluster' }),
    clusters: () => Object.keys(state),
    async listNodes(cluster, selector) {
      return structuredClone(enter('listNodes', cluster, [cluster, selector]).nodes.filter((n) => matchesSelector(n.labels, selector)));
    },
    async setUnschedulable(cluster, name, unschedulable, options) {
      const d = enter('setUnschedulable', cluster, [cluster, name, unschedulable, options]);
      const node = d.nodes.find((n) => n.name === name) ?? notFound('setUnschedulable', `nodes "${name}"`);
      if (options.dryRun) return { ...structuredClone(node), unschedulable };
      if (node.unschedulable !== unschedulable) Object.assign(node, { unschedulable, resourceVersion: bump() });
      return structuredClone(node);
    },
    async listPods(cluster, query) {
      return structuredClone(enter('listPods', cluster, [cluster, query]).pods.filter((p) =>
        (!query.namespace || p.namespace === query.namespace) && (!query.nodeName || p.nodeName === query.nodeName) && matchesSelector(p.labels, query.labelSelector)));
    },
    async evictPod(cluster, namespace, name, options): Promise<EvictionResult> {
      const d = enter('evictPod', cluster, [cluster, namespace, name, options]);
      const pod = d.pods.find((p) => p.namespace === namespace && p.name === name);
      if (!pod) return { evicted: false, reason: 'gone', message: `pods "${name}" not found` };
      const pdbs = d.pdbs.filter((p) => p.namespace === namespace && matchesSelector(pod.labels, Object.entries(p.selector).map(([k, v]) => `${k}=${v}`).join(',')));
      if (pdbs.some((p) => p.disruptionsAllowed <= 0)) return { evicted: false, reason: 'disruption_budget', message: "Cannot evict pod as it would violate the pod's disruption budget." };
      if (options.dryRun) return { evicted: true };
      d.pods = d.pods.filter((p) => p !== pod);
      for (const p of pdbs) p.disruptionsAllowed--;
      return { evicted: true };
    },
    async listPodDisruptionBudgets(cluster, namespace) {
      return structuredClone(enter('listPodDisruptionBudgets', cluster, [cluster, namespace]).pdbs.filter((p) => !namespace || p.namespace === namespace));
    },
    async listDeployments(cluster, namespace) {
      return structuredClone(enter('listDeployments', cluster, [cluster, namespace]).deployments.filter((x) => x.namespace === namespace));
    },
    async getDeployment(cluster, namespace, name) {
      const found = enter('getDeployment', cluster, [cluster, namespace, name]).deployments.find((x) => x.namespace === namespace && x.name === name);
      return found ? structuredClone(found) : null;
    },
    async listReplicaSets(cluster, namespace) {
      return structuredClone(enter('listReplicaSets', cluster, [cluster, namespace]).replicaSets.filter((x) => x.namespace === namespace));
    },
    async setDeploymentTemplate(cluster, namespace, name, template, options) {
      const d = enter('setDeploymentTemplate', cluster, [cluster, namespace, name, template, options]);
      const dep = deployment(d, 'setDeploymentTemplate', namespace, name);
      if (dep.resourceVersion !== options.resourceVersion) throw new IntegrationError('kubernetes', 'setDeploymentTemplate', `conflict: the object has been modified (resourceVersion ${dep.resourceVersion})`);
      if (options.dryRun) return { ...structuredClone(dep), template: structuredClone(template), images: imagesOf(template) };
      rollout(d, dep, template);
      return structuredClone(dep);
    },
    async restartDeployment(cluster, namespace, name, at, options) {
      const d = enter('restartDeployment', cluster, [cluster, namespace, name, at, options]);
      const dep = deployment(d, 'restartDeployment', namespace, name);
      const template = structuredClone(dep.template) as PodTemplate;
      template.metadata.annotations['kubectl.kubernetes.io/restartedAt'] = at.toISOString();
      if (options.dryRun) return { ...structuredClone(dep), template };
      rollout(d, dep, template);
      return structuredClone(dep);
    },
    async scaleDeployment(cluster, namespace, name, replicas, options) {
      const d = enter('scaleDeployment', cluster, [cluster, namespace, name, replicas, options]);
      const dep = deployment(d, 'scaleDeployment', namespace, name);
      const from = dep.replicas;
      if (!options.dryRun) Object.assign(dep, { replicas, resourceVersion: bump() });
      return { from, to: replicas };
    },
  };
  return Object.assign(port, {
    data: state,
    calls,
    forbid: (method: Method) => void forbidden.add(method),
    unreachable: (on: boolean) => void (down = on),
    writes: (method: Method) => calls.filter((c) => c.method === method && !(c.args.at(-1) as { dryRun?: boolean } | undefined)?.dryRun).map((c) => c.args),
  });
}
