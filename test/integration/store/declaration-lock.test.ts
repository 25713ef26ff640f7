/** The declaration lock: one runner per incident at a time, across stores (replicas) on PostgreSQL, never stuck for good. */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { expect, it, onTestFinished } from 'vitest';
import type { IncidentRepository } from '../../../src/core/ports.js';
import { KyselyIncidentRepository } from '../../../src/store/incident-repository.js';
import type { SqlStore } from '../../../src/store/index.js';
import { describeEachDialect } from '../../support/store-fixtures.js';

/** Records when each named work enters and leaves the lock; `acquired` is what the lock told it. */
function recorder() {
  const events: string[] = [];
  const work =
    (name: string, holdMs = 80) =>
    async ({ acquired }: { acquired: boolean }) => {
      events.push(`enter ${name}`);
      await sleep(holdMs);
      events.push(`exit ${name}`);
      return acquired;
    };
  return { events, work };
}

/** A promise and the function that resolves it; fired at the latest when the test ends, so no work is left hanging. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  onTestFinished(() => fire());
  return { fire, fired };
}

const ONE_AFTER_THE_OTHER = [
  ['enter a', 'exit a', 'enter b', 'exit b'],
  ['enter b', 'exit b', 'enter a', 'exit a'],
];

describeEachDialect('declaration lock', (ctx) => {
  // A short wait, so a lock that is never released shows as `acquired: false` instead of a 30 s test timeout.
  const repository = (store: SqlStore, waitMs = 3_000): IncidentRepository => new KyselyIncidentRepository(store.db, store.dialect, ctx.clock, { waitMs, pollMs: 20 });

  it('runs works for the same incident one after the other, and for different incidents side by side', async () => {
    const lock = repository(await ctx.fresh());
    const same = recorder();
    expect(await Promise.all([lock.withDeclarationLock(1, same.work('a')), lock.withDeclarationLock(1, same.work('b'))])).toEqual([true, true]);
    expect(ONE_AFTER_THE_OTHER).toContainEqual(same.events);

    const different = recorder();
    await Promise.all([lock.withDeclarationLock(1, different.work('a')), lock.withDeclarationLock(2, different.work('b'))]);
    expect(different.events.slice(0, 2).sort()).toEqual(['enter a', 'enter b']);
  });

  it('releases the lock when the work fails, passing the error on', async () => {
    const store = await ctx.fresh();
    const lock = repository(store);
    const failure = await lock.withDeclarationLock(3, async () => Promise.reject(new Error('slack down'))).catch((err: Error) => err);
    expect(failure).toEqual(new Error('slack down'));
    expect(await lock.withDeclarationLock(3, async ({ acquired }) => acquired)).toBe(true);
  });

  it('runs the work without the lock once the wait is over, and says so', async () => {
    const lock = repository(await ctx.fresh(), 300);
    const held = signal();
    const release = signal();
    const holding = lock.withDeclarationLock(4, async () => {
      held.fire();
      await release.fired;
    });
    await held.fired;
    const started = Date.now();
    expect(await lock.withDeclarationLock(4, async ({ acquired }) => acquired)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    release.fire();
    await holding;
  });

  it.skipIf(ctx.dialect === 'sqlite')('serialises two stores (two connection pools, two replicas) on the same database', async () => {
    const a = await ctx.fresh();
    const b = await ctx.open(ctx.urlOf(a));
    const same = recorder();
    expect(await Promise.all([repository(a).withDeclarationLock(5, same.work('a')), repository(b).withDeclarationLock(5, same.work('b'))])).toEqual([true, true]);
    expect(ONE_AFTER_THE_OTHER).toContainEqual(same.events);

    const different = recorder();
    await Promise.all([repository(a).withDeclarationLock(5, different.work('a')), repository(b).withDeclarationLock(6, different.work('b'))]);
    expect(different.events.slice(0, 2).sort()).toEqual(['enter a', 'enter b']);
  });

  it.skipIf(ctx.dialect === 'sqlite')('frees the lock of a replica whose connection dies', async () => {
    const a = await ctx.fresh();
    const b = await ctx.open(ctx.urlOf(a));
    const held = signal();
    const release = signal();
    const holding = repository(a).withDeclarationLock(7, async () => {
      held.fire();
      await release.fired;
      return 'a finished';
    });
    await held.fired;
    const holders = await sql<{ pid: number }>`select pid from pg_locks where locktype = 'advisory' and objsubid = 2 and objid = 7 and granted`.execute(b.db);
    expect(holders.rows).toHaveLength(1);
    await sql`select pg_terminate_backend(${holders.rows[0]!.pid})`.execute(b.db);

    expect(await repository(b).withDeclarationLock(7, async ({ acquired }) => acquired)).toBe(true);
    release.fire();
    expect(await holding).toBe('a finished');
  });

  it.skipIf(ctx.dialect === 'sqlite')('holds at most 3 of the 4 pool connections, so the works can still query', async () => {
    const store = await ctx.fresh();
    const lock = repository(store, 10_000);
    let inside = 0;
    let mostInside = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        lock.withDeclarationLock(100 + i, async ({ acquired }) => {
          mostInside = Math.max(mostInside, ++inside);
          await Promise.all([store.incidents.listOpen(), store.incidents.get(1), sleep(30)]);
          inside -= 1;
          return acquired;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 8 }, () => true));
    expect(mostInside).toBe(3);
  });
});
