/**
 * The weekly review as a durable job. Each occurrence of the cron has its own key, so replicas and restarts that
 * schedule it again add nothing; the runner's lease runs it once. A ledger entry per occurrence (the inbound
 * events table) keeps a job that is re-run after a crash from posting the digest a second time.
 */
import type { Job } from '../ports.js';
import type { FollowupUseCases } from './api.js';
import type { FollowupDeps } from './deps.js';

export const WEEKLY_REVIEW_JOB_KIND = 'followup.weekly-review';
export const WEEKLY_REVIEW_KEY_PREFIX = 'weekly-review:';
const LEDGER_SOURCE = 'followup.weekly-review';

/** The next run of a cron pattern in a time zone, strictly after `after` (croner outside the core). */
export interface CronSchedule {
  nextRun(pattern: string, timeZone: string, after: Date): Date | null;
}

export type WeeklyReviewJobDeps = Pick<FollowupDeps, 'store' | 'clock' | 'logger' | 'settings'> & {
  cron: CronSchedule;
  followup: FollowupUseCases;
};

export const weeklyReviewKey = (occurrence: Date): string => `${WEEKLY_REVIEW_KEY_PREFIX}${occurrence.toISOString()}`;

/** Schedules the first occurrence after `after`; false when it was already scheduled (or the cron never fires). */
export async function scheduleNextWeeklyReview(deps: Pick<WeeklyReviewJobDeps, 'store' | 'settings' | 'cron' | 'logger'>, after: Date): Promise<boolean> {
  const { reviewCron, timeZone } = deps.settings;
  const next = deps.cron.nextRun(reviewCron, timeZone, after);
  if (!next) {
    deps.logger.warn({ reviewCron, timeZone }, 'weekly review cron has no next run; not scheduled');
    return false;
  }
  const key = weeklyReviewKey(next);
  const scheduled = await deps.store.jobs.schedule({ kind: WEEKLY_REVIEW_JOB_KIND, key, runAt: next, payload: { occurrence: next.toISOString() } });
  if (scheduled) deps.logger.info({ key, runAt: next.toISOString() }, 'weekly review scheduled');
  return scheduled;
}

export function createWeeklyReviewHandler(deps: WeeklyReviewJobDeps): (job: Job) => Promise<void> {
  const { store, clock, logger } = deps;
  return async (job) => {
    const fresh = await store.inbound.recordOnce(LEDGER_SOURCE, job.key, clock.now());
    if (fresh) {
      try {
        await deps.followup.weeklyReview();
      } catch (err) {
        // Nothing was posted to the channel: let the retry post it.
        await store.inbound.forget(LEDGER_SOURCE, job.key);
        throw err;
      }
    } else {
      logger.warn({ key: job.key }, 'weekly review already posted for this occurrence; not posting again');
    }
    // After "now", not after the occurrence: a review run late (downtime) does not replay missed weeks.
    const after = new Date(Math.max(clock.now().getTime(), job.runAt.getTime()));
    await scheduleNextWeeklyReview(deps, after);
  };
}
