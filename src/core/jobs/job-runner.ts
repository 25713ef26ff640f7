/**
 * Runs durable jobs: claims due ones under a lease (so each runs once across replicas), runs their handler,
 * completes them, or puts them back with exponential backoff. The JobRepository has no "failed" state, so a
 * job that keeps failing (or has no handler) is parked: put back far in the future, with the error recorded and logged.
 */
import { describeError } from '../errors.js';
import type { Clock, Job, JobRepository, Logger } from '../ports.js';

export type JobHandler = (job: Job) => Promise<void>;

export interface JobRunnerOptions {
  jobs: JobRepository;
  clock: Clock;
  logger: Logger;
  /** Identifies this process in leases, e.g. hostname + pid. */
  owner: string;
  leaseMs: number;
  handlers: Record<string, JobHandler>;
  batchSize?: number;
  /** Runs of one job before it is parked; default 5. */
  maxAttempts?: number;
  /** Delay before the first retry, doubled each time up to `maxBackoffMs`; defaults 30 s and 15 min. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Observes each run (metrics): how it ended and how late it started. */
  onRun?: (job: Job, outcome: JobOutcome, lagMs: number) => void;
}

export type JobOutcome = 'ok' | 'retry' | 'parked';

export interface JobRunner {
  /** Claims and runs the jobs due now; returns how many ran. */
  runDue(): Promise<number>;
  /** Polls every `intervalMs` (the clock decides what is due). */
  start(intervalMs: number): void;
  /** Stops polling, lets the running job finish, and hands back the leases of claimed jobs not started. */
  stop(): Promise<void>;
}

/** Far enough to mean "never" yet within every store's timestamp range. */
export const PARKED_FOR_MS = 10 * 365 * 24 * 60 * 60 * 1000;

export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { jobs, clock, logger, owner, leaseMs, handlers } = options;
  const batchSize = options.batchSize ?? 10;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseBackoffMs = options.baseBackoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  let draining = false;
  let started = false;
  let current: Promise<number> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function park(job: Job, error: string, why: string): Promise<void> {
    logger.error({ jobId: job.id, kind: job.kind, key: job.key, attempts: job.attempts, error }, why);
    await jobs.fail(job.id, owner, error, new Date(clock.now().getTime() + PARKED_FOR_MS));
  }

  async function runOne(job: Job): Promise<void> {
    const lagMs = clock.now().getTime() - job.runAt.getTime();
    const outcome = await runHandler(job);
    options.onRun?.(job, outcome, lagMs);
  }

  async function runHandler(job: Job): Promise<JobOutcome> {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    if (!handler) {
      await park(job, `no handler for job kind "${job.kind}"`, 'job kind has no handler; parked');
      return 'parked';
    }
    try {
      await handler(job);
    } catch (err) {
      const error = describeError(err);
      // The store counts the run being made when it claims the job; at least this one has happened.
      const attempt = Math.max(1, job.attempts);
      if (attempt >= maxAttempts) {
        await park(job, error, `job failed ${attempt} times; parked`);
        return 'parked';
      }
      const delay = backoffDelay(attempt, baseBackoffMs, maxBackoffMs);
      logger.warn({ jobId: job.id, kind: job.kind, key: job.key, attempt, retryInMs: delay, err }, 'job failed; will retry');
      await jobs.fail(job.id, owner, error, new Date(clock.now().getTime() + delay));
      return 'retry';
    }
    await jobs.complete(job.id, owner);
    return 'ok';
  }

  async function runBatch(): Promise<number> {
    const claimed = await jobs.claimDue(clock.now(), owner, leaseMs, batchSize);
    let ran = 0;
    for (const job of claimed) {
      if (draining) break; // stop() releases the leases of the rest
      try {
        await runOne(job);
      } catch (err) {
        // Completing or failing the job failed (store down): its lease expires and it runs again.
        logger.error({ err, jobId: job.id, kind: job.kind }, 'could not record the outcome of a job');
      }
      ran++;
    }
    return ran;
  }

  function runDue(): Promise<number> {
    if (draining) return Promise.resolve(0);
    if (current) return current; // one batch at a time per runner
    const batch = runBatch().finally(() => {
      current = null;
    });
    current = batch;
    return batch;
  }

  function schedule(intervalMs: number): void {
    timer = setTimeout(() => {
      timer = null;
      runDue()
        .catch((err: unknown) => logger.error({ err }, 'job batch failed'))
        .finally(() => {
          if (!draining) schedule(intervalMs);
        });
    }, intervalMs);
  }

  return {
    runDue,
    start(intervalMs) {
      if (started) return;
      started = true;
      draining = false;
      schedule(intervalMs);
    },
    async stop() {
      started = false;
      draining = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current?.catch(() => undefined);
      const released = await jobs.releaseLeases(owner);
      logger.info({ owner, released }, 'job runner stopped');
    },
  };
}
