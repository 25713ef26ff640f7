/** IncidentRepository on Kysely. */
import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.js';
import { OPEN_STATES } from '../core/incident/model.js';
import type { Incident, IncidentPatch, NewIncident } from '../core/incident/model.js';
import type { Clock, IncidentRepository } from '../core/ports.js';
import type { Database } from './db/schema.js';
import { isUniqueViolation } from './db/sql-helpers.js';
import { incidentFromRow, incidentPatchToUpdate, incidentToInsert } from './mapping/incident-row.js';

export class KyselyIncidentRepository implements IncidentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(incident: NewIncident): Promise<Incident> {
    const row = await this.db
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
