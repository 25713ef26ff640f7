/** Read-only use cases: status, timeline pages, open incidents. */
import { DomainError } from '../errors.js';
import type { IncidentStatus, TimelinePage } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { computeDurations } from './durations.js';
import { requireByChannel } from './incident-context.js';
import { nextUpdateDue } from './reminders.js';
import { compareSeverity, policyOf } from './severity.js';

export const TIMELINE_PAGE_SIZE = 20;

export function createStatus(deps: IncidentDeps): (channelId: string) => Promise<IncidentStatus> {
  return async (channelId) => {
    const incident = await requireByChannel(deps, channelId);
    const policy = policyOf(deps.settings.severities, incident.severity);
    return {
      incident,
      policy,
      durations: computeDurations(incident, deps.clock.now()),
      nextUpdateDue: nextUpdateDue(incident, policy),
      lastUpdate: incident.lastUpdateAt ? { at: incident.lastUpdateAt, text: incident.lastUpdateText ?? '' } : null,
    };
  };
}

export function createTimelinePage(deps: IncidentDeps): (channelId: string, page: number) => Promise<TimelinePage> {
  return async (channelId, page) => {
    const incident = await requireByChannel(deps, channelId);
    const total = await deps.store.timeline.count(incident.id);
    const pageCount = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1 || page > pageCount) {
      const pages = pageCount === 1 ? '1 page' : `${pageCount} pages`;
      throw new DomainError('BAD_INPUT', `There is no page ${page}: the timeline has ${pages} (${total} events). Use a page from 1 to ${pageCount}.`, {
        field: 'page',
        pageCount,
      });
    }
    const events = await deps.store.timeline.list(incident.id, { limit: TIMELINE_PAGE_SIZE, offset: (page - 1) * TIMELINE_PAGE_SIZE });
    return { incident, events, page, pageCount, total };
  };
}

/** Most severe first, then oldest first. */
export function sortBySeverity(deps: Pick<IncidentDeps, 'settings'>, incidents: Incident[]): Incident[] {
  return [...incidents].sort(
    (a, b) => compareSeverity(deps.settings.severities, a.severity, b.severity) || a.declaredAt.getTime() - b.declaredAt.getTime() || a.id - b.id,
  );
}

export function createListOpen(deps: IncidentDeps): () => Promise<Incident[]> {
  return async () => sortBySeverity(deps, await deps.store.incidents.listOpen());
}
