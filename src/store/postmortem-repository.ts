/**
 * PostmortemRepository on Kysely. The draft is stored before anything is sent to GitHub, so a failed publish loses
 * nothing; saveDraft is one upsert on incident_id, so two replicas saving at once still leave one postmortem.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.js';
import type { Clock, PostmortemRepository } from '../core/ports.js';
import type { Postmortem, PostmortemDraft } from '../core/postmortem/model.js';
import type { Database } from './db/schema.js';
import { draftToJson, postmortemFromRow } from './mapping/postmortem-row.js';

export class KyselyPostmortemRepository implements PostmortemRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async getByIncident(incidentId: number): Promise<Postmortem | null> {
    const row = await this.db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    return row ? postmortemFromRow(row) : null;
  }

  /** Replaces the draft and who saved it; the publication columns (issue number, URL) are kept. */
  async saveDraft(incidentId: number, draft: PostmortemDraft, updatedBy: string): Promise<Postmortem> {
    const now = this.clock.now().getTime();
    const json = draftToJson(draft);
    const row = await this.db
      .insertInto('postmortems')
      .values({ incident_id: incidentId, draft: json, created_at: now, updated_at: now, updated_by: updatedBy })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet({ draft: json, updated_at: now, updated_by: updatedBy }))
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isForeignKeyViolation(err)) throw new DomainError('INCIDENT_NOT_FOUND', `Incident #${incidentId} does not exist.`, { id: incidentId });
        throw err;
      });
    return postmortemFromRow(row);
  }

  async markPublished(id: number, published: { repository: string; issueNumber: number; issueUrl: string; at: Date }): Promise<Postmortem> {
    const row = await this.db
      .updateTable('postmortems')
      .set({
        repository: published.repository,
        issue_number: published.issueNumber,
        issue_url: published.issueUrl,
        published_at: published.at.getTime(),
        updated_at: this.clock.now().getTime(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DomainError('CONFLICT', `Postmortem #${id} does not exist; open /incident postmortem again.`, { id, reason: 'not_found' });
    return postmortemFromRow(row);
  }
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
