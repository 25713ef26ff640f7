import { expect, it } from 'vitest';
import { isDomainError } from '../../../src/core/errors.js';
import type { Mitigation } from '../../../src/core/mitigation/model.js';
import { describeEachDialect, newIncident, newMitigation } from '../../support/store-fixtures.js';

describeEachDialect('mitigations', (ctx) => {
  const withIncident = async () => {
    const store = await ctx.fresh();
    const incident = await store.incidents.create(newIncident());
    return { store, incidentId: incident.id };
  };

  it('stores a mitigation and reads every field back exactly, dates to the millisecond', async () => {
    const { store, incidentId } = await withIncident();
    const input = newMitigation({
      incidentId,
      request: {
        kind: 'drain',
        cluster: 'prod-us',
        nodes: { node: 'ip-10-0-1-1' },
        options: { graceSeconds: 30, timeoutSeconds: 300, deleteEmptyDirData: true, force: false },
      },
      confirmations: [{ userId: 'U_FIRST', at: new Date('2026-03-01T12:01:02.345Z') }],
      progress: ['evicted shop/checkout-api-1 — 日本語 ✓'],
      preview: { ...newMitigation({ incidentId }).preview, blastRadiusPercent: Number.NaN },
    });
    const created = await store.mitigations.create(input);

    expect(created).toEqual({ ...input, id: expect.any(Number) });
    const read = await store.mitigations.get(created.id);
    expect(read).toEqual(created);
    expect(read?.requestedAt.getTime()).toBe(Date.UTC(2026, 2, 1, 12, 0, 0, 250));
    expect(read?.expiresAt.getTime()).toBe(Date.UTC(2026, 2, 1, 12, 10, 0, 250));
    expect(read?.confirmations[0]?.at).toBeInstanceOf(Date);
    expect(read?.confirmations[0]?.at.getTime()).toBe(Date.UTC(2026, 2, 1, 12, 1, 2, 345));
    expect(read?.preview.blastRadiusPercent).toBeNaN();
    expect(await store.mitigations.get(created.id + 1000)).toBeNull();
  });

  it('refuses a mitigation for an incident that does not exist', async () => {
    const store = await ctx.fresh();
    const err = await store.mitigations.create(newMitigation({ incidentId: 4242 })).catch((e: unknown) => e);
    expect(isDomainError(err, 'INCIDENT_NOT_FOUND')).toBe(true);
  });

  it('updates only the patched fields, and fails clearly for an unknown id', async () => {
    const { store, incidentId } = await withIncident();
    const created = await store.mitigations.create(newMitigation({ incidentId }));
    const result = { ok: true, summary: 'Cordoned 3 nodes', details: ['ip-10-0-1-1'], undo: 'uncordon -l topology.kubernetes.io/zone=us-west-2a' };

    const updated = await store.mitigations.update(created.id, { messageTs: '1740830400.000100', progress: ['cordoned ip-10-0-1-1'], result });

    const expected: Mitigation = { ...created, messageTs: '1740830400.000100', progress: ['cordoned ip-10-0-1-1'], result };
    expect(updated).toEqual(expected);
    expect(await store.mitigations.get(created.id)).toEqual(expected);
    // result: null clears it; keys left out keep their values.
    expect(await store.mitigations.update(created.id, { result: null })).toEqual({ ...expected, result: null });
    const err = await store.mitigations.update(created.id + 1000, { state: 'cancelled' }).catch((e: unknown) => e);
    expect(isDomainError(err, 'CONFLICT')).toBe(true);
  });

  it('transitions from an allowed state and applies the patch; refuses (null, nothing written) from any other', async () => {
    const { store, incidentId } = await withIncident();
    const created = await store.mitigations.create(newMitigation({ incidentId }));
    const first = { userId: 'U_FIRST', at: new Date('2026-03-01T12:02:00.001Z') };

    const waiting = await store.mitigations.transition(created.id, ['pending'], { state: 'awaiting_second', confirmations: [first] });
    expect(waiting).toEqual({ ...created, state: 'awaiting_second', confirmations: [first] });

    // A second click on the same "first confirmation" finds the state moved on.
    expect(await store.mitigations.transition(created.id, ['pending'], { state: 'awaiting_second', confirmations: [] })).toBeNull();
    expect(await store.mitigations.transition(created.id, [], { state: 'running' })).toBeNull();
    expect(await store.mitigations.transition(created.id + 1000, ['pending', 'awaiting_second'], { state: 'running' })).toBeNull();
    expect(await store.mitigations.get(created.id)).toEqual(waiting);

    const running = await store.mitigations.transition(created.id, ['pending', 'awaiting_second'], { state: 'running' });
    expect(running?.state).toBe('running');
    expect(running?.confirmations).toEqual([first]);
  });

  it('lets exactly one of two replicas move a pending mitigation to running', async () => {
    const { store: one, incidentId } = await withIncident();
    const two = await ctx.open(ctx.urlOf(one));
    for (let round = 0; round < 5; round += 1) {
      const { id } = await one.mitigations.create(newMitigation({ incidentId }));
      const outcomes = await Promise.all([
        one.mitigations.transition(id, ['pending'], { state: 'running', progress: ['replica one'] }),
        two.mitigations.transition(id, ['pending'], { state: 'running', progress: ['replica two'] }),
      ]);
      const winners = outcomes.filter((m): m is Mitigation => m !== null);
      expect(winners).toHaveLength(1);
      // What is stored is the winner's write, not a mix of both.
      expect(await two.mitigations.get(id)).toEqual(winners[0]);
    }
  });
});
