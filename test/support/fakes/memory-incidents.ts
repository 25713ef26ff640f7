/** In-memory IncidentRepository with the real one's behaviour: copies in and out, CONFLICT on a taken channel, INCIDENT_NOT_FOUND on update. */
import { DomainError } from '../../../src/core/errors.js';
import type { Incident, IncidentPatch, IncidentState, NewIncident } from '../../../src/core/incident/model.js';
import { OPEN_STATES } from '../../../src/core/incident/model.js';
import type { Clock, IncidentRepository } from '../../../src/core/ports.js';
import { createInProcessDeclarationLock } from '../../../src/store/declaration-lock.js';

export interface MemoryIncidentRepository extends IncidentRepository {
  all(): Incident[];
}

export function createMemoryIncidentRepository(clock: Clock): MemoryIncidentRepository {
  const rows = new Map<number, Incident>();
  let nextId = 1;
  const copy = (incident: Incident): Incident => structuredClone(incident);
  // The SQLite store's lock; use-case instances sharing this repository stand for replicas sharing a database.
  const declarationLock = createInProcessDeclarationLock();

  function assertChannelFree(channelId: string | null | undefined, id: number | null): void {
    if (!channelId) return;
    for (const row of rows.values()) {
      if (row.channelId === channelId && row.id !== id) throw new DomainError('CONFLICT', `Channel ${channelId} already belongs to another incident.`, { channelId });
    }
  }

  function insert(incident: NewIncident): Incident {
    assertChannelFree(incident.channelId, null);
    const row: Incident = { ...structuredClone(incident), id: nextId++, updatedAt: clock.now() };
    rows.set(row.id, row);
    return copy(row);
  }

  /** The newest incident with this key declared at or after `since`, in one of `states` (null: any state). */
  function newest(dedupeKey: string, since: Date, states: readonly IncidentState[] | null): Incident | undefined {
    const matches = [...rows.values()].filter(
      (r) => r.dedupeKey === dedupeKey && r.declaredAt.getTime() >= since.getTime() && (states === null || states.includes(r.state)),
    );
    return matches.sort((a, b) => b.declaredAt.getTime() - a.declaredAt.getTime() || b.id - a.id)[0];
  }

  return {
    async create(incident: NewIncident) {
      return insert(incident);
    },
    async get(id) {
      const row = rows.get(id);
      return row ? copy(row) : null;
    },
    async findByChannel(channelId) {
      const row = [...rows.values()].find((r) => r.channelId === channelId);
      return row ? copy(row) : null;
    },
    // No await between the lookup and the insert: atomic, as the SQL stores' locked version is.
    async createUnlessRecent(incident, resume) {
      const earlier = newest(incident.dedupeKey, resume.since, resume.states);
      if (earlier) return { incident: copy(earlier), created: false };
      return { incident: insert(incident), created: true };
    },
    withDeclarationLock: (incidentId, work) => declarationLock(incidentId, work),
    async findByDedupeKey(dedupeKey, since) {
      const latest = newest(dedupeKey, since, null);
      return latest ? copy(latest) : null;
    },
    async update(id, patch: IncidentPatch) {
      const row = rows.get(id);
      if (!row) throw new DomainError('INCIDENT_NOT_FOUND', `Incident #${id} does not exist.`, { id });
      assertChannelFree(patch.channelId, id);
      const defined = Object.fromEntries(Object.entries(structuredClone(patch)).filter(([, v]) => v !== undefined));
      const updated: Incident = { ...row, ...defined, updatedAt: clock.now() };
      rows.set(id, updated);
      return copy(updated);
    },
    async listDeclaredSince(since) {
      return [...rows.values()]
        .filter((r) => r.declaredAt.getTime() >= since.getTime())
        .sort((a, b) => a.declaredAt.getTime() - b.declaredAt.getTime() || a.id - b.id)
        .map(copy);
    },
    async listOpen() {
      return [...rows.values()].filter((r) => OPEN_STATES.includes(r.state)).map(copy);
    },
    all: () => [...rows.values()].map(copy),
  };
}
