import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { alice, asker, bob, clusterData, createHarness, mallory, pod } from './harness.js';

const zoneA = { selector: 'topology.kubernetes.io/zone=us-west-2a' };

describe('cordon a zone by label', () => {
  it('previews counts per zone, needs two people, cordons only that zone and records the undo', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: zoneA, options: {} }, asker);
    expect(m.request.cluster).toBe('prod');
    expect(m.preview.zones).toEqual([{ zone: 'us-west-2a', affected: 3, schedulable: 3, percent: 100 }]);
    expect(m.preview.blastRadiusPercent).toBe(30);
    expect(m.preview.secondConfirmationReason).toMatch(/30% .*more than 10%/);
    expect(m.preview.dryRun).toMatch(/accepted \(3 changes\)/);
    expect(h.cluster.writes('setUnschedulable')).toEqual([]); // the dry run persisted nothing
    expect(h.messageOf(m.messageTs)?.message.text).toContain('Cordon 3 nodes in us-west-2a (30%');

    const first = await h.useCases.confirm(m.id, alice);
    expect(first.outcome).toBe('needs_second');
    expect(first.mitigation.state).toBe('awaiting_second');
    expect(h.cluster.data.prod!.nodes.filter((n) => n.unschedulable)).toEqual([]);

    const again = await h.useCases.confirm(m.id, alice);
    expect(again).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('a second, different person must confirm') });

    const second = await h.useCases.confirm(m.id, bob);
    expect(second.outcome).toBe('ran');
    expect(second.mitigation.state).toBe('succeeded');
    expect(second.mitigation.result?.undo).toBe('uncordon -l topology.kubernetes.io/zone=us-west-2a');
    expect(h.cluster.data.prod!.nodes.filter((n) => n.unschedulable).map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3']);

    const events = await h.events();
    expect(events.map((e) => e.key)).toEqual([
      `act:mitigation:${m.id}:preview`, `act:mitigation:${m.id}:confirm-1`, `act:mitigation:${m.id}:confirm-2`, `act:mitigation:${m.id}:outcome`,
    ]);
    const outcome = events.at(-1)!;
    expect(outcome.text).toContain('asked by <@U0CAROL>, confirmed by <@U0ALICE> and <@U0BOB>');
    expect(outcome.text).toContain('Undo: `uncordon -l topology.kubernetes.io/zone=us-west-2a`');
    expect(h.messageOf(m.messageTs)?.message.text).toContain('succeeded');
  });

  it('uncordons a single node with one confirmation and offers cordon as the undo', async () => {
    const data = clusterData();
    data.nodes[0]!.unschedulable = true;
    const h = await createHarness({ data });
    const m = await h.useCases.preview('CWAR00001', { kind: 'uncordon', cluster: null, nodes: { node: 'node-1' }, options: {} }, asker);
    expect(m.preview.secondConfirmationReason).toBeNull();
    const done = await h.useCases.confirm(m.id, alice);
    expect(done.mitigation.result).toMatchObject({ ok: true, undo: 'cordon node-1' });
    expect(h.cluster.data.prod!.nodes[0]!.unschedulable).toBe(false);
  });

  it('refuses a selector that matches nothing, and every node without --all-nodes', async () => {
    const h = await createHarness();
    await expect(h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { selector: 'pool=gpu' }, options: {} }, asker)).rejects.toThrow(/No node on prod matches -l pool=gpu/);
    await expect(h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { selector: 'kubernetes.io/os=linux' }, options: {} }, asker)).rejects.toThrow(/matches every node.*--all-nodes/);
    const all = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { selector: 'kubernetes.io/os=linux' }, options: { allNodes: true } }, asker);
    expect(all.preview.secondConfirmationReason).toMatch(/matches every node/);
  });

  it('suggests the closest node name and names the clusters for an unknown cluster', async () => {
    const h = await createHarness();
    await expect(h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { node: 'node-11' }, options: {} }, asker)).rejects.toThrow(/Unknown node node-11 .*Did you mean node-1/);
    await expect(h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: 'staging', nodes: { node: 'node-1' }, options: {} }, asker)).rejects.toThrow(/Unknown cluster staging. Configured clusters: prod/);
    const outside = await h.useCases.preview('CELSEWHERE', { kind: 'cordon', cluster: null, nodes: { node: 'node-1' }, options: {} }, asker).catch((e: unknown) => e);
    expect(isDomainError(outside, 'NOT_AN_INCIDENT_CHANNEL')).toBe(true);
  });

  it('fails a stale preview without running it when someone else changed the node', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { node: 'node-4' }, options: {} }, asker);
    await h.cluster.setUnschedulable('prod', 'node-4', true, { dryRun: false }); // someone with kubectl
    const before = h.cluster.writes('setUnschedulable').length;
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(outcome.outcome).toBe('refused');
    expect(outcome.mitigation.state).toBe('failed');
    expect(outcome.mitigation.result?.summary).toMatch(/the cluster changed since the preview \(node-4 was cordoned\): ask for a new preview/);
    expect(h.cluster.writes('setUnschedulable').length).toBe(before);
  });

  it('refuses an unauthorized user, naming the groups, and changes nothing', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { node: 'node-4' }, options: {} }, asker);
    const err = await h.useCases.confirm(m.id, mallory).catch((e: unknown) => e);
    expect(isDomainError(err, 'FORBIDDEN')).toBe(true);
    expect((err as Error).message).toContain('<!subteam^S0SRE>');
    expect((await h.store.mitigations.get(m.id))?.state).toBe('pending');
    expect(h.cluster.data.prod!.nodes[3]!.unschedulable).toBe(false);
  });

  it('expires a preview confirmed too late', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { node: 'node-4' }, options: {} }, asker);
    h.clock.advance({ minutes: 11 });
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(outcome).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/expired.*new preview/) });
    expect(outcome.mitigation.state).toBe('expired');
    expect(h.cluster.data.prod!.nodes[3]!.unschedulable).toBe(false);
  });

  it('lets the requester cancel, and then refuses to confirm', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { node: 'node-4' }, options: {} }, mallory);
    await expect(h.useCases.cancel(m.id, { userId: 'U0SOMEONE' })).rejects.toThrow(/not allowed to cancel/);
    expect((await h.useCases.cancel(m.id, mallory)).state).toBe('cancelled');
    expect((await h.useCases.confirm(m.id, alice)).outcome).toBe('refused');
  });

  it('turns a forbidden write into a failed result that says what to grant', async () => {
    const h = await createHarness();
    const m = await h.useCases.preview('CWAR00001', { kind: 'cordon', cluster: null, nodes: { node: 'node-4' }, options: {} }, asker);
    h.cluster.forbid('setUnschedulable');
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(outcome.mitigation.state).toBe('failed');
    expect(outcome.mitigation.result?.summary).toMatch(/cannot patch nodes.*rbac\.yaml/);
  });
});

describe('drain', () => {
  function drainData() {
    const data = clusterData();
    data.pods = [
      pod('fluentd-x', 'node-1', { namespace: 'kube-system', owner: { kind: 'DaemonSet', name: 'fluentd' }, labels: { app: 'fluentd' } }),
      pod('cache-1', 'node-1', { usesEmptyDir: true, labels: { app: 'cache' } }),
      pod('debug', 'node-1', { owner: null, labels: { app: 'debug' } }),
      pod('checkout-a', 'node-1'),
      pod('web-1', 'node-1', { labels: { app: 'web' } }),
      pod('web-2', 'node-2', { labels: { app: 'web' } }),
    ];
    data.pdbs = [{ namespace: 'shop', name: 'checkout-pdb', selector: { app: 'checkout' }, disruptionsAllowed: 0 }];
    return data;
  }
  const drain = (options: object) => ({ kind: 'drain' as const, cluster: null, nodes: { node: 'node-1' }, options });

  it('refuses emptyDir and unmanaged pods without the flags, naming the pods and the flags', async () => {
    const h = await createHarness({ data: drainData() });
    const err = (await h.useCases.preview('CWAR00001', drain({}), asker).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/--force allows it\): shop\/debug/);
    expect(err.message).toMatch(/--delete-emptydir-data allows it\): shop\/cache-1/);
    await expect(h.useCases.preview('CWAR00001', drain({ force: true }), asker)).rejects.toThrow(/cache-1/);
    expect(await h.store.mitigations.all()).toEqual([]);
  });

  it('with the flags: cordons, evicts, retries the PDB-blocked pod until the timeout and leaves the DaemonSet pod', async () => {
    const h = await createHarness({ data: drainData() });
    const m = await h.useCases.preview('CWAR00001', drain({ force: true, deleteEmptyDirData: true, timeoutSeconds: 30, graceSeconds: 20 }), asker);
    expect(m.preview.pods.map((p) => [p.name, p.disposition, p.pdb])).toEqual([
      ['fluentd-x', 'skip_daemonset', null], ['cache-1', 'evict', null], ['debug', 'evict', null], ['checkout-a', 'evict', 'shop/checkout-pdb'], ['web-1', 'evict', null],
    ]);
    const outcome = await h.useCases.confirm(m.id, alice);
    const after = h.cluster.data.prod!;
    expect(after.nodes[0]!.unschedulable).toBe(true);
    expect(after.pods.map((p) => p.name).sort()).toEqual(['checkout-a', 'fluentd-x', 'web-2']);
    // 1 s doubling; the next wait (16 s) would pass the 30 s deadline, so it gives up after five tries.
    expect(h.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(h.cluster.writes('evictPod').filter((a) => a[2] === 'checkout-a').length).toBe(5);
    expect(h.cluster.writes('evictPod')[0]![3]).toMatchObject({ gracePeriodSeconds: 20 });
    expect(outcome.mitigation.state).toBe('failed');
    expect(outcome.mitigation.result?.summary).toMatch(/1 pod was still blocked by a PodDisruptionBudget after 30s/);
    expect(outcome.mitigation.result?.details).toContainEqual(expect.stringContaining('Not evicted: shop/checkout-a on node-1 — blocked by PodDisruptionBudget shop/checkout-pdb'));
    expect(outcome.mitigation.result?.undo).toBe('uncordon node-1');
    expect(h.chat.callsTo('updateMessage').length).toBeLessThanOrEqual(6);
  });

  it('evicts what runs on the node at confirmation: a pod gone meanwhile is skipped, one started meanwhile is evicted', async () => {
    const data = drainData();
    data.pdbs = [];
    const h = await createHarness({ data });
    const m = await h.useCases.preview('CWAR00001', drain({ force: true, deleteEmptyDirData: true }), asker);
    h.cluster.data.prod!.pods = h.cluster.data.prod!.pods.filter((p) => p.name !== 'web-1');
    h.cluster.data.prod!.pods.push(pod('checkout-b', 'node-1'));
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(outcome.mitigation.result).toMatchObject({ ok: true, summary: 'Drained node-1: 4 pods evicted.' });
    expect(h.cluster.data.prod!.pods.filter((p) => p.nodeName === 'node-1').map((p) => p.name)).toEqual(['fluentd-x']);
  });

  it('stops after cordoning when a pod that needs a flag appeared since the preview', async () => {
    const data = drainData();
    data.pdbs = [];
    data.pods = data.pods.filter((p) => p.name !== 'debug' && p.name !== 'cache-1');
    const h = await createHarness({ data });
    const m = await h.useCases.preview('CWAR00001', drain({}), asker);
    h.cluster.data.prod!.pods.push(pod('debug-2', 'node-1', { owner: null }));
    const outcome = await h.useCases.confirm(m.id, alice);
    expect(outcome.mitigation.result).toMatchObject({ ok: false, summary: expect.stringMatching(/Drain stopped after cordoning: .*--force allows it\): shop\/debug-2/) });
    expect(h.cluster.data.prod!.nodes.find((n) => n.name === 'node-1')?.unschedulable).toBe(true);
    expect(h.cluster.data.prod!.pods.map((p) => p.name)).toContain('checkout-a');
  });
});
