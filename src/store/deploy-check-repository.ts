/**
 * DeployCheckRepository on Kysely. A check is written once; afterwards only approvals are added (one per person,
 * idempotent under concurrency through a unique constraint) and at most one override is recorded (the first wins).
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../core/errors.js';
import type { Clock, DeployCheckRepository } from '../core/ports.js';
import type { Approval, DeployCheck, NewDeployCheck, Override } from '../core/release/model.js';
import type { Database, DeployCheckApprovalsTable } from './db/schema.js';
import { deployCheckFromRow, deployCheckToInsert } from './mapping/deploy-check-row.js';
import { toNumber } from './mapping/values.js';

export class KyselyDeployCheckRepository implements DeployCheckRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(check: NewDeployCheck): Promise<DeployCheck> {
    const row = await this.db
      .insertInto('deploy_checks')
      .values(deployCheckToInsert(check, this.clock.now()))
      .returningAll()
      .executeTakeFirstOrThrow();
    return deployCheckFromRow(row, []);
  }

  async get(id: number): Promise<DeployCheck | null> {
    const row = await this.db.selectFrom('deploy_checks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? deployCheckFromRow(row, await this.approvalRows([id])) : null;
  }

  /** A second approval by the same person stores nothing (ON CONFLICT DO NOTHING), even racing on another replica. */
  async addApproval(id: number, approval: Approval): Promise<DeployCheck> {
    await this.db
      .insertInto('deploy_check_approvals')
      .values({ check_id: id, user_id: approval.userId, at: approval.at.getTime() })
      .onConflict((oc) => oc.columns(['check_id', 'user_id']).doNothing())
      .execute()
      .catch((err: unknown) => {
        if (isForeignKeyViolation(err)) throw checkNotFound(id);
        throw err;
      });
    return this.getOrThrow(id);
  }

  /** Recorded once: the first override stands, a later one changes nothing and gets the check as it is. */
  async setOverride(id: number, override: Override): Promise<DeployCheck> {
    await this.db
      .updateTable('deploy_checks')
      .set({ override_user: override.userId, override_reason: override.reason, override_at: override.at.getTime() })
      .where('id', '=', id)
      .where('override_user', 'is', null)
      .execute();
    return this.getOrThrow(id);
  }

  async listByService(service: string, limit: number): Promise<DeployCheck[]> {
    if (!(limit > 0)) return [];
    const rows = await this.db
      .selectFrom('deploy_checks')
      .selectAll()
      .where('service', '=', service)
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.floor(limit))
      .execute();
    const byCheck = new Map<number, Selectable<DeployCheckApprovalsTable>[]>();
    for (const approval of await this.approvalRows(rows.map((row) => row.id))) {
      const id = toNumber(approval.check_id);
      byCheck.set(id, [...(byCheck.get(id) ?? []), approval]);
    }
    return rows.map((row) => deployCheckFromRow(row, byCheck.get(toNumber(row.id)) ?? []));
  }

  private async getOrThrow(id: number): Promise<DeployCheck> {
    const check = await this.get(id);
    if (!check) throw checkNotFound(id);
    return check;
  }

  /** Ordered by time, then insertion (the same millisecond). */
  private async approvalRows(checkIds: number[]): Promise<Selectable<DeployCheckApprovalsTable>[]> {
    if (checkIds.length === 0) return [];
    return this.db
      .selectFrom('deploy_check_approvals')
      .selectAll()
      .where('check_id', 'in', checkIds)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }
}

/**
 * There is no DEPLOY_CHECK_NOT_FOUND code (errors.ts is a shared contract): CONFLICT, because the caller acted on a
 * check (a button, a command) that the store does not hold, e.g. one pressed on a message from another installation.
 */
export function checkNotFound(id: number): DomainError {
  return new DomainError('CONFLICT', `Deploy check #${id} does not exist; run /deploy-check again.`, { id, reason: 'not_found' });
}

function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
