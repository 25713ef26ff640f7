import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/core/errors.js';
import { describeEachDialect, newIncident } from '../../support/store-fixtures.js';

describeEachDialect('incident repository', (ctx) => {
  it('creates an incident and reads every field back exactly, dates to the millisecond', async () => {
    const store = await ctx.fresh();
    const input = newIncident({
      impact: 'Card payments fail for 12% of users',
      isPrivate: true,
      startedAt: new Date('2026-03-01T11:52:07.001Z'),
      mitigatedAt: new Date('2026-03-01T12:31:00.999Z'),
      resolvedAt: new Date('2030-12-31T23:59:59.999Z'),
      roles: { commander: 'U_IC', scribe: 'U_SCRIBE', comms: 'U_COMMS' },
      declarationTs: '1772366340.000100',
      announcement: { channelId: 'C_INCIDENTS', ts: '1772366341.000200' },
      lastUpdateAt: new Date('2026-03-01T12:15:00.456Z'),
      lastUpdateText: 'Rolled back; watching — 日本語 ✓',
      links: { pagerduty: 'https://pd.example/incidents/P1', postmortem: 'https://gh.example/o/r/issues/7' },
    });
    const created = await store.incidents.create(input);

    expect(created).toEqual({ ...input, id: expect.any(Number), updatedAt: ctx.clock.now() });
    expect(created.id).toBeGreaterThan(0);
    expect(await store.incidents.get(created.id)).toEqual(created);
    expect(created.resolvedAt?.getTime()).toBe(Date.UTC(2030, 11, 31, 23, 59, 59, 999));
    expect(await store.incidents.get(created.id + 1000)).toBeNull();
  });

  it('assigns increasing ids', async () => {
    const store = await ctx.fresh();
    const a = await store.incidents.create(newIncident());
    const b = await store.incidents.create(newIncident());
    expect(b.id).toBeGreaterThan(a.id);
  });

  it('updates only the given fields plus updatedAt and returns the new row', async () => {
    const store = await ctx.fresh();
    const created = await store.incidents.create(newIncident({ impact: 'slow checkout' }));
    ctx.clock.advance(90_000);

    const mitigatedAt = new Date('2026-03-01T12:20:00.321Z');
    const updated = await store.incidents.update(created.id, {
      state: 'mitigated',
      mitigatedAt,
      roles: { commander: 'U_OTHER' },
      announcement: { channelId: 'C_ANN', ts: '1.2' },
      impact: undefined,
    });

    expect(updated).toEqual({
      ...created,
      state: 'mitigated',
      mitigatedAt,
      roles: { commander: 'U_OTHER' },
      announcement: { channelId: 'C_ANN', ts: '1.2' },
      updatedAt: new Date(created.updatedAt.getTime() + 90_000),
    });
    expect(await store.incidents.get(created.id)).toEqual(updated);

    const cleared = await store.incidents.update(created.id, { announcement: null, service: null, startedAt: null });
    expect(cleared.announcement).toBeNull();
    expect(cleared.service).toBeNull();
    expect(cleared.impact).toBe('slow checkout');
  });

  it('throws INCIDENT_NOT_FOUND when updating an unknown id', async () => {
    const store = await ctx.fresh();
    const error = await store.incidents.update(4242, { state: 'resolved' }).catch((err: unknown) => err);
    expect(isDomainError(error, 'INCIDENT_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toContain('#4242');
  });

  it('finds an incident by its channel; several incidents may have no channel yet', async () => {
    const store = await ctx.fresh();
    const a = await store.incidents.create(newIncident({ channelId: 'C_A' }));
    await store.incidents.create(newIncident({ channelId: null, channelName: null }));
    const pending = await store.incidents.create(newIncident({ channelId: null, channelName: null }));

    expect((await store.incidents.findByChannel('C_A'))?.id).toBe(a.id);
    expect(await store.incidents.findByChannel('C_NONE')).toBeNull();

    const linked = await store.incidents.update(pending.id, { channelId: 'C_LATE', channelName: 'inc-late' });
    expect(await store.incidents.findByChannel('C_LATE')).toEqual(linked);
  });

  it('refuses a second incident on the same channel with CONFLICT', async () => {
    const store = await ctx.fresh();
    await store.incidents.create(newIncident({ channelId: 'C_DUP' }));
    const other = await store.incidents.create(newIncident({ channelId: null }));

    const onCreate = await store.incidents.create(newIncident({ channelId: 'C_DUP' })).catch((err: unknown) => err);
    expect(isDomainError(onCreate, 'CONFLICT')).toBe(true);
    const onUpdate = await store.incidents.update(other.id, { channelId: 'C_DUP' }).catch((err: unknown) => err);
    expect(isDomainError(onUpdate, 'CONFLICT')).toBe(true);
  });

  it('finds the newest incident with a dedupe key declared at or after `since`', async () => {
    const store = await ctx.fresh();
    const older = await store.incidents.create(newIncident({ dedupeKey: 'req-1', declaredAt: new Date('2026-03-01T10:00:00.000Z'), channelId: null }));
    const newer = await store.incidents.create(newIncident({ dedupeKey: 'req-1', declaredAt: new Date('2026-03-01T11:00:00.000Z'), channelId: null }));
    await store.incidents.create(newIncident({ dedupeKey: 'req-2', declaredAt: new Date('2026-03-01T11:30:00.000Z') }));

    expect((await store.incidents.findByDedupeKey('req-1', new Date('2026-03-01T09:00:00.000Z')))?.id).toBe(newer.id);
    expect((await store.incidents.findByDedupeKey('req-1', new Date('2026-03-01T11:00:00.000Z')))?.id).toBe(newer.id);
    expect(await store.incidents.findByDedupeKey('req-1', new Date('2026-03-01T11:00:00.001Z'))).toBeNull();
    expect(older.id).not.toBe(newer.id);
    expect(await store.incidents.findByDedupeKey('req-3', new Date(0))).toBeNull();
  });

  describe('createUnlessRecent', () => {
    const OPEN = { since: new Date('2026-03-01T11:00:00.000Z'), states: ['investigating', 'mitigated'] as const };
    const declaration = (overrides: Parameters<typeof newIncident>[0] = {}) =>
      newIncident({ dedupeKey: 'U1:abc', declaredAt: new Date('2026-03-01T11:59:00.000Z'), channelId: null, channelName: null, ...overrides });

    it('creates once for 12 concurrent calls with the same key; the others get that incident back', async () => {
      const store = await ctx.fresh();
      const results = await Promise.all(Array.from({ length: 12 }, () => store.incidents.createUnlessRecent(declaration(), OPEN)));

      const [first] = results.filter((r) => r.created);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.every((r) => r.incident.id === first?.incident.id)).toBe(true);
      expect(results.find((r) => !r.created)?.incident).toEqual(first?.incident);
      expect(await store.incidents.listDeclaredSince(new Date(0))).toHaveLength(1);
    });

    // PostgreSQL only: two better-sqlite3 handles in one thread deadlock (a blocked BEGIN IMMEDIATE blocks the thread
    // that holds the lock until busy_timeout). SQLite across processes is covered by incidents-multiprocess.test.ts.
    it.skipIf(ctx.dialect === 'sqlite')('serialises racers on two stores (two connection pools) on the same database', async () => {
      const a = await ctx.fresh();
      const b = await ctx.open(ctx.urlOf(a));
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).incidents.createUnlessRecent(declaration(), OPEN)));

      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.incident.id)).size).toBe(1);
      expect(await a.incidents.listDeclaredSince(new Date(0))).toHaveLength(1);
    });

    it('creates for another key, for an earlier one declared before `since`, and when the recent one is no longer open', async () => {
      const store = await ctx.fresh();
      const old = await store.incidents.create(declaration({ declaredAt: new Date('2026-03-01T10:59:59.999Z') }));
      const first = await store.incidents.createUnlessRecent(declaration(), OPEN);
      expect(first.created).toBe(true);
      expect(first.incident.id).not.toBe(old.id);

      const other = await store.incidents.createUnlessRecent(declaration({ dedupeKey: 'U2:abc' }), OPEN);
      expect(other.created).toBe(true);

      await store.incidents.update(first.incident.id, { state: 'mitigated' });
      const resumed = await store.incidents.createUnlessRecent(declaration(), OPEN);
      expect(resumed).toEqual({ created: false, incident: await store.incidents.get(first.incident.id) });

      await store.incidents.update(first.incident.id, { state: 'resolved' });
      const afterResolve = await store.incidents.createUnlessRecent(declaration(), OPEN);
      expect(afterResolve.created).toBe(true);
      expect((await store.incidents.createUnlessRecent(declaration(), OPEN)).incident.id).toBe(afterResolve.incident.id);
      expect(await store.incidents.listDeclaredSince(new Date(0))).toHaveLength(4);
    });

    it('resumes nothing when no state is resumable', async () => {
      const store = await ctx.fresh();
      await store.incidents.createUnlessRecent(declaration(), OPEN);
      expect((await store.incidents.createUnlessRecent(declaration(), { since: OPEN.since, states: [] })).created).toBe(true);
    });

    it('rolls back and reports CONFLICT when the insert fails, and the key is not left locked', async () => {
      const store = await ctx.fresh();
      await store.incidents.create(newIncident({ channelId: 'C_TAKEN' }));
      const error = await store.incidents.createUnlessRecent(declaration({ channelId: 'C_TAKEN' }), OPEN).catch((err: unknown) => err);
      expect(isDomainError(error, 'CONFLICT')).toBe(true);
      expect((await store.incidents.createUnlessRecent(declaration(), OPEN)).created).toBe(true);
    });
  });

  it('lists open incidents: investigating and mitigated only', async () => {
    const store = await ctx.fresh();
    const investigating = await store.incidents.create(newIncident({ state: 'investigating' }));
    const mitigated = await store.incidents.create(newIncident({ state: 'mitigated' }));
    await store.incidents.create(newIncident({ state: 'resolved' }));
    await store.incidents.create(newIncident({ state: 'closed' }));
    const later = await store.incidents.create(newIncident({ state: 'investigating' }));
    await store.incidents.update(later.id, { state: 'resolved' });

    const open = await store.incidents.listOpen();
    expect(open.map((i) => i.id).sort((a, b) => a - b)).toEqual([investigating.id, mitigated.id]);
    expect(open.find((i) => i.id === mitigated.id)).toEqual(mitigated);
  });

  it('lists incidents declared since a time, in any state, oldest first', async () => {
    const store = await ctx.fresh();
    const at = (iso: string) => new Date(iso);
    await store.incidents.create(newIncident({ declaredAt: at('2026-01-01T00:00:00.000Z') }));
    const edge = await store.incidents.create(newIncident({ declaredAt: at('2026-02-01T00:00:00.000Z'), state: 'closed' }));
    const later = await store.incidents.create(newIncident({ declaredAt: at('2026-03-01T00:00:00.000Z') }));
    expect((await store.incidents.listDeclaredSince(at('2026-02-01T00:00:00.000Z'))).map((i) => i.id)).toEqual([edge.id, later.id]);
  });
});
