/**
 * MitigationRepository on Kysely. State changes that must happen once (confirm, start running, finish) go through
 * transition(): one guarded UPDATE, so two replicas handling the same button race inside the database, not in code.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.js';
import type { Mitigation, MitigationPatch, MitigationState, NewMitigation } from '../core/mitigation/model.js';
import type { Clock, MitigationRepository } from '../core/ports.js';
import type { Database } from './db/schema.js';
import { mitigationFromRow, mitigationPatchToUpdate, mitigationToInsert } from './mapping/mitigation-row.js';

export class KyselyMitigationRepository implements MitigationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(mitigation: NewMitigation): Promise<Mitigation> {
    const row = await this.db
      .insertInto('mitigations')
      .values(mitigationToInsert(mitigation, this.clock.now()))
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isForeignKeyViolation(err)) {
          throw new DomainError('INCIDENT_NOT_FOUND', `Incident #${mitigation.incidentId} does not exist.`, { id: mitigation.incidentId });
        }
        throw err;
      });
    return mitigationFromRow(row);
  }

  async get(id: number): Promise<Mitigation | null> {
    const row = await this.db.selectFrom('mitigations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? mitigationFromRow(row) : null;
  }

  /**
   * `UPDATE … WHERE id = ? AND state IN (…) RETURNING *`: PostgreSQL re-checks the WHERE clause after waiting for a
   * concurrent writer's row lock, and SQLite serialises writers, so of two racing transitions exactly one matches.
   */
  async transition(id: number, fromStates: MitigationState[], patch: MitigationPatch): Promise<Mitigation | null> {
    if (fromStates.length === 0) return null;
    const row = await this.db
      .updateTable('mitigations')
      .set({ ...mitigationPatchToUpdate(patch), updated_at: this.clock.now().getTime() })
      .where('id', '=', id)
      .where('state', 'in', fromStates)
      .returningAll()
      .executeTakeFirst();
    return row ? mitigationFromRow(row) : null;
  }

  async update(id: number, patch: MitigationPatch): Promise<Mitigation> {
    const row = await this.db
      .updateTable('mitigations')
      .set({ ...mitigationPatchToUpdate(patch), updated_at: this.clock.now().getTime() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw mitigationNotFound(id);
    return mitigationFromRow(row);
  }
}

/** No MITIGATION_NOT_FOUND code (errors.ts is a shared contract): CONFLICT, as for deploy checks. */
export function mitigationNotFound(id: number): DomainError {
  return new DomainError('CONFLICT', `Mitigation #${id} does not exist; run the command again for a new preview.`, { id, reason: 'not_found' });
}

function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
