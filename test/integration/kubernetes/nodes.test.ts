import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { failure, startHarness, type Harness } from './harness.js';

describe('kubernetes adapter: nodes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.kube.addNode({ name: 'node-a1', zone: 'us-west-2a' });
    h.kube.addNode({ name: 'node-a2', zone: 'us-west-2a', ready: false, unschedulable: true });
    h.kube.addNode({ name: 'node-b1', zone: null, labels: { 'failure-domain.beta.kubernetes.io/zone': 'us-west-2b' } });
  });
  afterEach(() => h.kube.close());

  it('maps zone (current and legacy label), readiness and schedulability, and sends the label selector', async () => {
    const all = await h.port.listNodes('prod');
    expect(all.map((n) => [n.name, n.zone, n.ready, n.unschedulable])).toEqual([
      ['node-a1', 'us-west-2a', true, false],
      ['node-a2', 'us-west-2a', false, true],
      ['node-b1', 'us-west-2b', true, false],
    ]);
    expect(all[0]?.labels['kubernetes.io/hostname']).toBe('node-a1');
    expect(all[0]?.resourceVersion).toBe(h.kube.node('node-a1')?.metadata.resourceVersion);

    const zoneA = await h.port.listNodes('prod', 'topology.kubernetes.io/zone=us-west-2a');
    expect(zoneA.map((n) => n.name)).toEqual(['node-a1', 'node-a2']);
    expect(h.kube.requests.at(-1)?.query).toEqual({ labelSelector: 'topology.kubernetes.io/zone=us-west-2a' });
    expect(h.kube.requests.at(-1)?.authorization).toBe('Bearer sa-token');
  });

  it('cordons a node for real, with a merge patch of spec.unschedulable, and uncordons it', async () => {
    const cordoned = await h.port.setUnschedulable('prod', 'node-a1', true, { dryRun: false });
    expect(cordoned).toMatchObject({ name: 'node-a1', unschedulable: true });
    expect(h.kube.node('node-a1')?.spec.unschedulable).toBe(true);
    const patch = h.kube.requests.at(-1);
    expect(patch).toMatchObject({ method: 'PATCH', path: '/api/v1/nodes/node-a1', contentType: 'application/merge-patch+json', body: { spec: { unschedulable: true } } });
    expect(patch?.query.dryRun).toBeUndefined();

    await h.port.setUnschedulable('prod', 'node-a1', false, { dryRun: false });
    expect(h.kube.node('node-a1')?.spec.unschedulable).toBeUndefined();
  });

  it('dry run asks the server to validate (dryRun=All) and leaves the node schedulable', async () => {
    const before = h.kube.node('node-a1')?.metadata.resourceVersion;
    const preview = await h.port.setUnschedulable('prod', 'node-a1', true, { dryRun: true });
    expect(preview.unschedulable).toBe(true);
    expect(h.kube.requests.at(-1)?.query).toEqual({ dryRun: 'All' });
    expect(h.kube.node('node-a1')?.spec.unschedulable).toBeUndefined();
    expect(h.kube.node('node-a1')?.metadata.resourceVersion).toBe(before);
  });

  it('an unknown node is not_found', async () => {
    const err = await failure(h.port.setUnschedulable('prod', 'node-zz', true, { dryRun: false }));
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err.reason).toBe('not_found: nodes "node-zz" not found in prod');
    expect(err.operation).toBe('setUnschedulable');
  });

  it('RBAC refusal names the missing verb and resource and the file to fix', async () => {
    h.kube.forbid('patch', 'nodes');
    const err = await failure(h.port.setUnschedulable('prod', 'node-a1', true, { dryRun: false }));
    expect(err.reason).toBe('forbidden: cannot patch nodes in prod (add it to the ClusterRole: deploy/kubernetes/rbac.yaml)');
    expect(err.retryable).toBe(false);
    expect(h.kube.node('node-a1')?.spec.unschedulable).toBeUndefined();

    h.kube.forbid('list', 'nodes');
    expect((await failure(h.port.listNodes('prod'))).reason).toMatch(/^forbidden: cannot list nodes in prod /);
  });

  it('a bad label selector is invalid, not a crash', async () => {
    const err = await failure(h.port.listNodes('prod', 'zone in (a'));
    expect(err.reason).toMatch(/^invalid: /);
  });
});
