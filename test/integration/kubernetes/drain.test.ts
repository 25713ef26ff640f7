import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startHarness, type Harness } from './harness.js';

describe('kubernetes adapter: pods, evictions and disruption budgets', () => {
  let h: Harness;
  let replicaSet: string;
  beforeEach(async () => {
    h = await startHarness();
    h.kube.addNode({ name: 'node-a1', zone: 'us-west-2a' });
    h.kube.addDeployment({ namespace: 'shop', name: 'web', replicas: 2, image: 'web:2' });
    replicaSet = h.kube.replicaSets('shop')[0]?.metadata.name ?? '';
    h.kube.addPod({ namespace: 'shop', name: 'web-1', node: 'node-a1', owner: { kind: 'ReplicaSet', name: replicaSet }, labels: { app: 'web' } });
    h.kube.addPod({ namespace: 'shop', name: 'web-2', node: 'node-b1', owner: { kind: 'ReplicaSet', name: replicaSet }, labels: { app: 'web' }, restarts: 3 });
    h.kube.addPod({ namespace: 'kube-system', name: 'fluentd-x', node: 'node-a1', owner: { kind: 'DaemonSet', name: 'fluentd' } });
    h.kube.addPod({ namespace: 'kube-system', name: 'etcd-node-a1', node: 'node-a1', mirror: true });
    h.kube.addPod({ namespace: 'shop', name: 'cache-0', node: 'node-a1', owner: { kind: 'StatefulSet', name: 'cache' }, emptyDir: true, labels: { app: 'cache' } });
    h.kube.addPod({ namespace: 'shop', name: 'debug', node: 'node-a1' });
    h.kube.addPdb({ namespace: 'shop', name: 'cache-pdb', matchLabels: { app: 'cache' }, disruptionsAllowed: 0 });
    h.kube.addPdb({ namespace: 'shop', name: 'web-pdb', matchLabels: { app: 'web' }, disruptionsAllowed: 1 });
  });
  afterEach(() => h.kube.close());

  it('lists the pods of a node across namespaces with owner, mirror and emptyDir mapped', async () => {
    const pods = await h.port.listPods('prod', { nodeName: 'node-a1' });
    expect(h.kube.requests.at(-1)).toMatchObject({ path: '/api/v1/pods', query: { fieldSelector: 'spec.nodeName=node-a1' } });
    const byName = Object.fromEntries(pods.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['cache-0', 'debug', 'etcd-node-a1', 'fluentd-x', 'web-1']);
    expect(byName['web-1']).toMatchObject({ namespace: 'shop', nodeName: 'node-a1', phase: 'Running', ready: true, owner: { kind: 'ReplicaSet', name: replicaSet }, mirror: false, usesEmptyDir: false, labels: { app: 'web' } });
    expect(byName['fluentd-x']?.owner).toEqual({ kind: 'DaemonSet', name: 'fluentd' });
    expect(byName['etcd-node-a1']).toMatchObject({ mirror: true, owner: null });
    expect(byName['cache-0']?.usesEmptyDir).toBe(true);
    expect(byName['debug']?.owner).toBeNull();
  });

  it('lists the pods of a namespace by label with restarts summed', async () => {
    const pods = await h.port.listPods('prod', { namespace: 'shop', labelSelector: 'app=web' });
    expect(h.kube.requests.at(-1)).toMatchObject({ path: '/api/v1/namespaces/shop/pods', query: { labelSelector: 'app=web' } });
    expect(pods.map((p) => [p.name, p.restarts])).toEqual([['web-1', 0], ['web-2', 3]]);
  });

  it('evicts through the policy/v1 Eviction API: the pod is gone and the budget spent', async () => {
    expect(await h.port.evictPod('prod', 'shop', 'web-1', { gracePeriodSeconds: 30, dryRun: false })).toEqual({ evicted: true });
    expect(h.kube.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/namespaces/shop/pods/web-1/eviction',
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web-1', namespace: 'shop' }, deleteOptions: { gracePeriodSeconds: 30 } },
    });
    expect(h.kube.pods().map((p) => p.metadata.name)).not.toContain('web-1');
    expect(h.kube.pdb('shop', 'web-pdb')?.status.disruptionsAllowed).toBe(0);

    const second = await h.port.evictPod('prod', 'shop', 'web-2', { dryRun: false });
    expect(second).toMatchObject({ evicted: false, reason: 'disruption_budget' });
    expect(h.kube.pods().map((p) => p.metadata.name)).toContain('web-2');
  });

  it('a PodDisruptionBudget refusal (429) is disruption_budget, with the server message, and the pod stays', async () => {
    const result = await h.port.evictPod('prod', 'shop', 'cache-0', { dryRun: false });
    expect(result).toEqual({
      evicted: false,
      reason: 'disruption_budget',
      message: "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget cache-pdb needs 2 healthy pods and has 2 currently",
    });
    expect(h.kube.pods().map((p) => p.metadata.name)).toContain('cache-0');
  });

  it('dry-run eviction validates and changes nothing', async () => {
    expect(await h.port.evictPod('prod', 'shop', 'web-1', { dryRun: true })).toEqual({ evicted: true });
    expect(h.kube.requests.at(-1)?.query).toEqual({ dryRun: 'All' });
    expect(h.kube.pods().map((p) => p.metadata.name)).toContain('web-1');
    expect(h.kube.pdb('shop', 'web-pdb')?.status.disruptionsAllowed).toBe(1);
  });

  it('evicting a pod that is already gone is `gone`, not an error', async () => {
    const result = await h.port.evictPod('prod', 'shop', 'web-9', { dryRun: false });
    expect(result).toEqual({ evicted: false, reason: 'gone', message: 'pods "web-9" not found' });
  });

  it('a forbidden eviction names create pods/eviction', async () => {
    h.kube.forbid('create', 'pods/eviction');
    const err = await failure(h.port.evictPod('prod', 'shop', 'web-1', { dryRun: false }));
    expect(err.reason).toBe('forbidden: cannot create pods/eviction in prod (add it to the ClusterRole: deploy/kubernetes/rbac.yaml)');
    expect(h.kube.pods().map((p) => p.metadata.name)).toContain('web-1');
  });

  it('lists disruption budgets cluster-wide and per namespace', async () => {
    const all = await h.port.listPodDisruptionBudgets('prod');
    expect(h.kube.requests.at(-1)?.path).toBe('/apis/policy/v1/poddisruptionbudgets');
    expect(all).toEqual([
      { namespace: 'shop', name: 'cache-pdb', selector: { app: 'cache' }, disruptionsAllowed: 0 },
      { namespace: 'shop', name: 'web-pdb', selector: { app: 'web' }, disruptionsAllowed: 1 },
    ]);
    expect(await h.port.listPodDisruptionBudgets('prod', 'kube-system')).toEqual([]);
    expect(h.kube.requests.at(-1)?.path).toBe('/apis/policy/v1/namespaces/kube-system/poddisruptionbudgets');
  });
});
