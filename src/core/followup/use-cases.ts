/** FollowupUseCases: the weekly review, `/incident actions` and `/incident stats`. */
import type { FollowupUseCases, ReviewItem, ReviewReport, ReviewSync } from './api.js';
import type { FollowupDeps } from './deps.js';
import { refreshFromGitHub } from './github-backstop.js';
import { incidentsById } from './incident-lookup.js';
import { buildReport, UNASSIGNED } from './report.js';
import { computeStats } from './stats.js';

export function createFollowupUseCases(deps: FollowupDeps): FollowupUseCases {
  const { store, clock, settings } = deps;

  async function report(filter: { ownerSlackId?: string; service?: string }, refresh: boolean): Promise<ReviewReport> {
    const now = clock.now();
    let items = await store.actionItems.list(filter.ownerSlackId ? { ownerSlackId: filter.ownerSlackId } : {});
    let sync: ReviewSync | undefined;
    if (refresh) {
      const open = items.filter((i) => i.state === 'open');
      const refreshed = await refreshFromGitHub(deps, open);
      sync = refreshed.sync;
      const changed = new Map(refreshed.sync.closedOnGitHub.map((i) => [i.id, i]));
      items = items.map((i) => changed.get(i.id) ?? i);
    }
    const incidents = await incidentsById(store, items.map((i) => i.incidentId));
    if (filter.service) {
      const wanted = filter.service.toLowerCase();
      items = items.filter((i) => incidents.get(i.incidentId)?.service?.toLowerCase() === wanted);
    }
    return buildReport({ now, timeZone: settings.timeZone, targetPercent: settings.targetCompletionPercent, items, incidents, ...(sync ? { sync } : {}) });
  }

  async function directMessages(byOwner: Record<string, ReviewItem[]>): Promise<number> {
    let sent = 0;
    for (const [owner, items] of Object.entries(byOwner)) {
      if (owner === UNASSIGNED || items.length === 0) continue;
      try {
        await deps.chat.sendDirectMessage(owner, deps.views.ownerDigest(owner, items));
        sent++;
      } catch (err) {
        // One owner who cannot be reached must not cost the others their reminder.
        deps.logger.warn({ err, owner, items: items.length }, 'weekly review: could not send an owner their action items');
      }
    }
    return sent;
  }

  return {
    async weeklyReview() {
      const result = await report({}, true);
      let posted = false;
      if (settings.reliabilityChannel) {
        await deps.chat.postMessage(settings.reliabilityChannel, deps.views.weeklyDigest(result));
        posted = true;
      }
      const sent = await directMessages(result.byOwner);
      deps.logger.info({ overdue: result.overdue.length, open: Object.values(result.byOwner).flat().length, posted, directMessages: sent, source: result.sync?.source }, 'weekly review done');
      return { report: result, posted, directMessages: sent };
    },
    // On demand the store answers alone: the webhook keeps it current, and a full search takes a minute at GitHub's pace.
    actions: (filter) => report(filter, false),
    stats: (since) => computeStats(store, since, clock.now()),
  };
}
