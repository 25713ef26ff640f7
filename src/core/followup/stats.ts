/** `/incident stats`: how fast incidents are detected, acknowledged, mitigated and resolved, and what recurs. */
import { computeDurations } from '../incident/durations.js';
import type { Incident, TimelineEvent } from '../incident/model.js';
import type { Store } from '../ports.js';
import type { DurationStats, StatsReport } from './api.js';
import { incidentsDeclaredSince } from './incident-lookup.js';

/** Median and p90 by nearest rank (the value at ceil(p·n)), over durations already known. */
export function durationStats(values: (number | null)[]): DurationStats {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  const rank = (p: number): number | null => (known.length ? (known[Math.max(0, Math.ceil(p * known.length) - 1)] ?? null) : null);
  return { count: known.length, median: rank(0.5), p90: rank(0.9) };
}

/** From the first page to its first acknowledgement: the recorded `afterMs`, else the gap between the two events. */
export function timeToAcknowledge(events: TimelineEvent[]): number | null {
  const ack = events.find((e) => e.kind === 'page_acknowledged' && !e.deleted);
  if (!ack) return null;
  if (typeof ack.data.afterMs === 'number') return ack.data.afterMs;
  const paged = events.find((e) => e.kind === 'paged' && e.occurredAt.getTime() <= ack.occurredAt.getTime());
  return paged ? ack.occurredAt.getTime() - paged.occurredAt.getTime() : null;
}

export function recurringRootCauses(causes: { service: string | null; category: string }[]): StatsReport['recurringRootCauses'] {
  const counts = new Map<string, { service: string; category: string; count: number }>();
  for (const { service, category } of causes) {
    if (!service) continue;
    const key = `${service}\u0000${category}`;
    const entry = counts.get(key) ?? { service, category, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].filter((c) => c.count > 1).sort((a, b) => b.count - a.count || a.service.localeCompare(b.service) || a.category.localeCompare(b.category));
}

export async function computeStats(store: Store, since: Date, now: Date): Promise<StatsReport> {
  const incidents = await incidentsDeclaredSince(store, since);
  const bySeverity: Record<string, number> = {};
  const acks: (number | null)[] = [];
  const causes: { service: string | null; category: string }[] = [];
  let closed = 0;
  let total = 0;
  for (const incident of incidents) {
    bySeverity[incident.severity] = (bySeverity[incident.severity] ?? 0) + 1;
    acks.push(timeToAcknowledge(await store.timeline.list(incident.id)));
    const items = await store.actionItems.listByIncident(incident.id);
    total += items.length;
    closed += items.filter((i) => i.state === 'closed').length;
    const postmortem = await store.postmortems.getByIncident(incident.id);
    if (postmortem) causes.push({ service: incident.service, category: postmortem.draft.rootCause.category });
  }
  const durations = incidents.map((i: Incident) => computeDurations(i, now));
  return {
    since,
    incidentsBySeverity: bySeverity,
    timeToDetect: durationStats(durations.map((d) => d.toDetect)),
    timeToAcknowledge: durationStats(acks),
    timeToMitigate: durationStats(durations.map((d) => d.toMitigate)),
    timeToResolve: durationStats(durations.map((d) => d.toResolve)),
    actionItems: { closed, total, percent: total ? Math.round((closed / total) * 1000) / 10 : null },
    recurringRootCauses: recurringRootCauses(causes),
  };
}
