/** Several processes (replicas) claiming from one database: every job is claimed by exactly one of them. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/store-fixtures.js';

const WORKER = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
const NOW = new Date('2026-03-01T12:00:00.000Z');

function startWorker(databaseUrl: string, owner: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, databaseUrl, owner, String(NOW.getTime())], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = () => stdout.split('\n').filter(Boolean);
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${owner} exited with ${code}: ${stderr}`)))),
  );
  const ready = waitFor(child, () => lines().includes('ready'), exited);
  return {
    ready,
    go: () => child.stdin.write('go\n'),
    result: async () => {
      await exited;
      return JSON.parse(lines().at(-1) ?? '[]') as string[];
    },
  };
}

function waitFor(child: ChildProcessWithoutNullStreams, done: () => boolean, exited: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => done() && resolve();
    child.stdout.on('data', check);
    exited.then(() => reject(new Error('worker exited before it was ready')), reject);
  });
}

describeEachDialect('job claiming across processes', (ctx) => {
  it('gives each of 60 due jobs to exactly one of three processes claiming at once', async () => {
    const store = await ctx.fresh();
    const keys = Array.from({ length: 60 }, (_, i) => `job:${String(i).padStart(2, '0')}`);
    for (const [i, key] of keys.entries()) {
      await store.jobs.schedule({ kind: 'reminder', key, runAt: new Date(NOW.getTime() - i), payload: {} });
    }

    const workers = ['P1', 'P2', 'P3'].map((owner) => startWorker(ctx.urlOf(store), owner));
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const results = await Promise.all(workers.map((w) => w.result()));

    expect(results.flat().sort()).toEqual(keys);
    const rows = await store.db.selectFrom('jobs').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'running' && Number(r.attempts) === 1)).toBe(true);
  }, 60_000);
});
