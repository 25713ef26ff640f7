/**
 * In-memory DeployCheckRepository with the real one's behaviour: copies in and out, one approval per user ordered by
 * time (then insertion), the first override wins, newest first by requestedAt then id, and the same CONFLICT error
 * for an unknown id.
 */
import type { DeployCheckRepository } from '../../../src/core/ports.js';
import type { DeployCheck, NewDeployCheck } from '../../../src/core/release/model.js';
import { checkNotFound } from '../../../src/store/deploy-check-repository.js';

export interface MemoryDeployCheckRepository extends DeployCheckRepository {
  /** Every stored check, in insertion order. */
  all(): DeployCheck[];
}

export function createMemoryDeployCheckRepository(): MemoryDeployCheckRepository {
  const rows = new Map<number, DeployCheck>();
  let nextId = 1;
  const copy = (check: DeployCheck): DeployCheck => structuredClone(check);

  function stored(id: number): DeployCheck {
    const row = rows.get(id);
    if (!row) throw checkNotFound(id);
    return row;
  }

  return {
    async create(check: NewDeployCheck) {
      const row: DeployCheck = { ...structuredClone(check), id: nextId++, approvals: [], override: null };
      rows.set(row.id, row);
      return copy(row);
    },
    async get(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    async addApproval(id, approval) {
      const row = stored(id);
      if (!row.approvals.some((a) => a.userId === approval.userId)) {
        // A stable sort keeps insertion order for approvals given in the same millisecond.
        row.approvals = [...row.approvals, structuredClone(approval)].sort((a, b) => a.at.getTime() - b.at.getTime());
      }
      return copy(row);
    },
    async setOverride(id, override) {
      const row = stored(id);
      row.override ??= structuredClone(override);
      return copy(row);
    },
    async listByService(service, limit) {
      if (!(limit > 0)) return [];
      return [...rows.values()]
        .filter((r) => r.service === service)
        .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime() || b.id - a.id)
        .slice(0, Math.floor(limit))
        .map(copy);
    },
    all: () => [...rows.values()].map(copy),
  };
}
