import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/core/errors.js';
import type { DeployCheckRepository } from '../../../src/core/ports.js';
import type { DeployCheck } from '../../../src/core/release/model.js';
import { migrateToLatest, migrationStatus } from '../../../src/store/index.js';
import { initialMigration } from '../../../src/store/migrations/001-initial.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import { createMemoryDeployCheckRepository } from '../../support/fakes/memory-deploy-checks.js';
import { describeEachDialect, newDeployCheck, newIncident, sloReport } from '../../support/store-fixtures.js';

const ALL = MIGRATIONS.map((m) => m.name);

const at = (iso: string) => new Date(`2026-03-02T${iso}Z`);

/** A check whose numbers JSON cannot hold as they are: no traffic (NaN), infinite burn, -0, and real nulls. */
function checkWithAwkwardNumbers() {
  return newDeployCheck({
    origin: 'cli',
    risk: { blastRadius: 'cluster', rollback: 'slow', coverage: null, change: null },
    slos: [
      sloReport(),
      sloReport({
        name: 'latency',
        unknown: 'no traffic over 30d (0/0)',
        events: 0,
        budget: {
          budget: 0.001,
          errorRatio: Number.NaN,
          burn: Number.POSITIVE_INFINITY,
          remaining: Number.NEGATIVE_INFINITY,
          budgetMinutes: 43.2,
          minutesLeft: -0,
          exhausted: true,
          overspentPercent: Number.POSITIVE_INFINITY,
          minutesToExhaustion: null,
        },
        burnRates: [
          { window: '5m', errorRatio: Number.NaN, burn: Number.NaN },
          { window: '1h', errorRatio: 0.1 + 0.2, burn: 1e-300 },
          { window: '1d', errorRatio: null, burn: null },
        ],
        alert: { level: 'page', rule: '1h and 5m both above 14.4× the budget rate' },
        historyMinutes: 1_234,
      }),
    ],
    dimensions: [{ dimension: 'error_budget', value: 'NaN', level: null, why: 'numbers cannot be trusted — 日本語 ✓' }],
    freezes: [{ incidentId: 7, severity: 'SEV1', title: 'Payments down', channelId: null, onService: false }],
    outcome: { decision: 'UNKNOWN', reasons: ['no traffic'], conditions: [], approvalsRequired: 0 },
  });
}

/** What every DeployCheckRepository must do, the SQL ones and the in-memory fake alike. */
function behavesAsDeployCheckRepository(open: () => Promise<DeployCheckRepository>): void {
  it('stores a full check and reads every field back exactly, non-finite numbers, -0 and nulls included', async () => {
    const repo = await open();
    const input = checkWithAwkwardNumbers();
    const created = await repo.create(input);

    expect(created).toEqual({ ...input, id: expect.any(Number), approvals: [], override: null });
    const read = await repo.get(created.id);
    expect(read).toEqual(created);
    const budget = read?.slos[1]?.budget;
    expect(budget?.errorRatio).toBeNaN();
    expect(budget?.burn).toBe(Number.POSITIVE_INFINITY);
    expect(budget?.remaining).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(budget?.minutesLeft, -0)).toBe(true);
    expect(budget?.minutesToExhaustion).toBeNull();
    expect(read?.slos[1]?.burnRates).toEqual([
      { window: '5m', errorRatio: Number.NaN, burn: Number.NaN },
      { window: '1h', errorRatio: 0.30000000000000004, burn: 1e-300 },
      { window: '1d', errorRatio: null, burn: null },
    ]);
    expect(read?.dimensions[0]?.value).toBe('NaN');
    expect(read?.requestedAt.getTime()).toBe(Date.UTC(2026, 2, 2, 10, 15, 30, 123));
    expect(await repo.get(created.id + 1000)).toBeNull();
  });

  it('keeps its own copy: changing the input or a returned check does not change what is stored', async () => {
    const repo = await open();
    const input = newDeployCheck();
    const created = await repo.create(input);
    input.outcome.reasons.push('mutated input');
    created.dimensions.length = 0;
    expect(await repo.get(created.id)).toEqual({ ...newDeployCheck(), id: created.id, approvals: [], override: null });
  });

  it('records one approval per user, keeps the first click, and orders approvals by time then insertion', async () => {
    const repo = await open();
    const { id } = await repo.create(newDeployCheck());

    const first = await repo.addApproval(id, { userId: 'U_LATE', at: at('10:20:00.000') });
    expect(first.approvals).toEqual([{ userId: 'U_LATE', at: at('10:20:00.000') }]);
    const again = await repo.addApproval(id, { userId: 'U_LATE', at: at('10:25:00.000') });
    expect(again.approvals).toEqual([{ userId: 'U_LATE', at: at('10:20:00.000') }]);

    await repo.addApproval(id, { userId: 'U_EARLY', at: at('10:16:00.001') });
    await repo.addApproval(id, { userId: 'U_TIE_B', at: at('10:30:00.000') });
    const last = await repo.addApproval(id, { userId: 'U_TIE_A', at: at('10:30:00.000') });
    expect(last.approvals.map((a) => a.userId)).toEqual(['U_EARLY', 'U_LATE', 'U_TIE_B', 'U_TIE_A']);
    expect(last.override).toBeNull();
    expect(await repo.get(id)).toEqual(last);
  });

  it('records an override once: a second override keeps the first and returns the check unchanged', async () => {
    const repo = await open();
    const { id } = await repo.create(newDeployCheck({ outcome: { decision: 'BLOCKED', reasons: ['budget exhausted'], conditions: [], approvalsRequired: 2 } }));
    const override = { userId: 'U_SRE', reason: 'security fix for CVE-2026-1234', at: at('10:40:00.555') };

    const overridden = await repo.setOverride(id, override);
    expect(overridden.override).toEqual(override);
    expect(overridden.outcome.decision).toBe('BLOCKED');

    const second = await repo.setOverride(id, { userId: 'U_OTHER', reason: 'me too', at: at('11:00:00.000') });
    expect(second).toEqual(overridden);
    expect(await repo.get(id)).toEqual(overridden);
  });

  it('lists a service newest first, up to the limit, each check with its own approvals', async () => {
    const repo = await open();
    const mid = await repo.create(newDeployCheck({ requestedAt: at('09:00:00.000') }));
    const oldest = await repo.create(newDeployCheck({ requestedAt: at('08:00:00.000') }));
    const newest = await repo.create(newDeployCheck({ requestedAt: at('11:00:00.000') }));
    const newestTwin = await repo.create(newDeployCheck({ requestedAt: at('11:00:00.000') }));
    await repo.create(newDeployCheck({ service: 'search', requestedAt: at('12:00:00.000') }));
    await repo.addApproval(mid.id, { userId: 'U_A', at: at('09:05:00.000') });
    await repo.addApproval(newest.id, { userId: 'U_B', at: at('11:05:00.000') });

    const all = await repo.listByService('checkout', 10);
    expect(all.map((c) => c.id)).toEqual([newestTwin.id, newest.id, mid.id, oldest.id]);
    expect(all[1]?.approvals).toEqual([{ userId: 'U_B', at: at('11:05:00.000') }]);
    expect(all[2]).toEqual(await repo.get(mid.id));
    expect(all[3]?.approvals).toEqual([]);
    expect((await repo.listByService('checkout', 2)).map((c) => c.id)).toEqual([newestTwin.id, newest.id]);
    expect(await repo.listByService('checkout', 0)).toEqual([]);
    expect(await repo.listByService('nobody', 10)).toEqual([]);
  });

  it('rejects an approval or override of an unknown check with CONFLICT naming the id', async () => {
    const repo = await open();
    const { id } = await repo.create(newDeployCheck());
    for (const attempt of [
      repo.addApproval(id + 4242, { userId: 'U_A', at: at('10:00:00.000') }),
      repo.setOverride(id + 4242, { userId: 'U_A', reason: 'why', at: at('10:00:00.000') }),
    ]) {
      const error = await attempt.catch((err: unknown) => err);
      expect(isDomainError(error, 'CONFLICT')).toBe(true);
      expect((error as Error).message).toBe(`Deploy check #${id + 4242} does not exist; run /deploy-check again.`);
    }
    expect(await repo.get(id)).toMatchObject({ approvals: [], override: null });
  });
}

describe('memory deploy-check repository', () => {
  behavesAsDeployCheckRepository(async () => createMemoryDeployCheckRepository());
});

describeEachDialect('deploy-check repository', (ctx) => {
  behavesAsDeployCheckRepository(async () => (await ctx.fresh()).deployChecks);

  it('stores the decision in its own column and non-finite numbers as tagged values, never as null', async () => {
    const store = await ctx.fresh();
    const { id } = await store.deployChecks.create(checkWithAwkwardNumbers());
    const row = await store.db.selectFrom('deploy_checks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.decision).toBe('UNKNOWN');
    expect(Number(row.created_at)).toBe(ctx.clock.now().getTime());
    expect(row.slos).toContain('"errorRatio":{"$numberDouble":"NaN"}');
    expect(row.slos).toContain('"remaining":{"$numberDouble":"-Infinity"}');
    expect(row.slos).toContain('"minutesLeft":{"$numberDouble":"-0"}');
    expect(row.slos).toContain('"minutesToExhaustion":null');
  });

  it('keeps one approval row when the same user clicks twice at once, on one store or two replicas', async () => {
    const store = await ctx.fresh();
    const replica = await ctx.open(ctx.urlOf(store));
    const { id } = await store.deployChecks.create(newDeployCheck());
    const click = { userId: 'U_TWICE', at: at('10:20:00.000') };

    const results = await Promise.all([
      store.deployChecks.addApproval(id, click),
      store.deployChecks.addApproval(id, { ...click, at: at('10:20:00.001') }),
      replica.deployChecks.addApproval(id, click),
      replica.deployChecks.addApproval(id, click),
    ]);
    for (const result of results) expect(result.approvals).toHaveLength(1);
    const rows = await store.db.selectFrom('deploy_check_approvals').selectAll().where('check_id', '=', id).execute();
    expect(rows.map((r) => r.user_id)).toEqual(['U_TWICE']);

    await Promise.all([store.deployChecks.addApproval(id, { userId: 'U_X', at: at('10:21:00.000') }), replica.deployChecks.addApproval(id, { userId: 'U_Y', at: at('10:22:00.000') })]);
    expect((await replica.deployChecks.get(id))?.approvals.map((a) => a.userId)).toEqual(['U_TWICE', 'U_X', 'U_Y']);
  });

  it('keeps only the first of two overrides racing on two replicas', async () => {
    const store = await ctx.fresh();
    const replica = await ctx.open(ctx.urlOf(store));
    const { id } = await store.deployChecks.create(newDeployCheck());
    const [a, b] = await Promise.all([
      store.deployChecks.setOverride(id, { userId: 'U_A', reason: 'a', at: at('10:00:00.000') }),
      replica.deployChecks.setOverride(id, { userId: 'U_B', reason: 'b', at: at('10:00:00.000') }),
    ]);
    expect(a.override).toEqual(b.override);
    expect((await store.deployChecks.get(id))?.override).toEqual(a.override);
  });

  it('migrates a database at 001 to 002, keeping its incidents, and an empty one straight to 002', async () => {
    const store = await ctx.open(await ctx.newDatabaseUrl(), { migrate: false });
    expect(await migrateToLatest(store, { migrations: [initialMigration] })).toEqual(['001-initial']);
    const incident = await store.incidents.create(newIncident());
    expect((await migrationStatus(store)).pending).toEqual(ALL.slice(1));

    expect(await migrateToLatest(store)).toEqual(ALL.slice(1));
    expect(await store.incidents.get(incident.id)).toEqual(incident);
    const check: DeployCheck = await store.deployChecks.create(newDeployCheck());
    expect(await store.deployChecks.addApproval(check.id, { userId: 'U_A', at: at('10:00:00.000') })).toMatchObject({ id: check.id, approvals: [{ userId: 'U_A' }] });
    expect(await migrateToLatest(store)).toEqual([]);

    const empty = await ctx.open(await ctx.newDatabaseUrl(), { migrate: false });
    expect(await migrateToLatest(empty)).toEqual(ALL);
    const tables = (await empty.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['incidents', 'deploy_checks', 'deploy_check_approvals']));
  });

  it('enforces one approval per user and check, and a whole override or none, in the schema itself', async () => {
    const store = await ctx.fresh();
    const { id } = await store.deployChecks.create(newDeployCheck());
    const insert = () => store.db.insertInto('deploy_check_approvals').values({ check_id: id, user_id: 'U_A', at: 1 }).execute();
    await insert();
    await expect(insert()).rejects.toThrow();
    await expect(store.db.updateTable('deploy_checks').set({ override_user: 'U_A' }).where('id', '=', id).execute()).rejects.toThrow();
    await expect(sql`insert into deploy_check_approvals (check_id, user_id, at) values (${id + 99}, 'U_B', 1)`.execute(store.db)).rejects.toThrow();
  });
});
