/** The core's CronSchedule through croner (the core may not import it). */
import { Cron } from 'croner';
import type { CronSchedule } from '../core/followup/index.js';

export function createCronSchedule(): CronSchedule {
  return {
    nextRun(pattern, timeZone, after) {
      return new Cron(pattern, { timezone: timeZone, paused: true }).nextRun(after);
    },
  };
}
