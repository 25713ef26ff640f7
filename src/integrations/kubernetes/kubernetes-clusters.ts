/**
 * ClusterPort over @kubernetes/client-node 1.x: the reads and writes `kubectl cordon/drain/rollout undo/rollout
 * restart/scale` are made of, for several clusters, each call under a timeout, every failure an IntegrationError.
 */
import { ApiException, PatchStrategy } from '@kubernetes/client-node';
import { IntegrationError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { ClusterDeployment, ClusterPort, EvictionResult } from '../../core/ports/cluster.js';
import type { IntegrationStatus } from '../../core/ports/status.js';
import { loadCluster, withTimeout, type CallOptions, type ClusterClients, type ClusterDefinition } from './clients.js';
import { kubeError, statusOf } from './kube-errors.js';
import { RESTARTED_AT_ANNOTATION, toDeployment, toNode, toPdb, toPod, toReplicaSet } from './mapping.js';

export const DEFAULT_KUBERNETES_TIMEOUT_MS = 15_000;

export interface KubernetesClustersOptions {
  clusters: ClusterDefinition[];
  timeoutMs?: number;
  logger?: Logger;
}

const dry = (dryRun: boolean): { dryRun?: string } => (dryRun ? { dryRun: 'All' } : {});

/** RFC 3339 to the second, as kubectl writes restartedAt. */
const rfc3339 = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function createKubernetesClusters(options: KubernetesClustersOptions): ClusterPort {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KUBERNETES_TIMEOUT_MS;
  const clients = new Map<string, ClusterClients>(options.clusters.map((def) => [def.name, loadCluster(def)]));

  async function call<T>(cluster: string, operation: string, verb: string, resource: string, fn: (c: ClusterClients, opts: CallOptions) => Promise<T>): Promise<T> {
    const c = clients.get(cluster);
    if (!c) throw new IntegrationError('kubernetes', operation, `not_found: no cluster named "${cluster}" is configured (configured: ${[...clients.keys()].join(', ') || 'none'})`);
    try {
      return await withTimeout(timeoutMs, (opts) => fn(c, opts));
    } catch (err) {
      const error = kubeError(err, { cluster, operation, verb, resource });
      options.logger?.warn({ cluster, operation, reason: error.reason }, 'kubernetes call failed');
      throw error;
    }
  }

  const notFoundAsNull = (err: unknown): null => {
    if (err instanceof IntegrationError && err.reason.startsWith('not_found:') && !err.reason.includes('no cluster named')) return null;
    throw err;
  };

  return {
    status(): IntegrationStatus {
      return clients.size > 0
        ? { configured: true, detail: `clusters: ${[...clients.keys()].join(', ')}` }
        : { configured: false, detail: 'no Kubernetes cluster configured: add `clusters:` (name, kubeconfig, context) to the config file' };
    },

    clusters: () => [...clients.keys()],

    listNodes: (cluster, labelSelector) =>
      call(cluster, 'listNodes', 'list', 'nodes', async (c, opts) => (await c.core.listNode({ ...(labelSelector ? { labelSelector } : {}) }, opts())).items.map(toNode)),

    setUnschedulable: (cluster, node, unschedulable, { dryRun }) =>
      call(cluster, 'setUnschedulable', 'patch', 'nodes', async (c, opts) =>
        toNode(await c.core.patchNode({ name: node, body: { spec: { unschedulable } }, ...dry(dryRun) }, opts(PatchStrategy.MergePatch)))),

    listPods: (cluster, query) =>
      call(cluster, 'listPods', 'list', 'pods', async (c, opts) => {
        const selectors = { ...(query.nodeName ? { fieldSelector: `spec.nodeName=${query.nodeName}` } : {}), ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}) };
        const list = query.namespace ? await c.core.listNamespacedPod({ namespace: query.namespace, ...selectors }, opts()) : await c.core.listPodForAllNamespaces(selectors, opts());
        return list.items.map(toPod);
      }),

    evictPod: (cluster, namespace, name, { gracePeriodSeconds, dryRun }) =>
      call(cluster, 'evictPod', 'create', 'pods/eviction', async (c, opts): Promise<EvictionResult> => {
        const body = {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name, namespace },
          ...(gracePeriodSeconds !== undefined ? { deleteOptions: { gracePeriodSeconds } } : {}),
        };
        try {
          await c.core.createNamespacedPodEviction({ name, namespace, body, ...dry(dryRun) }, opts());
          return { evicted: true };
        } catch (err) {
          if (!(err instanceof ApiException) || (err.code !== 429 && err.code !== 404)) throw err;
          const status = statusOf(err);
          const message = [status.message, ...status.causes].filter(Boolean).join(' ');
          return { evicted: false, reason: err.code === 429 ? 'disruption_budget' : 'gone', message };
        }
      }),

    listPodDisruptionBudgets: (cluster, namespace) =>
      call(cluster, 'listPodDisruptionBudgets', 'list', 'poddisruptionbudgets', async (c, opts) => {
        const list = namespace ? await c.policy.listNamespacedPodDisruptionBudget({ namespace }, opts()) : await c.policy.listPodDisruptionBudgetForAllNamespaces({}, opts());
        return list.items.map(toPdb);
      }),

    listDeployments: (cluster, namespace) =>
      call(cluster, 'listDeployments', 'list', 'deployments', async (c, opts) => (await c.apps.listNamespacedDeployment({ namespace }, opts())).items.map(toDeployment)),

    getDeployment: (cluster, namespace, name) =>
      call(cluster, 'getDeployment', 'get', 'deployments', async (c, opts): Promise<ClusterDeployment | null> =>
        toDeployment(await c.apps.readNamespacedDeployment({ name, namespace }, opts()))).catch(notFoundAsNull),

    listReplicaSets: (cluster, namespace) =>
      call(cluster, 'listReplicaSets', 'list', 'replicasets', async (c, opts) => (await c.apps.listNamespacedReplicaSet({ namespace }, opts())).items.map(toReplicaSet)),

    setDeploymentTemplate: (cluster, namespace, name, template, { dryRun, resourceVersion }) =>
      call(cluster, 'setDeploymentTemplate', 'patch', 'deployments', async (c, opts) => {
        // Like `kubectl rollout undo`: a JSON patch replacing the whole template (a merge would keep stray fields);
        // the resourceVersion in the patched object makes the API server answer 409 if the deployment moved on.
        const body = [
          { op: 'replace', path: '/metadata/resourceVersion', value: resourceVersion },
          { op: 'replace', path: '/spec/template', value: template },
        ];
        return toDeployment(await c.apps.patchNamespacedDeployment({ name, namespace, body, ...dry(dryRun) }, opts(PatchStrategy.JsonPatch)));
      }),

    restartDeployment: (cluster, namespace, name, at, { dryRun }) =>
      call(cluster, 'restartDeployment', 'patch', 'deployments', async (c, opts) => {
        const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: rfc3339(at) } } } } };
        return toDeployment(await c.apps.patchNamespacedDeployment({ name, namespace, body, ...dry(dryRun) }, opts(PatchStrategy.StrategicMergePatch)));
      }),

    scaleDeployment: async (cluster, namespace, name, replicas, { dryRun }) => {
      const before = await call(cluster, 'scaleDeployment', 'get', 'deployments/scale', (c, opts) => c.apps.readNamespacedDeploymentScale({ name, namespace }, opts()));
      const after = await call(cluster, 'scaleDeployment', 'patch', 'deployments/scale', (c, opts) =>
        c.apps.patchNamespacedDeploymentScale({ name, namespace, body: { spec: { replicas } }, ...dry(dryRun) }, opts(PatchStrategy.MergePatch)));
      return { from: before.spec?.replicas ?? 0, to: after.spec?.replicas ?? replicas };
    },
  };
}
