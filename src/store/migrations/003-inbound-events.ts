/** Inbound webhook deliveries already handled (issue 4: PagerDuty webhooks), so a redelivery has no second effect. */
import type { WarroomMigration } from './migration.js';

export const inboundEventsMigration: WarroomMigration = {
  name: '003-inbound-events',
  async up(db) {
    await db.schema
      .createTable('inbound_events')
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('event_id', 'text', (col) => col.notNull())
      .addColumn('received_at', 'bigint', (col) => col.notNull())
      .addPrimaryKeyConstraint('inbound_events_pk', ['source', 'event_id'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('inbound_events').execute();
  },
};
