/** Mitigations (issue 5): each cluster action from preview to outcome, so confirmations survive restarts and replicas. */
import type { CreateTableBuilder } from 'kysely';
import type { SqlDialect } from '../db/schema.js';
import type { WarroomMigration } from './migration.js';

/** Same identity column as 001 (copied, not imported: a shipped migration must not change with its neighbours). */
function withId<T extends string>(table: CreateTableBuilder<T>, dialect: SqlDialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

export const mitigationsMigration: WarroomMigration = {
  name: '004-mitigations',
  async up(db, dialect) {
    await withId(db.schema.createTable('mitigations'), dialect)
      .addColumn('incident_id', 'integer', (col) => col.notNull().references('incidents.id'))
      .addColumn('channel_id', 'text', (col) => col.notNull())
      .addColumn('message_ts', 'text')
      // JSON documents (MitigationRequest, MitigationPreview, Confirmation[], string[], MitigationResult).
      .addColumn('request', 'text', (col) => col.notNull())
      .addColumn('requested_by', 'text', (col) => col.notNull())
      .addColumn('requested_at', 'bigint', (col) => col.notNull())
      .addColumn('expires_at', 'bigint', (col) => col.notNull())
      // A column, not JSON: transition() compares it in the WHERE clause of a single UPDATE.
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('preview', 'text', (col) => col.notNull())
      .addColumn('confirmations', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('progress', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('result', 'text')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('mitigations_incident_idx').on('mitigations').columns(['incident_id', 'id']).execute();
  },
  async down(db) {
    await db.schema.dropTable('mitigations').execute();
  },
};
