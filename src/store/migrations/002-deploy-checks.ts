/** Deploy checks (issue 3): every /deploy-check and `warroom deploy-check` run, with its approvals. */
import type { CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from '../db/schema.js';
import type { WarroomMigration } from './migration.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Same identity column as 001 (copied, not imported: a migration must keep doing what it did when it shipped,
 * whatever later changes are made to its neighbours).
 */
function withId<T extends string>(table: CreateTableBuilder<T>, dialect: SqlDialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

async function createDeployChecks(db: AnyDb, dialect: SqlDialect): Promise<void> {
  await withId(db.schema.createTable('deploy_checks'), dialect)
    .addColumn('service', 'text', (col) => col.notNull())
    .addColumn('requested_by', 'text', (col) => col.notNull())
    .addColumn('origin', 'text', (col) => col.notNull())
    .addColumn('requested_at', 'bigint', (col) => col.notNull())
    // Copied out of `outcome` so history can be listed and filtered without parsing JSON.
    .addColumn('decision', 'text', (col) => col.notNull())
    // JSON documents; non-finite numbers are encoded by the mapper (JSON has no NaN or Infinity).
    .addColumn('risk', 'text', (col) => col.notNull())
    .addColumn('dimensions', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('slos', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('freezes', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('override_user', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('override_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    // An override is who, why and when together, or nothing.
    .addCheckConstraint(
      'deploy_checks_override_check',
      sql`(override_user is null and override_reason is null and override_at is null)
        or (override_user is not null and override_reason is not null and override_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('deploy_checks_service_requested_idx')
    .on('deploy_checks')
    .columns(['service', 'requested_at desc', 'id desc'])
    .execute();
}

async function createDeployCheckApprovals(db: AnyDb, dialect: SqlDialect): Promise<void> {
  // `id` only orders approvals given in the same millisecond by insertion.
  await withId(db.schema.createTable('deploy_check_approvals'), dialect)
    .addColumn('check_id', 'integer', (col) => col.notNull().references('deploy_checks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('at', 'bigint', (col) => col.notNull())
    // One approval per person and check: a second click, even racing the first on another replica, is a no-op.
    .addUniqueConstraint('deploy_check_approvals_check_user_uq', ['check_id', 'user_id'])
    .execute();
}

export const deployChecksMigration: WarroomMigration = {
  name: '002-deploy-checks',
  async up(db, dialect) {
    await createDeployChecks(db, dialect);
    await createDeployCheckApprovals(db, dialect);
  },
  async down(db) {
    await db.schema.dropTable('deploy_check_approvals').execute();
    await db.schema.dropTable('deploy_checks').execute();
  },
};
