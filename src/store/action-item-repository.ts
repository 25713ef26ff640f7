/**
 * ActionItemRepository on Kysely. Re-publishing upserts on (postmortem_id, key) in one statement, so a retry, or two
 * replicas publishing at once, leaves one row per item; the webhook finds an item by (repository, issue_number).
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors.js';
import type { ActionItemRepository, Clock } from '../core/ports.js';
import type { ActionItem, ActionItemPatch, NewActionItem } from '../core/postmortem/model.js';
import type { Database } from './db/schema.js';
import { actionItemFromRow, actionItemPatchToUpdate, actionItemToColumns } from './mapping/postmortem-row.js';
import { isForeignKeyViolation } from './postmortem-repository.js';
import { isUniqueViolation } from './db/sql-helpers.js';

export interface ActionItemQuery {
  state?: 'open' | 'closed';
  closedSince?: Date;
  ownerSlackId?: string;
  incidentIds?: number[];
}

export class KyselyActionItemRepository implements ActionItemRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async upsert(item: NewActionItem): Promise<ActionItem> {
    try {
      return await this.upsertOnce(item);
    } catch (err) {
      // Two replicas inserting the same item at once: PostgreSQL may report the (repository, issue_number) index
      // before it sees the (postmortem_id, key) conflict it was told to resolve. The row exists now: update it.
      if (!isUniqueViolation(err)) throw err;
      return this.upsertOnce(item);
    }
  }

  private async upsertOnce(item: NewActionItem): Promise<ActionItem> {
    const now = this.clock.now();
    const columns = actionItemToColumns(item, now);
    const row = await this.db
      .insertInto('action_items')
      .values({ ...columns, created_at: now.getTime() })
      .onConflict((oc) => oc.columns(['postmortem_id', 'key']).doUpdateSet(columns))
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isForeignKeyViolation(err)) {
          throw new DomainError('CONFLICT', `Postmortem #${item.postmortemId} of incident #${item.incidentId} does not exist; save the postmortem first.`, {
            postmortemId: item.postmortemId,
            reason: 'not_found',
          });
        }
        throw err;
      });
    return actionItemFromRow(row);
  }

  async update(id: number, patch: ActionItemPatch): Promise<ActionItem> {
    const row = await this.db
      .updateTable('action_items')
      .set({ ...actionItemPatchToUpdate(patch), updated_at: this.clock.now().getTime() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new DomainError('CONFLICT', `Action item #${id} does not exist.`, { id, reason: 'not_found' });
    return actionItemFromRow(row);
  }

  async get(id: number): Promise<ActionItem | null> {
    const row = await this.db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? actionItemFromRow(row) : null;
  }

  async listByIncident(incidentId: number): Promise<ActionItem[]> {
    const rows = await this.db.selectFrom('action_items').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute();
    return rows.map(actionItemFromRow);
  }

  async findByIssue(repository: string, issueNumber: number): Promise<ActionItem | null> {
    const row = await this.db
      .selectFrom('action_items')
      .selectAll()
      .where('repository', '=', repository)
      .where('issue_number', '=', issueNumber)
      .executeTakeFirst();
    return row ? actionItemFromRow(row) : null;
  }

  /**
   * One query whatever the size (the weekly review reads thousands). `closedSince` drops closed items closed before
   * it and keeps open ones (combine with state: 'closed' for "completed since"). Ordered by due date, then id.
   */
  async list(query: ActionItemQuery): Promise<ActionItem[]> {
    if (query.incidentIds !== undefined && query.incidentIds.length === 0) return [];
    let select = this.db.selectFrom('action_items').selectAll();
    if (query.state !== undefined) select = select.where('state', '=', query.state);
    if (query.ownerSlackId !== undefined) select = select.where('owner_slack_id', '=', query.ownerSlackId);
    if (query.incidentIds !== undefined) select = select.where('incident_id', 'in', [...new Set(query.incidentIds)]);
    const since = query.closedSince?.getTime();
    if (since !== undefined) select = select.where((eb) => eb.or([eb('state', '=', 'open'), eb('closed_at', '>=', since)]));
    const rows = await select.orderBy('due_date').orderBy('id').execute();
    return rows.map(actionItemFromRow);
  }
}
