/** Running migrations, reporting their state, and refusing a database migrated by a newer Warroom. */
import { Migrator, sql } from 'kysely';
import type { Migration } from 'kysely';
import { describeError } from '../core/errors.js';
import type { DbHandle } from './db/schema.js';
import { MIGRATIONS } from './migrations/index.js';
import type { WarroomMigration } from './migrations/index.js';

export const MIGRATION_TABLE = 'warroom_migration';
const MIGRATION_LOCK_TABLE = 'warroom_migration_lock';

export interface MigrationState {
  name: string;
  /** unknown: recorded in the database but not part of this build (a newer Warroom ran it). */
  state: 'applied' | 'pending' | 'unknown';
  executedAt: Date | null;
}

export interface MigrateOptions {
  /** Tests only: run a different list. */
  migrations?: readonly WarroomMigration[];
}

export class UnknownMigrationsError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      `The database has migrations this version of Warroom does not know: ${unknown.join(', ')}. ` +
        'A newer Warroom has migrated it; run that version (or restore a backup taken before the upgrade). ' +
        'Refusing to start so that old code does not write to a newer schema.',
    );
    this.name = 'UnknownMigrationsError';
  }
}

/** Applies every pending migration; returns the names it ran. */
export async function migrateToLatest(target: DbHandle, options: MigrateOptions = {}): Promise<string[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  await assertKnownMigrations(target, migrations);
  const { error, results = [] } = await createMigrator(target, migrations).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Database migration${failed ? ` ${failed}` : ''} failed: ${describeError(error)}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

export interface MigrationStatus {
  /** Names by state, in run order. */
  applied: string[];
  pending: string[];
  unknown: string[];
  /** Every migration this build knows, plus any the database knows that this build does not. */
  migrations: MigrationState[];
}

export async function migrationStatus(target: DbHandle, options: MigrateOptions = {}): Promise<MigrationStatus> {
  const list = options.migrations ?? MIGRATIONS;
  const executed = await executedMigrations(target);
  const known = new Set(list.map((m) => m.name));
  const migrations: MigrationState[] = list.map((m) => {
    const executedAt = executed.get(m.name);
    return { name: m.name, state: executedAt === undefined ? 'pending' : 'applied', executedAt: executedAt ?? null };
  });
  for (const [name, executedAt] of executed) {
    if (!known.has(name)) migrations.push({ name, state: 'unknown', executedAt });
  }
  migrations.sort((a, b) => a.name.localeCompare(b.name));
  const named = (state: MigrationState['state']) => migrations.filter((m) => m.state === state).map((m) => m.name);
  return { applied: named('applied'), pending: named('pending'), unknown: named('unknown'), migrations };
}

/** Throws UnknownMigrationsError when the database was migrated past what this build knows. */
export async function assertKnownMigrations(target: DbHandle, migrations: readonly WarroomMigration[] = MIGRATIONS): Promise<void> {
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...(await executedMigrations(target)).keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new UnknownMigrationsError(unknown.sort());
}

async function executedMigrations(target: DbHandle): Promise<Map<string, Date>> {
  const tables = await target.db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === MIGRATION_TABLE)) return new Map();
  // The migration table is Kysely's own, not part of the Database type.
  const { rows } = await sql<{ name: string; timestamp: string }>`
    select ${sql.ref('name')}, ${sql.ref('timestamp')} from ${sql.table(MIGRATION_TABLE)}`.execute(target.db);
  return new Map(rows.map((row) => [row.name, new Date(row.timestamp)]));
}

function createMigrator(target: DbHandle, migrations: readonly WarroomMigration[]): Migrator {
  const { dialect } = target;
  const entries = migrations.map((m): [string, Migration] => {
    const down = m.down;
    return [m.name, { up: (db) => m.up(db, dialect), ...(down ? { down: (db) => down(db, dialect) } : {}) }];
  });
  return new Migrator({
    db: target.db,
    provider: { getMigrations: () => Promise.resolve(Object.fromEntries(entries)) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}
