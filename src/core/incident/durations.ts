/** Elapsed times of an incident (MTTx inputs), in milliseconds. */
import type { Durations } from './api.js';
import type { Incident } from './model.js';

const between = (from: Date | null, to: Date | null): number | null => (from && to ? to.getTime() - from.getTime() : null);

/**
 * Time to detect runs from the start of impact to the declaration; time to mitigate and to resolve run
 * from the start of impact when it is known, from the declaration otherwise.
 */
export function computeDurations(incident: Incident, now: Date): Durations {
  const origin = incident.startedAt ?? incident.declaredAt;
  return {
    toDetect: between(incident.startedAt, incident.declaredAt),
    toMitigate: between(origin, incident.mitigatedAt),
    toResolve: between(origin, incident.resolvedAt),
    sinceDeclared: now.getTime() - incident.declaredAt.getTime(),
  };
}
