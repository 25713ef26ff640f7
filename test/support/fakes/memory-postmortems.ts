/** In-memory PostmortemRepository and ActionItemRepository, with the SQL ones' semantics (upsert on postmortem+key). */
import type { ActionItemRepository, Clock, PostmortemRepository } from '../../../src/core/ports.js';
import type { ActionItem, Postmortem } from '../../../src/core/postmortem/model.js';

export interface MemoryPostmortemRepository extends PostmortemRepository {
  all(): Postmortem[];
}
export interface MemoryActionItemRepository extends ActionItemRepository {
  all(): ActionItem[];
}

export function createMemoryPostmortemRepository(clock: Clock): MemoryPostmortemRepository {
  const rows: Postmortem[] = [];
  let nextId = 1;
  const find = (id: number): Postmortem => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`no postmortem ${id}`);
    return row;
  };
  return {
    all: () => structuredClone(rows),
    async getByIncident(incidentId) {
      const row = rows.find((r) => r.incidentId === incidentId);
      return row ? structuredClone(row) : null;
    },
    async saveDraft(incidentId, draft, updatedBy) {
      let row = rows.find((r) => r.incidentId === incidentId);
      if (!row) {
        row = { id: nextId++, incidentId, draft, repository: null, issueNumber: null, issueUrl: null, publishedAt: null, updatedAt: clock.now(), updatedBy };
        rows.push(row);
      }
      Object.assign(row, { draft: structuredClone(draft), updatedAt: clock.now(), updatedBy });
      return structuredClone(row);
    },
    async markPublished(id, published) {
      const row = find(id);
      Object.assign(row, { repository: published.repository, issueNumber: published.issueNumber, issueUrl: published.issueUrl, publishedAt: published.at, updatedAt: clock.now() });
      return structuredClone(row);
    },
  };
}

export function createMemoryActionItemRepository(clock: Clock): MemoryActionItemRepository {
  const rows: ActionItem[] = [];
  let nextId = 1;
  const find = (id: number): ActionItem => {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`no action item ${id}`);
    return row;
  };
  const copy = (row: ActionItem): ActionItem => structuredClone(row);
  return {
    all: () => rows.map(copy),
    async upsert(item) {
      const existing = rows.find((r) => r.postmortemId === item.postmortemId && r.key === item.key);
      if (existing) {
        Object.assign(existing, structuredClone(item), { updatedAt: clock.now() });
        return copy(existing);
      }
      const row: ActionItem = { ...structuredClone(item), id: nextId++, updatedAt: clock.now() };
      rows.push(row);
      return copy(row);
    },
    async update(id, patch) {
      const row = find(id);
      Object.assign(row, structuredClone(patch), { updatedAt: clock.now() });
      return copy(row);
    },
    async get(id) {
      const row = rows.find((r) => r.id === id);
      return row ? copy(row) : null;
    },
    async listByIncident(incidentId) {
      return rows.filter((r) => r.incidentId === incidentId).map(copy);
    },
    async findByIssue(repository, issueNumber) {
      const row = rows.find((r) => r.repository === repository && r.issueNumber === issueNumber);
      return row ? copy(row) : null;
    },
    async list(query) {
      return rows
        .filter((r) => !query.state || r.state === query.state)
        .filter((r) => !query.closedSince || (r.closedAt !== null && r.closedAt.getTime() >= query.closedSince.getTime()))
        .filter((r) => !query.ownerSlackId || r.ownerSlackId === query.ownerSlackId)
        .filter((r) => !query.incidentIds || query.incidentIds.includes(r.incidentId))
        .map(copy);
    },
  };
}

/** Both repositories, to spread into a memory store. */
export function createMemoryPostmortemRepositories(clock: Clock): { postmortems: MemoryPostmortemRepository; actionItems: MemoryActionItemRepository } {
  return { postmortems: createMemoryPostmortemRepository(clock), actionItems: createMemoryActionItemRepository(clock) };
}
