/** TimelineRepository on Kysely: append-only, idempotent on the natural key. */
import type { Kysely } from 'kysely';
import type { NewTimelineEvent, TimelineEvent } from '../core/incident/model.js';
import type { Clock, TimelineQuery, TimelineRepository } from '../core/ports.js';
import type { Database } from './db/schema.js';
import { affected } from './db/sql-helpers.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';
import { parseMarks, serializeMarks, timelineEventFromRow, timelineEventToInsert } from './mapping/timeline-row.js';

/** Beyond this many lost compare-and-swap races on one event, something is wrong: fail loudly. */
const MAX_MARK_ATTEMPTS = 25;
/** OFFSET needs a LIMIT on SQLite; this one never binds. */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

type AppendResult = { inserted: boolean; event: TimelineEvent };

/** Events written together in one SQLite transaction at most. */
const MAX_GROUP_COMMIT = 256;

export class KyselyTimelineRepository implements TimelineRepository {
  private readonly appends: GroupCommit<NewTimelineEvent, AppendResult> | null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    options: { groupCommit?: boolean } = {},
  ) {
    // PostgreSQL already commits concurrent transactions together; SQLite has one writer and needs this.
    this.appends = options.groupCommit
      ? createGroupCommit({
          maxBatch: MAX_GROUP_COMMIT,
          writeOne: (event) => this.appendWith(this.db, event),
          writeBatch: (events) =>
            this.db.transaction().execute(async (trx) => {
              const results: AppendResult[] = [];
              for (const event of events) results.push(await this.appendWith(trx, event));
              return results;
            }),
        })
      : null;
  }

  append(event: NewTimelineEvent): Promise<AppendResult> {
    return this.appends ? this.appends.submit(event) : this.appendWith(this.db, event);
  }

  private async appendWith(db: Kysely<Database>, event: NewTimelineEvent): Promise<AppendResult> {
    // ON CONFLICT DO NOTHING: a redelivery, or a replica racing us with the same key, stores nothing
    // (PostgreSQL makes the second insert wait for the first to commit, so the read below finds it).
    const row = await db
      .insertInto('timeline_events')
      .values(timelineEventToInsert(event, this.clock.now()))
      .onConflict((oc) => oc.column('key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return { inserted: true, event: timelineEventFromRow(row) };
    const existing = await db.selectFrom('timeline_events').selectAll().where('key', '=', event.key).executeTakeFirst();
    if (!existing) throw new Error(`Timeline event ${event.key} conflicted on insert but cannot be read back`);
    return { inserted: false, event: timelineEventFromRow(existing) };
  }

  async findByKey(key: string): Promise<TimelineEvent | null> {
    const row = await this.db.selectFrom('timeline_events').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? timelineEventFromRow(row) : null;
  }

  async editText(key: string, text: string, editedAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('timeline_events')
      .set({ text, edited_at: editedAt.getTime() })
      .where('key', '=', key)
      .executeTakeFirst();
    return affected(result) > 0;
  }

  async markDeleted(key: string, deletedAt: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('timeline_events')
      .set({ deleted: 1, deleted_at: deletedAt.getTime() })
      .where('key', '=', key)
      .executeTakeFirst();
    return affected(result) > 0;
  }

  /**
   * Read, change the set, write back only if nobody changed it meanwhile (compare-and-swap on the column).
   * Atomic on both dialects without holding a lock across round trips: with better-sqlite3 a transaction
   * left open across an await would make a second connection block the event loop on busy_timeout.
   */
  async setMark(key: string, mark: string, on: boolean): Promise<TimelineEvent | null> {
    for (let attempt = 0; attempt < MAX_MARK_ATTEMPTS; attempt++) {
      const row = await this.db.selectFrom('timeline_events').selectAll().where('key', '=', key).executeTakeFirst();
      if (!row) return null;
      const marks = parseMarks(row.marks);
      if (marks.includes(mark) === on) return timelineEventFromRow(row);
      const next = on ? [...marks, mark] : marks.filter((m) => m !== mark);
      const updated = await this.db
        .updateTable('timeline_events')
        .set({ marks: serializeMarks(next) })
        .where('key', '=', key)
        .where('marks', '=', row.marks)
        .returningAll()
        .executeTakeFirst();
      if (updated) return timelineEventFromRow(updated);
    }
    throw new Error(`Could not update the marks of timeline event ${key}: it kept changing concurrently`);
  }

  async list(incidentId: number, query: TimelineQuery = {}): Promise<TimelineEvent[]> {
    let select = this.db
      .selectFrom('timeline_events')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .$if(!query.includeDeleted, (qb) => qb.where('deleted', '=', 0))
      .orderBy('occurred_at')
      .orderBy('id');
    if (query.limit !== undefined || query.offset !== undefined) select = select.limit(query.limit ?? NO_LIMIT);
    if (query.offset !== undefined) select = select.offset(query.offset);
    return (await select.execute()).map(timelineEventFromRow);
  }

  async count(incidentId: number, options: { includeDeleted?: boolean } = {}): Promise<number> {
    const row = await this.db
      .selectFrom('timeline_events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('incident_id', '=', incidentId)
      .$if(!options.includeDeleted, (qb) => qb.where('deleted', '=', 0))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async adoptChannel(channelId: string, incidentId: number): Promise<number> {
    const result = await this.db
      .updateTable('timeline_events')
      .set({ incident_id: incidentId })
      .where('channel_id', '=', channelId)
      .where('incident_id', 'is', null)
      .executeTakeFirst();
    return affected(result);
  }
}
