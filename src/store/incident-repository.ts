/**
 * IncidentRepository on Kysely. createUnlessRecent() is the one check-then-insert that replicas race on (the same
 * declaration submitted twice, each copy reaching another replica), so it runs under a lock held in the database.
 * withDeclarationLock() then keeps those replicas from running the declaration's Slack steps side by side.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.js';
import { OPEN_STATES } from '../core/incident/model.js';
import type { Incident, IncidentPatch, NewIncident } from '../core/incident/model.js';
import type { Clock, IncidentRepository, ResumableDeclaration } from '../core/ports.js';
import type { Database, SqlDialect } from './db/schema.js';
import { isUniqueViolation } from './db/sql-helpers.js';
import { createDeclarationLock, type DeclarationLock, type DeclarationLockOptions } from './declaration-lock.js';
import { incidentFromRow, incidentPatchToUpdate, incidentToInsert } from './mapping/incident-row.js';

/**
 * First key of PostgreSQL's two-key advisory locks taken here. The two-key space never overlaps the one-key space
 * (Kysely's migration lock), and this class keeps dedupe locks apart from any other two-key lock.
 */
const DEDUPE_LOCK_CLASS = 0x77_72_64_6b; // "wrdk"

export class KyselyIncidentRepository implements IncidentRepository {
  private readonly declarationLock: DeclarationLock;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
    private readonly clock: Clock,
    declarationLock: DeclarationLockOptions = {},
  ) {
    this.declarationLock = createDeclarationLock(db, dialect, declarationLock);
  }

  withDeclarationLock<T>(incidentId: number, work: (lock: { acquired: boolean }) => Promise<T>): Promise<T> {
    return this.declarationLock(incidentId, work);
  }

  create(incident: NewIncident): Promise<Incident> {
    return this.insertWith(this.db, incident);
  }

  /**
   * PostgreSQL: a transaction-scoped advisory lock on the key's hash queues racers; each one's SELECT runs after the
   * previous holder committed, so it sees that row. (A hash collision only makes two unrelated declarations wait
   * for each other.) SQLite: BEGIN IMMEDIATE takes the database's single write lock before the SELECT, so another
   * process cannot insert in between (a plain BEGIN would read first and could fail to upgrade with SQLITE_BUSY).
   */
  createUnlessRecent(incident: NewIncident, resume: ResumableDeclaration): Promise<{ incident: Incident; created: boolean }> {
    if (this.dialect === 'sqlite') return this.inImmediateTransaction((db) => this.findOrInsert(db, incident, resume));
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(DEDUPE_LOCK_CLASS)}, hashtext(${incident.dedupeKey}))`.execute(trx);
      return this.findOrInsert(trx, incident, resume);
    });
  }

  private async findOrInsert(db: Kysely<Database>, incident: NewIncident, resume: ResumableDeclaration): Promise<{ incident: Incident; created: boolean }> {
    if (resume.states.length > 0) {
      const row = await db
        .selectFrom('incidents')
        .selectAll()
        .where('dedupe_key', '=', incident.dedupeKey)
        .where('declared_at', '>=', resume.since.getTime())
        .where('state', 'in', [...resume.states])
        .orderBy('declared_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (row) return { incident: incidentFromRow(row), created: false };
    }
    return { incident: await this.insertWith(db, incident), created: true };
  }

  /** Kysely's SQLite driver hands out its one connection to one user at a time, so nothing else runs inside. */
  private inImmediateTransaction<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (db) => {
      await sql`begin immediate`.execute(db);
      try {
        const result = await work(db);
        await sql`commit`.execute(db);
        return result;
      } catch (err) {
        await sql`rollback`.execute(db).catch(() => undefined);
        throw err;
      }
    });
  }

  private async insertWith(db: Kysely<Database>, incident: NewIncident): Promise<Incident> {
    const row = await db
      .insertInto('incidents')
      .values(incidentToInsert(incident, this.clock.now()))
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => rethrowChannelConflict(err, incident.channelId));
    return incidentFromRow(row);
  }

  async get(id: number): Promise<Incident | null> {
    const row = await this.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? incidentFromRow(row) : null;
  }

  async findByChannel(channelId: string): Promise<Incident | null> {
    const row = await this.db.selectFrom('incidents').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
    return row ? incidentFromRow(row) : null;
  }

  async findByDedupeKey(dedupeKey: string, since: Date): Promise<Incident | null> {
    const row = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('dedupe_key', '=', dedupeKey)
      .where('declared_at', '>=', since.getTime())
      .orderBy('declared_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? incidentFromRow(row) : null;
  }

  async update(id: number, patch: IncidentPatch): Promise<Incident> {
    const row = await this.db
      .updateTable('incidents')
      .set({ ...incidentPatchToUpdate(patch), updated_at: this.clock.now().getTime() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
      .catch((err: unknown) => rethrowChannelConflict(err, patch.channelId ?? null));
    if (!row) throw new DomainError('INCIDENT_NOT_FOUND', `Incident #${id} does not exist.`, { id });
    return incidentFromRow(row);
  }

  async listDeclaredSince(since: Date): Promise<Incident[]> {
    const rows = await this.db.selectFrom('incidents').selectAll().where('declared_at', '>=', since.getTime()).orderBy('declared_at').orderBy('id').execute();
    return rows.map(incidentFromRow);
  }

  async listOpen(): Promise<Incident[]> {
    const rows = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('state', 'in', [...OPEN_STATES])
      .orderBy('declared_at')
      .orderBy('id')
      .execute();
    return rows.map(incidentFromRow);
  }
}

function rethrowChannelConflict(err: unknown, channelId: string | null): never {
  if (channelId !== null && isUniqueViolation(err)) {
    throw new DomainError('CONFLICT', `Channel ${channelId} already belongs to another incident.`, { channelId });
  }
  throw err;
}
