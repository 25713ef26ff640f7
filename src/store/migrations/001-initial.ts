/** Incidents, their timeline, and durable jobs. */
import type { CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from '../db/schema.js';
import type { WarroomMigration } from './migration.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The only column that differs: an integer key the database assigns in insertion order. */
function withId<T extends string>(table: CreateTableBuilder<T>, dialect: SqlDialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

async function createIncidents(db: AnyDb, dialect: SqlDialect): Promise<void> {
  await withId(db.schema.createTable('incidents'), dialect)
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('service', 'text')
    .addColumn('impact', 'text')
    .addColumn('is_private', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('declared_by', 'text', (col) => col.notNull())
    .addColumn('dedupe_key', 'text', (col) => col.notNull())
    .addColumn('declared_at', 'bigint', (col) => col.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('mitigated_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('commander_assigned_at', 'bigint')
    .addColumn('roles', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('channel_id', 'text')
    .addColumn('channel_name', 'text')
    .addColumn('declaration_ts', 'text')
    .addColumn('announcement_channel_id', 'text')
    .addColumn('announcement_ts', 'text')
    .addColumn('last_update_at', 'bigint')
    .addColumn('last_update_text', 'text')
    .addColumn('links', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('incidents_channel_id_uq')
    .on('incidents')
    .column('channel_id')
    .unique()
    .where(sql.ref('channel_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('incidents_dedupe_key_idx').on('incidents').columns(['dedupe_key', 'declared_at']).execute();
  await db.schema.createIndex('incidents_state_idx').on('incidents').column('state').execute();
}

async function createTimelineEvents(db: AnyDb, dialect: SqlDialect): Promise<void> {
  await withId(db.schema.createTable('timeline_events'), dialect)
    .addColumn('incident_id', 'integer', (col) => col.references('incidents.id'))
    .addColumn('channel_id', 'text')
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    .addColumn('actor', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('message_ts', 'text')
    .addColumn('thread_ts', 'text')
    .addColumn('marks', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('deleted_at', 'bigint')
    .addColumn('edited_at', 'bigint')
    .addColumn('refs', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('data', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('timeline_events_incident_order_idx')
    .on('timeline_events')
    .columns(['incident_id', 'occurred_at', 'id'])
    .execute();
  // adoptChannel looks up events captured before their channel became an incident's.
  await db.schema
    .createIndex('timeline_events_unadopted_channel_idx')
    .on('timeline_events')
    .column('channel_id')
    .where(sql.ref('incident_id'), 'is', null)
    .execute();
}

async function createJobs(db: AnyDb, dialect: SqlDialect): Promise<void> {
  await withId(db.schema.createTable('jobs'), dialect)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('run_at', 'bigint', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint('jobs_status_check', sql`status in ('pending', 'running', 'done', 'cancelled')`)
    .execute();
  await db.schema.createIndex('jobs_status_run_at_idx').on('jobs').columns(['status', 'run_at']).execute();
}

export const initialMigration: WarroomMigration = {
  name: '001-initial',
  async up(db, dialect) {
    await createIncidents(db, dialect);
    await createTimelineEvents(db, dialect);
    await createJobs(db, dialect);
  },
  async down(db) {
    await db.schema.dropTable('jobs').execute();
    await db.schema.dropTable('timeline_events').execute();
    await db.schema.dropTable('incidents').execute();
  },
};
