/** InboundEventRepository on Kysely: the primary key on (source, event_id) makes "first time" atomic across replicas. */
import type { Kysely } from 'kysely';
import type { InboundEventRepository } from '../core/ports.js';
import type { Database } from './db/schema.js';

export class KyselyInboundEventRepository implements InboundEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async recordOnce(source: string, eventId: string, receivedAt: Date): Promise<boolean> {
    const inserted = await this.db
      .insertInto('inbound_events')
      .values({ source, event_id: eventId, received_at: receivedAt.getTime() })
      .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async forget(source: string, eventId: string): Promise<void> {
    await this.db.deleteFrom('inbound_events').where('source', '=', source).where('event_id', '=', eventId).execute();
  }
}
