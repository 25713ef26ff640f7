import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { alice, asker, clusterData, createHarness, template } from './harness.js';

const checkout = (kind: 'rollback' | 'restart' | 'scale', options: object = {}, namespace: string | null = null) => ({
  kind, cluster: null, deployment: { name: 'checkout', namespace }, options,
});

describe('rollback', () => {
  it('rolls back to the previous revision: template, images and undo', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', checkout('rollback'), asker);
    expect(m.request.deployment).toEqual({ name: 'checkout', namespace: 'shop' });
    expect(m.preview.revision).toEqual({ from: 7, to: 6, imagesFrom: ['shop/checkout:1.7'], imagesTo: ['shop/checkout:1.6'] });
    expect(m.preview.dryRun).toMatch(/accepted/);
    expect(h.cluster.data.prod!.deployments[0]!.images).toEqual(['shop/checkout:1.7']); // dry run persisted nothing
    const outcome = await h.useCases.confirm(m.id, alice);
    const d = h.cluster.data.prod!.deployments[0]!;
    expect(d.template).toEqual(template('shop/checkout:1.6'));
    expect(d.images).toEqual(['shop/checkout:1.6']);
    expect(d.revision).toBe(8); // like Kubernetes: the rolled-back-to ReplicaSet takes the next revision
    expect(outcome.mitigation.result).toMatchObject({ ok: true, undo: 'rollback checkout -n shop --to-revision 7' });
  });

  it('rolls back to a named revision', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', checkout('rollback', { toRevision: 5 }), asker);
    expect(m.preview.revision?.to).toBe(5);
    await h.useCases.confirm(m.id, { userId: 'U0CAROL' }); // the leads group may roll back
    expect(h.cluster.data.prod!.deployments[0]!.images).toEqual(['shop/checkout:1.5']);
    await expect(h.useCases.preview('CWAR00001', checkout('rollback', { toRevision: 3 }), asker)).rejects.toThrow(/has no revision 3 \(known revisions: 8, 7, 6\)/);
  });

  it('refuses a paused deployment and one with no earlier revision', async () => {
    const paused = clusterData();
    paused.deployments[0]!.paused = true;
    const h = await createHarness({ data: paused });
    await expect(h.useCases.preview('CWAR00001', checkout('rollback'), asker)).rejects.toThrow(/is paused: resume it/);
    const first = clusterData();
    first.replicaSets = first.replicaSets.filter((rs) => rs.revision === 7 || rs.ownerUid !== 'uid-checkout');
    const h2 = await createHarness({ data: first });
    await expect(h2.useCases.preview('CWAR00001', checkout('rollback'), asker)).rejects.toThrow(/no earlier revision to roll back to/);
  });

  it('fails without writing when the deployment moved on since the preview', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', checkout('rollback'), asker);
    await h.cluster.scaleDeployment('prod', 'shop', 'checkout', 6, { dryRun: false });
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(outcome.mitigation.result?.summary).toMatch(/cluster changed since the preview \(checkout changed \(replicas 4 → 6\)\)/);
    expect(h.cluster.writes('setDeploymentTemplate')).toEqual([]);
  });
});

describe('restart and scale', () => {
  it('restarts through the restartedAt annotation, with no undo', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', checkout('restart'), asker);
    expect(m.preview.headline).toBe('Restart shop/checkout (rolling, 4 replicas)');
    const outcome = await h.useCases.confirm(m.id, alice);
    const d = h.cluster.data.prod!.deployments[0]!;
    expect((d.template as ReturnType<typeof template>).metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe('2026-03-02T14:00:00.000Z');
    expect(d.revision).toBe(8);
    expect(outcome.mitigation.result).toMatchObject({ ok: true, undo: null });
  });

  it('scales from → to and refuses negative or absurd counts', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', checkout('scale', { replicas: 8 }), asker);
    expect(m.preview.replicas).toEqual({ from: 4, to: 8 });
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(h.cluster.data.prod!.deployments[0]!.replicas).toBe(8);
    expect(outcome.mitigation.result).toMatchObject({ summary: 'Scaled shop/checkout from 4 to 8 replicas.', undo: 'scale checkout -n shop --replicas 4' });
    await expect(h.useCases.preview('CWAR00001', checkout('scale', { replicas: -1 }), asker)).rejects.toThrow(/whole number/);
    await expect(h.useCases.preview('CWAR00001', checkout('scale', { replicas: 50_000 }), asker)).rejects.toThrow(/more than Warroom will set/);
  });
});

describe('resolution', () => {
  it('refuses a namespace the cluster does not allow, naming the allowed ones', async () => {
    const h = await createHarness();
    const err = await h.useCases.preview('CWAR00001', checkout('restart', {}, 'kube-system'), asker).catch((e: unknown) => e);
    expect(isDomainError(err)).toBe(true);
    expect((err as Error).message).toMatch(/Namespace not allowed: .*kube-system .*allowed: shop/);
  });

  it('suggests the closest deployment name', async () => {
    const h = await createHarness();
    await expect(h.useCases.preview('CWAR00001', { kind: 'restart', cluster: null, deployment: { name: 'chekcout', namespace: 'shop' }, options: {} }, asker)).rejects.toThrow(
      /Unknown deployment chekcout in shop on prod. Did you mean checkout\?/,
    );
  });

  it('reports an unreachable cluster with what to do', async () => {
    const h = await createHarness();
    h.cluster.unreachable(true);
    await expect(h.useCases.preview('CWAR00001', checkout('restart'), asker)).rejects.toThrow(/Cluster prod is unreachable .*kubeconfig/);
  });
});

describe('read-only reports', () => {
  it('nodes per zone, pods of a deployment and its history', async () => {
    const data = clusterData();
    data.nodes[0]!.ready = false;
    data.nodes[1]!.unschedulable = true;
    data.pods = [
      { namespace: 'shop', name: 'checkout-7-a', nodeName: 'node-1', phase: 'Running', ready: true, restarts: 2, owner: { kind: 'ReplicaSet', name: 'checkout-7' }, mirror: false, usesEmptyDir: false, labels: {} },
      { namespace: 'shop', name: 'other', nodeName: 'node-1', phase: 'Running', ready: true, restarts: 0, owner: { kind: 'ReplicaSet', name: 'payments-3' }, mirror: false, usesEmptyDir: false, labels: {} },
    ];
    const h = await createHarness({ data });
    const nodes = await h.useCases.nodes('CWAR00001', { cluster: null, selector: 'topology.kubernetes.io/zone=us-west-2a' });
    expect(nodes.zones).toEqual([{ zone: 'us-west-2a', affected: 2, schedulable: 2, percent: 100, ready: 2, notReady: 1, total: 3 }]);
    const pods = await h.useCases.pods('CWAR00001', { cluster: null, deployment: 'checkout', namespace: null });
    expect(pods.pods.map((p) => p.name)).toEqual(['checkout-7-a']);
    const history = await h.useCases.history('CWAR00001', { cluster: null, deployment: 'checkout', namespace: null });
    expect(history.revisions.map((r) => r.revision)).toEqual([7, 6, 5]);
  });
});
