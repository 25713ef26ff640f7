import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, migrationStatus, UnknownMigrationsError } from '../../../src/store/index.js';
import { MIGRATIONS } from '../../../src/store/migrations/index.js';
import type { WarroomMigration } from '../../../src/store/migrations/index.js';
import { describeEachDialect } from '../../support/store-fixtures.js';

const ALL = MIGRATIONS.map((m) => m.name);

const fromTheFuture: WarroomMigration = {
  name: '999-from-a-newer-version',
  async up(db) {
    await db.schema.createTable('future_things').addColumn('id', 'integer').execute();
  },
};

describeEachDialect('migrations', (ctx) => {
  it('creates every table on an empty database and records the migration', async () => {
    const store = await ctx.open(await ctx.newDatabaseUrl(), { migrate: false });
    expect(await migrationStatus(store)).toMatchObject({ applied: [], pending: ALL, unknown: [] });

    expect(await migrateToLatest(store)).toEqual(ALL);

    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['incidents', 'timeline_events', 'jobs', 'deploy_checks', 'deploy_check_approvals']));
    const status = await migrationStatus(store);
    expect(status).toMatchObject({ applied: MIGRATIONS.map((m) => m.name), pending: [], unknown: [] });
    expect(status.migrations[0]).toMatchObject({ name: '001-initial', state: 'applied' });
    expect(status.migrations[0]?.executedAt).toBeInstanceOf(Date);
    expect(await migrateToLatest(store)).toEqual([]);
  });

  it('migrates on open by default, and opening again changes nothing', async () => {
    const url = await ctx.newDatabaseUrl();
    await ctx.open(url);
    const again = await ctx.open(url);
    expect((await migrationStatus(again)).migrations.map((m) => m.state)).toEqual(ALL.map(() => 'applied'));
    await expect(again.ping()).resolves.toBeUndefined();
  });

  it('refuses a database that has a migration this build does not know', async () => {
    const url = await ctx.newDatabaseUrl();
    const newer = await ctx.open(url, { migrate: false });
    await migrateToLatest(newer, { migrations: [...MIGRATIONS, fromTheFuture] });

    for (const migrate of [true, false]) {
      const opening = ctx.open(url, { migrate });
      await expect(opening).rejects.toBeInstanceOf(UnknownMigrationsError);
      await expect(opening).rejects.toThrow(/migrations this version of Warroom does not know: 999-from-a-newer-version/);
    }
    await expect(migrateToLatest(newer)).rejects.toBeInstanceOf(UnknownMigrationsError);
    expect((await migrationStatus(newer)).migrations.map((m) => [m.name, m.state])).toEqual([
      ...ALL.map((name) => [name, 'applied']),
      ['999-from-a-newer-version', 'unknown'],
    ]);
  });

  it('reports a failing migration by name and leaves it pending', async () => {
    const store = await ctx.fresh();
    const broken: WarroomMigration = {
      name: '900-broken',
      async up(db) {
        await sql`select * from no_such_table`.execute(db);
      },
    };
    await expect(migrateToLatest(store, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/Database migration 900-broken failed/);
    const status = await migrationStatus(store, { migrations: [...MIGRATIONS, broken] });
    expect(status).toMatchObject({ applied: ALL, pending: ['900-broken'] });
  });
});
