/** In-memory MitigationRepository with the real one's behaviour: copies in and out, state-guarded transitions. */
import { DomainError } from '../../../src/core/errors.js';
import type { Mitigation, MitigationPatch, NewMitigation } from '../../../src/core/mitigation/model.js';
import type { MitigationRepository } from '../../../src/core/ports.js';

export interface MemoryMitigationRepository extends MitigationRepository {
  all(): Mitigation[];
}

export function createMemoryMitigationRepository(): MemoryMitigationRepository {
  const rows = new Map<number, Mitigation>();
  let nextId = 1;
  const copy = (m: Mitigation): Mitigation => structuredClone(m);
  const stored = (id: number): Mitigation => {
    const row = rows.get(id);
    if (!row) throw new DomainError('CONFLICT', `Mitigation #${id} does not exist.`, { id });
    return row;
  };
  const apply = (row: Mitigation, patch: MitigationPatch): Mitigation => {
    const next = { ...row, ...structuredClone(patch) };
    rows.set(row.id, next);
    return copy(next);
  };
  return {
    async create(m: NewMitigation) {
      const row: Mitigation = { ...structuredClone(m), id: nextId++ };
      rows.set(row.id, row);
      return copy(row);
    },
    async get(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    async transition(id, fromStates, patch) {
      const row = stored(id);
      return fromStates.includes(row.state) ? apply(row, patch) : null;
    },
    async update(id, patch) {
      return apply(stored(id), patch);
    },
    all: () => [...rows.values()].map(copy),
  };
}
