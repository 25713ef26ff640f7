/**
 * In-memory JobRepository with the SQL one's semantics: a key is unique in any state, claiming takes due
 * pending jobs and running jobs whose lease expired (counting the attempt), leases are per owner.
 */
import type { Job, JobRepository } from '../../../src/core/ports.js';

export type JobStatus = 'pending' | 'running' | 'done' | 'cancelled';

export interface StoredJob extends Job {
  status: JobStatus;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
}

export interface MemoryJobRepository extends JobRepository {
  all(): StoredJob[];
  byKey(key: string): StoredJob | undefined;
}

export function createMemoryJobRepository(): MemoryJobRepository {
  const jobs: StoredJob[] = [];
  let nextId = 1;
  const copyJob = (job: StoredJob): Job => ({ id: job.id, kind: job.kind, key: job.key, runAt: new Date(job.runAt), payload: structuredClone(job.payload), attempts: job.attempts });
  const snapshot = (job: StoredJob): StoredJob => structuredClone(job);
  const held = (id: number, owner: string) => jobs.find((j) => j.id === id && j.status === 'running' && j.leaseOwner === owner);

  return {
    async schedule(input) {
      if (jobs.some((j) => j.key === input.key)) return false;
      jobs.push({
        id: nextId++,
        kind: input.kind,
        key: input.key,
        runAt: new Date(input.runAt),
        payload: structuredClone(input.payload),
        attempts: 0,
        status: 'pending',
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
      });
      return true;
    },
    async claimDue(now, owner, leaseMs, limit) {
      const due = jobs
        .filter(
          (j) =>
            (j.status === 'pending' && j.runAt.getTime() <= now.getTime()) ||
            (j.status === 'running' && j.leaseUntil !== null && j.leaseUntil.getTime() < now.getTime()),
        )
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id)
        .slice(0, limit);
      for (const job of due) {
        job.status = 'running';
        job.leaseOwner = owner;
        job.leaseUntil = new Date(now.getTime() + leaseMs);
        job.attempts += 1;
      }
      return due.map(copyJob);
    },
    async complete(id, owner) {
      const job = held(id, owner);
      if (!job) return;
      job.status = 'done';
      job.leaseOwner = null;
      job.leaseUntil = null;
    },
    async fail(id, owner, error, retryAt) {
      const job = held(id, owner);
      if (!job) return;
      job.status = 'pending';
      job.runAt = new Date(retryAt);
      job.lastError = error;
      job.leaseOwner = null;
      job.leaseUntil = null;
    },
    async cancelPending(keyPrefix) {
      const pending = jobs.filter((j) => j.status === 'pending' && j.key.startsWith(keyPrefix));
      for (const job of pending) job.status = 'cancelled';
      return pending.length;
    },
    async listPending(keyPrefix) {
      return jobs
        .filter((j) => j.status === 'pending' && j.key.startsWith(keyPrefix))
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id)
        .map(copyJob);
    },
    async releaseLeases(owner) {
      const mine = jobs.filter((j) => j.status === 'running' && j.leaseOwner === owner);
      for (const job of mine) {
        job.status = 'pending';
        job.leaseOwner = null;
        job.leaseUntil = null;
      }
      return mine.length;
    },
    all: () => jobs.map(snapshot),
    byKey: (key) => {
      const job = jobs.find((j) => j.key === key);
      return job ? snapshot(job) : undefined;
    },
  };
}
