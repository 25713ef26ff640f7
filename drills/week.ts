/**
 * Drill 3: a simulated week of status-update reminders and daily reviews while the replicas are killed, stopped and
 * restarted. Both replicas read one fast clock (drills/support/warp-clock.ts, 10,080× the wall clock). Promise: each
 * reminder and each review fires exactly once — none twice (two replicas, a lease taken over), none lost (restarts).
 */
import { Cron } from 'croner';
import { Checks, sleep, type DrillResult } from './support/drill.js';
import { parseWarp, simulatedAt, warpSpec } from './support/warp-clock.js';
import { startWorld, type WorldOptions } from './support/world.js';

const SPEED = 10_080; // a week in a minute
const WEEK_MS = 7 * 24 * 3_600_000;
const REVIEW_CRON = '0 9 * * *';
const REMINDER = /^Status update (due|overdue|still missing) for /;

export async function weekDrill(options: Omit<WorldOptions, 'name'>): Promise<DrillResult> {
  const started = Date.now();
  const checks = new Checks();
  const clockSpec = warpSpec(new Date('2026-01-05T00:00:00Z'), SPEED);
  const warp = parseWarp(clockSpec);
  const world = await startWorld({
    ...options,
    name: 'week',
    env: { DRILL_CLOCK: clockSpec },
    config: (channels) => ({
      incidents: { reminder_repeat_minutes: 240 },
      review: { channel: channels.reliability, cron: REVIEW_CRON },
      // Simulated milliseconds: an hour's lease is a third of a second of wall time here.
      jobs: { poll_interval_ms: 250, lease_ms: 3_600_000 },
    }),
  });
  try {
    const room = await world.declare('Week drill');
    const weekStart = simulatedAt(warp, Date.now());
    const [a, b] = world.replicas;
    const restarts: [number, () => Promise<void>][] = [
      [8, () => a.crash()], [10, () => a.start()],
      [18, () => b.stop()], [20, () => b.start()],
      [29, () => b.crash()], [31, () => b.start()],
      [40, () => a.stop()], [42, () => a.start()],
      [50, () => a.crash()], [51, () => a.start()],
    ];
    const wallStart = Date.now();
    for (const [at, action] of restarts) {
      await sleep(Math.max(0, wallStart + at * 1_000 - Date.now()));
      await action();
    }
    await sleep(Math.max(0, weekStart + WEEK_MS - simulatedAt(warp, Date.now())) / SPEED);
    for (const r of world.replicas) await r.stop();
    const weekEnd = simulatedAt(warp, Date.now());

    const botPosts = (channel: string) => (world.fake.workspace.channel(channel)?.messages ?? []).filter((m) => m.user === world.fake.workspace.bot.id);
    const reminders = botPosts(room).filter((m) => REMINDER.test(m.text)).length;
    const reviews = botPosts(world.channels.reliability).length;
    const jobs = async (kind: string) =>
      (await world.db.query<{ status: string; attempts: number; run_at: string }>('select status, attempts, run_at from jobs where kind = $1', [kind])).rows;
    const reminderJobs = await jobs('incident.reminder');
    const reviewJobs = await jobs('followup.weekly-review');
    const done = (rows: { status: string }[]) => rows.filter((r) => r.status === 'done').length;
    const rerun = (rows: { attempts: number }[]) => rows.filter((r) => r.attempts > 1).length;
    // Reviews count from the clock's origin: the replicas run (and review) while the war room is being opened.
    const occurrences = new Cron(REVIEW_CRON, { timezone: 'UTC' }).nextRuns(20, new Date(warp.simulatedStart)).map((t) => t.getTime());
    // Reviews due an hour before the end must have run; one due in the final hour may or may not have yet.
    const dueReviews = occurrences.filter((t) => t <= weekEnd - 3_600_000).length;
    const dueByEnd = occurrences.filter((t) => t <= weekEnd).length;
    const overdueReminders = reminderJobs.filter((r) => r.status === 'pending' && Number(r.run_at) < weekEnd - 3_600_000).length;

    checks.equal(reminders, done(reminderJobs), 'reminder posts vs reminder jobs done (a difference is a duplicate or a lost post)');
    checks.equal(overdueReminders, 0, 'reminders due more than an hour before the end and never run');
    // A sanity bound, not the exactly-once check (that is posts = jobs done, none overdue): one every 4 h is ~42 a week,
    // fewer by the time the war room took to open and the job still in flight at the end.
    checks.expect(done(reminderJobs) >= 36, `about 42 reminders in a week at one per 4 h (got ${done(reminderJobs)})`);
    checks.equal(reviews, done(reviewJobs), 'review posts vs review jobs done');
    checks.expect(done(reviewJobs) >= dueReviews && done(reviewJobs) <= dueByEnd, `reviews done ${done(reviewJobs)} for ${dueReviews}–${dueByEnd} due`);
    return {
      name: 'a simulated week with replicas restarting',
      figures: {
        'simulated days': ((weekEnd - weekStart) / 86_400_000).toFixed(1),
        restarts: restarts.length / 2,
        'reminders due': done(reminderJobs) + overdueReminders,
        'reminders posted': reminders,
        'reviews due': dueByEnd,
        'reviews posted': reviews,
        'jobs run twice': rerun(reminderJobs) + rerun(reviewJobs),
        duplicates: Math.max(0, reminders - done(reminderJobs)) + Math.max(0, reviews - done(reviewJobs)),
        lost: overdueReminders + Math.max(0, dueReviews - reviews),
      },
      failures: checks.failures,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world.close();
  }
}
