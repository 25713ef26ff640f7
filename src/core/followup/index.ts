/** The follow-up core's public surface. */
export type { FollowupUseCases, ReviewItem, ReviewReport, ReviewSync, StatsReport, DurationStats } from './api.js';
export { OPEN_ACTIONS_QUERY, type FollowupDeps } from './deps.js';
export { createFollowupUseCases } from './use-cases.js';
export {
  createWeeklyReviewHandler,
  scheduleNextWeeklyReview,
  weeklyReviewKey,
  WEEKLY_REVIEW_JOB_KIND,
  WEEKLY_REVIEW_KEY_PREFIX,
  type CronSchedule,
  type WeeklyReviewJobDeps,
} from './weekly-review-job.js';
export { buildReport, compareReviewItems, completionOf, reviewItem, UNASSIGNED } from './report.js';
export { durationStats, recurringRootCauses, timeToAcknowledge } from './stats.js';
export { addDays, daysBetween, localDate } from './local-dates.js';
