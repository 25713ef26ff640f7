/** Incidents as the follow-up needs them: titles and services of items, and every incident declared since a date. */
import type { Incident } from '../incident/model.js';
import type { Store } from '../ports.js';

/** Loads each distinct incident once. */
export async function incidentsById(store: Store, ids: Iterable<number>): Promise<Map<number, Incident>> {
  const map = new Map<number, Incident>();
  for (const id of new Set(ids)) {
    const incident = await store.incidents.get(id);
    if (incident) map.set(id, incident);
  }
  return map;
}

/** Every incident declared at or after `since`, in any state, oldest first. */
export function incidentsDeclaredSince(store: Store, since: Date): Promise<Incident[]> {
  return store.incidents.listDeclaredSince(since);
}
