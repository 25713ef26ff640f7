import { expect, it } from 'vitest';
import type { SqlStore } from '../../../src/store/index.js';
import { describeEachDialect } from '../../support/store-fixtures.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);

async function row(store: SqlStore, key: string) {
  return store.db.selectFrom('jobs').select(['status', 'lease_owner', 'attempts', 'last_error', 'run_at']).where('key', '=', key).executeTakeFirstOrThrow();
}

async function scheduleAt(store: SqlStore, key: string, runAt: Date, payload: Record<string, unknown> = {}) {
  return store.jobs.schedule({ kind: 'reminder', key, runAt, payload });
}

describeEachDialect('job repository', (ctx) => {
  it('schedules a key once, whatever state the first job is in', async () => {
    const store = await ctx.fresh();
    expect(await scheduleAt(store, 'weekly-review:2026-W10', T0, { week: 10 })).toBe(true);
    expect(await scheduleAt(store, 'weekly-review:2026-W10', plus(5), { week: 99 })).toBe(false);

    const [job] = await store.jobs.claimDue(T0, 'A', 1_000, 10);
    await store.jobs.complete(job?.id ?? -1, 'A');
    expect(await scheduleAt(store, 'weekly-review:2026-W10', plus(5))).toBe(false);
    expect(job).toEqual({ id: expect.any(Number), kind: 'reminder', key: 'weekly-review:2026-W10', runAt: T0, payload: { week: 10 }, attempts: 1 });
  });

  it('claims due jobs in run_at order up to the limit, and never a leased one twice', async () => {
    const store = await ctx.fresh();
    await scheduleAt(store, 'j3', plus(-1_000));
    await scheduleAt(store, 'j1', plus(-3_000));
    await scheduleAt(store, 'j2', plus(-2_000));
    await scheduleAt(store, 'j-now', T0);
    await scheduleAt(store, 'j-later', plus(1));

    const first = await store.jobs.claimDue(T0, 'A', 60_000, 2);
    expect(first.map((j) => [j.key, j.attempts])).toEqual([
      ['j1', 1],
      ['j2', 1],
    ]);
    expect(await row(store, 'j1')).toMatchObject({ status: 'running', lease_owner: 'A' });
    expect((await store.jobs.claimDue(T0, 'B', 60_000, 10)).map((j) => j.key)).toEqual(['j3', 'j-now']);
    expect(await store.jobs.claimDue(T0, 'C', 60_000, 10)).toEqual([]);
    expect((await store.jobs.claimDue(plus(1), 'C', 60_000, 10)).map((j) => j.key)).toEqual(['j-later']);
  });

  it('gives each job to exactly one of two stores claiming concurrently on the same database', async () => {
    const a = await ctx.fresh();
    const b = await ctx.open(ctx.urlOf(a));
    const keys = Array.from({ length: 40 }, (_, i) => `job:${String(i).padStart(2, '0')}`);
    for (const [i, key] of keys.entries()) await scheduleAt(a, key, plus(-i));

    const claimed: string[] = [];
    const worker = async (store: SqlStore, owner: string) => {
      for (;;) {
        const jobs = await store.jobs.claimDue(T0, owner, 60_000, 3);
        if (jobs.length === 0) return;
        claimed.push(...jobs.map((j) => j.key));
      }
    };
    await Promise.all([worker(a, 'A1'), worker(b, 'B1'), worker(a, 'A2'), worker(b, 'B2')]);

    expect([...claimed].sort()).toEqual(keys);
    const attempts = await a.db.selectFrom('jobs').select('attempts').execute();
    expect(attempts.every((r) => Number(r.attempts) === 1)).toBe(true);
  });

  it('lets another worker take over a job whose lease ran out; the old owner can no longer complete it', async () => {
    const store = await ctx.fresh();
    await scheduleAt(store, 'lease', T0);
    const [mine] = await store.jobs.claimDue(T0, 'crashed', 1_000, 1);
    expect(mine?.attempts).toBe(1);

    expect(await store.jobs.claimDue(plus(999), 'rescuer', 1_000, 1)).toEqual([]);
    expect(await store.jobs.claimDue(plus(1_000), 'rescuer', 1_000, 1)).toEqual([]);
    const [taken] = await store.jobs.claimDue(plus(1_001), 'rescuer', 5_000, 1);
    expect(taken).toMatchObject({ id: mine?.id, attempts: 2 });

    await store.jobs.complete(mine?.id ?? -1, 'crashed');
    expect(await row(store, 'lease')).toMatchObject({ status: 'running', lease_owner: 'rescuer' });
    await store.jobs.fail(mine?.id ?? -1, 'crashed', 'late failure', plus(2_000));
    expect(await row(store, 'lease')).toMatchObject({ status: 'running', lease_owner: 'rescuer', last_error: null });

    await store.jobs.complete(taken?.id ?? -1, 'rescuer');
    expect(await row(store, 'lease')).toMatchObject({ status: 'done' });
    expect(await store.jobs.claimDue(plus(60_000), 'anyone', 1_000, 10)).toEqual([]);
  });

  it('puts a failed job back to pending at retryAt with the error recorded', async () => {
    const store = await ctx.fresh();
    await scheduleAt(store, 'flaky', T0);
    const [job] = await store.jobs.claimDue(T0, 'A', 60_000, 1);
    await store.jobs.fail(job?.id ?? -1, 'A', 'Slack said ratelimited', plus(30_000));

    expect(await row(store, 'flaky')).toMatchObject({ status: 'pending', lease_owner: null, last_error: 'Slack said ratelimited', attempts: 1 });
    expect(await store.jobs.claimDue(plus(29_999), 'B', 60_000, 1)).toEqual([]);
    const [retry] = await store.jobs.claimDue(plus(30_000), 'B', 60_000, 1);
    expect(retry).toMatchObject({ key: 'flaky', runAt: plus(30_000), attempts: 2 });
  });

  it('cancels and lists pending jobs by a literal key prefix (no LIKE wildcards, case-sensitive)', async () => {
    const store = await ctx.fresh();
    for (const key of ['rem:inc_1%:a', 'rem:inc_1%:b', 'rem:incX1%:c', 'rem:inc_1Z:d', 'REM:INC_1%:e', 'rem:inc_1%', 'rem:inc_1%:running']) {
      await scheduleAt(store, key, key.endsWith('running') ? plus(-1) : plus(60_000));
    }
    await store.jobs.claimDue(T0, 'A', 60_000, 10);

    expect((await store.jobs.listPending('rem:inc_1%:')).map((j) => j.key)).toEqual(['rem:inc_1%:a', 'rem:inc_1%:b']);
    expect(await store.jobs.cancelPending('rem:inc_1%:')).toBe(2);

    expect(await store.jobs.listPending('rem:inc_1%:')).toEqual([]);
    expect((await store.jobs.listPending('rem:')).map((j) => j.key).sort()).toEqual(['rem:incX1%:c', 'rem:inc_1%', 'rem:inc_1Z:d']);
    expect(await row(store, 'rem:inc_1%:a')).toMatchObject({ status: 'cancelled' });
    expect(await row(store, 'rem:inc_1%:running')).toMatchObject({ status: 'running' });
    expect(await row(store, 'REM:INC_1%:e')).toMatchObject({ status: 'pending' });
    expect(await store.jobs.cancelPending('nothing:')).toBe(0);
  });

  it('releases only the given owner’s leases, making those jobs claimable at once', async () => {
    const store = await ctx.fresh();
    await scheduleAt(store, 'a1', T0);
    await scheduleAt(store, 'a2', T0);
    await scheduleAt(store, 'b1', plus(1));
    await store.jobs.claimDue(T0, 'A', 60_000, 2);
    await store.jobs.claimDue(plus(1), 'B', 60_000, 2);

    expect(await store.jobs.releaseLeases('A')).toBe(2);
    expect(await store.jobs.releaseLeases('A')).toBe(0);
    expect(await row(store, 'a1')).toMatchObject({ status: 'pending', lease_owner: null });
    expect(await row(store, 'b1')).toMatchObject({ status: 'running', lease_owner: 'B' });
    expect((await store.jobs.claimDue(plus(2), 'C', 60_000, 10)).map((j) => j.key)).toEqual(['a1', 'a2']);
  });
});
