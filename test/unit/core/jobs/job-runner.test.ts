import { describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../../src/core/ports.js';
import { backoffDelay, createJobRunner, PARKED_FOR_MS, type JobHandler } from '../../../../src/core/jobs/job-runner.js';
import { createFakeClock, createMemoryJobRepository, createSilentLogger } from '../../../support/fakes/index.js';

function setup(handlers: Record<string, JobHandler>, options: { batchSize?: number; maxAttempts?: number } = {}) {
  const clock = createFakeClock('2026-03-02T14:00:00Z');
  const jobs = createMemoryJobRepository();
  const logger = createSilentLogger();
  const runner = createJobRunner({ jobs, clock, logger, owner: 'worker-a', leaseMs: 60_000, handlers, baseBackoffMs: 30_000, maxBackoffMs: 600_000, ...options });
  return { clock, jobs, logger, runner };
}

const schedule = (jobs: ReturnType<typeof createMemoryJobRepository>, key: string, runAt: string, kind = 'test.job') =>
  jobs.schedule({ kind, key, runAt: new Date(runAt), payload: { key } });

describe('job runner', () => {
  it('runs only due jobs and completes them', async () => {
    const seen: Job[] = [];
    const { jobs, runner, clock } = setup({ 'test.job': async (job) => void seen.push(job) });
    await schedule(jobs, 'a', '2026-03-02T13:59:00Z');
    await schedule(jobs, 'b', '2026-03-02T14:05:00Z');

    expect(await runner.runDue()).toBe(1);
    expect(seen.map((j) => j.payload)).toEqual([{ key: 'a' }]);
    expect(jobs.byKey('a')).toMatchObject({ status: 'done', leaseOwner: null });
    expect(jobs.byKey('b')).toMatchObject({ status: 'pending' });

    clock.advance({ minutes: 5 });
    expect(await runner.runDue()).toBe(1);
    expect(jobs.byKey('b')?.status).toBe('done');
    expect(await runner.runDue()).toBe(0);
  });

  it('retries a failing job with exponential backoff, then parks it', async () => {
    const handler = vi.fn(async () => {
      throw new Error('slack is down');
    });
    const { jobs, runner, clock, logger } = setup({ 'test.job': handler }, { maxAttempts: 3 });
    await schedule(jobs, 'a', '2026-03-02T14:00:00Z');

    await runner.runDue();
    expect(jobs.byKey('a')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'slack is down', runAt: new Date('2026-03-02T14:00:30Z') });
    expect(await runner.runDue()).toBe(0); // not due again before the backoff

    clock.set('2026-03-02T14:00:30Z');
    await runner.runDue();
    expect(jobs.byKey('a')).toMatchObject({ status: 'pending', attempts: 2, runAt: new Date('2026-03-02T14:01:30Z') });

    clock.set('2026-03-02T14:01:30Z');
    await runner.runDue();
    const parked = jobs.byKey('a')!;
    expect(parked.attempts).toBe(3);
    expect(parked.runAt.getTime()).toBe(clock.now().getTime() + PARKED_FOR_MS);
    expect(handler).toHaveBeenCalledTimes(3);
    expect(logger.messages('error')).toContain('job failed 3 times; parked');
  });

  it('doubles the delay up to the maximum', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('parks a job whose kind has no handler, loudly', async () => {
    const { jobs, runner, logger } = setup({});
    await schedule(jobs, 'x', '2026-03-02T14:00:00Z', 'mystery.kind');
    await runner.runDue();
    expect(jobs.byKey('x')).toMatchObject({ status: 'pending', lastError: 'no handler for job kind "mystery.kind"' });
    expect(logger.entries.find((e) => e.level === 'error')?.obj).toMatchObject({ kind: 'mystery.kind' });
  });

  it('runs each job once when two runners share the store', async () => {
    const runs: string[] = [];
    const { jobs, clock, logger } = setup({});
    const handlers = { 'test.job': async (job: Job) => void runs.push(String(job.payload.key)) };
    const a = createJobRunner({ jobs, clock, logger, owner: 'a', leaseMs: 60_000, handlers });
    const b = createJobRunner({ jobs, clock, logger, owner: 'b', leaseMs: 60_000, handlers });
    for (const key of ['1', '2', '3']) await schedule(jobs, key, '2026-03-02T13:00:00Z');
    await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
    expect(runs.sort()).toEqual(['1', '2', '3']);
  });

  it('re-runs a job whose lease expired (its runner died)', async () => {
    const { jobs, runner, clock } = setup({ 'test.job': async () => undefined });
    await schedule(jobs, 'a', '2026-03-02T14:00:00Z');
    await jobs.claimDue(clock.now(), 'dead-worker', 60_000, 10);
    clock.advance({ minutes: 1 });
    expect(await runner.runDue()).toBe(0); // the lease runs until the end of the minute
    clock.advance({ seconds: 1 });
    expect(await runner.runDue()).toBe(1);
    expect(jobs.byKey('a')?.status).toBe('done');
  });

  it('polls when started; stop waits for the running job and releases the leases of the rest', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const { jobs, runner } = setup({
      'test.job': async (job) => {
        started.push(job.key);
        if (job.key === 'first') await blocked;
      },
    });
    await schedule(jobs, 'first', '2026-03-02T13:00:00Z');
    await schedule(jobs, 'second', '2026-03-02T13:01:00Z');

    runner.start(1);
    await vi.waitFor(() => expect(started).toEqual(['first']));
    expect(jobs.byKey('second')).toMatchObject({ status: 'running', leaseOwner: 'worker-a' });

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(stopped).toBe(false); // still waiting for "first"
    release();
    await stopping;

    expect(started).toEqual(['first']);
    expect(jobs.byKey('first')?.status).toBe('done');
    expect(jobs.byKey('second')).toMatchObject({ status: 'pending', leaseOwner: null });
    expect(await runner.runDue()).toBe(0); // a stopped runner claims nothing
  });
});
