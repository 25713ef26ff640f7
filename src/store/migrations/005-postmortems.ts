/** Postmortems and their action items (issue 6): drafts survive a failed publish; issue numbers make re-publishing update, not duplicate. */
import type { CreateTableBuilder } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from '../db/schema.js';
import type { WarroomMigration } from './migration.js';

/** Same identity column as 001 (copied, not imported: a shipped migration must not change with its neighbours). */
function withId<T extends string>(table: CreateTableBuilder<T>, dialect: SqlDialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

export const postmortemsMigration: WarroomMigration = {
  name: '005-postmortems',
  async up(db, dialect) {
    await withId(db.schema.createTable('postmortems'), dialect)
      // One postmortem per incident: saveDraft upserts on it.
      .addColumn('incident_id', 'integer', (col) => col.notNull().unique().references('incidents.id'))
      // JSON (PostmortemDraft).
      .addColumn('draft', 'text', (col) => col.notNull())
      .addColumn('repository', 'text')
      .addColumn('issue_number', 'integer')
      .addColumn('issue_url', 'text')
      .addColumn('published_at', 'bigint')
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_by', 'text', (col) => col.notNull())
      .execute();

    await withId(db.schema.createTable('action_items'), dialect)
      .addColumn('postmortem_id', 'integer', (col) => col.notNull().references('postmortems.id'))
      .addColumn('incident_id', 'integer', (col) => col.notNull().references('incidents.id'))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('description', 'text', (col) => col.notNull())
      .addColumn('owner_slack_id', 'text')
      .addColumn('owner_github', 'text')
      .addColumn('priority', 'text', (col) => col.notNull())
      // YYYY-MM-DD in the team's time zone: text compares in date order and has no time-zone drift.
      .addColumn('due_date', 'text', (col) => col.notNull())
      .addColumn('validation', 'text')
      .addColumn('repository', 'text', (col) => col.notNull())
      .addColumn('issue_number', 'integer', (col) => col.notNull())
      .addColumn('issue_url', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('closed_at', 'bigint')
      .addColumn('validation_note', 'text')
      .addColumn('flagged_unvalidated', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (col) => col.notNull())
      .addColumn('updated_at', 'bigint', (col) => col.notNull())
      // Re-publishing upserts on the key; a GitHub issue belongs to one item (webhooks find it by number).
      .addUniqueConstraint('action_items_postmortem_key_uq', ['postmortem_id', 'key'])
      .addUniqueConstraint('action_items_issue_uq', ['repository', 'issue_number'])
      .addCheckConstraint('action_items_state_check', sql`state in ('open', 'closed')`)
      .execute();
    // The weekly review: open items by due date.
    await db.schema.createIndex('action_items_state_due_idx').on('action_items').columns(['state', 'due_date']).execute();
    await db.schema.createIndex('action_items_incident_idx').on('action_items').columns(['incident_id', 'id']).execute();
    // /incident stats reads incidents by declaration time.
    await db.schema.createIndex('incidents_declared_at_idx').on('incidents').columns(['declared_at', 'id']).execute();
  },
  async down(db) {
    await db.schema.dropIndex('incidents_declared_at_idx').execute();
    await db.schema.dropTable('action_items').execute();
    await db.schema.dropTable('postmortems').execute();
  },
};
