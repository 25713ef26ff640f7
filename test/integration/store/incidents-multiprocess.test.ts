/** Several processes (replicas) handling the same declaration at once: exactly one incident is created. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../support/store-fixtures.js';

const WORKER = fileURLToPath(new URL('./declare-worker.ts', import.meta.url));
const DECLARED_AT = new Date('2026-03-01T12:00:00.000Z');

interface Outcome {
  key: string;
  id: number;
  created: boolean;
}

function startWorker(databaseUrl: string, keys: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, databaseUrl, String(DECLARED_AT.getTime()), ...keys], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const lines = () => stdout.split('\n').filter(Boolean);
  const exited = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}: ${stderr}`)))),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (lines().includes('ready')) resolve();
    });
    exited.then(() => reject(new Error('worker exited before it was ready')), reject);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    ready,
    go: () => child.stdin.write('go\n'),
    outcome: async () => {
      await exited;
      return JSON.parse(lines().at(-1) ?? '[]') as Outcome[];
    },
  };
}

describeEachDialect('declaring across processes', (ctx) => {
  it('creates one incident per key when six processes declare the same 30 keys at once; the others resume it', async () => {
    const store = await ctx.fresh();
    const keys = Array.from({ length: 30 }, (_, i) => `U1:title-${String(i).padStart(2, '0')}`);
    const workers = Array.from({ length: 6 }, () => startWorker(ctx.urlOf(store), keys));
    await Promise.all(workers.map((w) => w.ready));
    for (const worker of workers) worker.go();
    const outcomes = (await Promise.all(workers.map((w) => w.outcome()))).flat();

    const rows = await store.db.selectFrom('incidents').select(['id', 'dedupe_key']).orderBy('dedupe_key').execute();
    expect(rows.map((r) => r.dedupe_key)).toEqual(keys);
    const idOf = new Map(rows.map((r) => [r.dedupe_key, Number(r.id)]));
    expect(outcomes).toHaveLength(6 * keys.length);
    expect(outcomes.filter((o) => o.id !== idOf.get(o.key))).toEqual([]);
    expect(outcomes.filter((o) => o.created).map((o) => o.key).sort()).toEqual(keys);
  }, 60_000);
});
