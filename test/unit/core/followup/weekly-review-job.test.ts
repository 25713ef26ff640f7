import { describe, expect, it } from 'vitest';
import { createWeeklyReviewHandler, scheduleNextWeeklyReview, WEEKLY_REVIEW_JOB_KIND } from '../../../../src/core/followup/index.js';
import { createJobRunner } from '../../../../src/core/jobs/job-runner.js';
import { createCronSchedule } from '../../../../src/jobs/cron-schedule.js';
import type { MemoryJobRepository } from '../../../support/fakes/index.js';
import { createFollowupHarness, newItem } from './followup-fixtures.js';

function setup() {
  const h = createFollowupHarness({ now: '2026-03-06T12:00:00Z' }); // a Friday
  const cron = createCronSchedule();
  const deps = { store: h.store, clock: h.clock, logger: h.logger, settings: h.settings, cron, followup: h.followup };
  const runner = (owner: string) =>
    createJobRunner({ jobs: h.store.jobs, clock: h.clock, logger: h.logger, owner, leaseMs: 5 * 60_000, handlers: { [WEEKLY_REVIEW_JOB_KIND]: createWeeklyReviewHandler(deps) } });
  return { h, deps, runner, jobs: h.store.jobs as MemoryJobRepository };
}

describe('weekly review job', () => {
  it('schedules the next Monday 09:00 in the team zone under one key per occurrence', async () => {
    const { deps, jobs } = setup();
    expect(await scheduleNextWeeklyReview(deps, deps.clock.now())).toBe(true);
    expect(await scheduleNextWeeklyReview(deps, deps.clock.now())).toBe(false); // a second replica at start-up
    const all = jobs.all();
    expect(all.map((j) => [j.kind, j.key, j.runAt.toISOString()])).toEqual([[WEEKLY_REVIEW_JOB_KIND, 'weekly-review:2026-03-09T08:00:00.000Z', '2026-03-09T08:00:00.000Z']]);
  });

  it('follows the zone across a daylight-saving change (Berlin, March 29)', async () => {
    const { deps } = setup();
    const next = deps.cron.nextRun('0 9 * * 1', 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'));
    expect(next?.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // 09:00 CEST
  });

  it('posts exactly one digest a week with two runners claiming at once and a restart in between', async () => {
    const { h, deps, runner, jobs } = setup();
    await h.store.actionItems.upsert(newItem());
    const a = runner('replica-a');
    const b = runner('replica-b');
    await Promise.all([scheduleNextWeeklyReview(deps, h.clock.now()), scheduleNextWeeklyReview(deps, h.clock.now())]);

    h.clock.set('2026-03-09T08:00:30Z');
    const ran = await Promise.all([a.runDue(), b.runDue()]);
    expect(ran.reduce((x, y) => x + y, 0)).toBe(1);
    expect(h.chat.callsTo('postMessage')).toHaveLength(1);

    // Restart: the runners stop, new ones start and schedule again at start-up.
    await Promise.all([a.stop(), b.stop()]);
    const c = runner('replica-c');
    const d = runner('replica-d');
    expect(await scheduleNextWeeklyReview(deps, h.clock.now())).toBe(false);
    await Promise.all([c.runDue(), d.runDue()]);
    expect(h.chat.callsTo('postMessage')).toHaveLength(1);

    h.clock.set('2026-03-16T08:01:00Z');
    await Promise.all([c.runDue(), d.runDue()]);
    expect(h.chat.callsTo('postMessage')).toHaveLength(2);
    expect(jobs.all().map((j) => [j.key, j.status])).toEqual([
      ['weekly-review:2026-03-09T08:00:00.000Z', 'done'],
      ['weekly-review:2026-03-16T08:00:00.000Z', 'done'],
      ['weekly-review:2026-03-23T08:00:00.000Z', 'pending'],
    ]);
  });

  it('does not post twice when a run that already posted is run again after its lease expired', async () => {
    const { h, deps, jobs } = setup();
    await scheduleNextWeeklyReview(deps, h.clock.now());
    h.clock.set('2026-03-09T08:00:30Z');
    const handler = createWeeklyReviewHandler(deps);
    const [job] = await jobs.claimDue(h.clock.now(), 'crashed', 60_000, 1);
    await handler(job!); // posted, then the process died before completing the job
    h.clock.advance({ minutes: 5 });
    const [again] = await jobs.claimDue(h.clock.now(), 'survivor', 60_000, 1);
    expect(again?.key).toBe(job?.key);
    await handler(again!);
    expect(h.chat.callsTo('postMessage')).toHaveLength(1);
  });

  it('lets a failed post be retried', async () => {
    const { h, deps, jobs } = setup();
    await scheduleNextWeeklyReview(deps, h.clock.now());
    h.clock.set('2026-03-09T08:00:30Z');
    const handler = createWeeklyReviewHandler(deps);
    h.chat.failOn('postMessage', 'ratelimited', { times: 1 });
    const [job] = await jobs.claimDue(h.clock.now(), 'a', 60_000, 1);
    await expect(handler(job!)).rejects.toThrow();
    await handler(job!);
    expect(h.chat.messagesIn('CRELIAB01')).toHaveLength(1);
  });
});
