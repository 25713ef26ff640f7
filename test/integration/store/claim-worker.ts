/**
 * A separate process claiming jobs, for jobs-multiprocess.test.ts (not a test file itself).
 * argv: <databaseUrl> <owner> <nowMs>. Prints "ready", waits for a line on stdin, claims until nothing is left,
 * prints the claimed keys as JSON.
 */
import { once } from 'node:events';
import { createStore } from '../../../src/store/index.js';

const [databaseUrl, owner, nowMs] = process.argv.slice(2);
if (!databaseUrl || !owner || !nowMs) throw new Error('usage: claim-worker <databaseUrl> <owner> <nowMs>');

const store = await createStore({ databaseUrl, migrate: false, poolMax: 2 });
try {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const claimed: string[] = [];
  for (;;) {
    const jobs = await store.jobs.claimDue(new Date(Number(nowMs)), owner, 60_000, 2);
    if (jobs.length === 0) break;
    claimed.push(...jobs.map((job) => job.key));
  }
  process.stdout.write(`${JSON.stringify(claimed)}\n`);
} finally {
  await store.close();
  process.stdin.destroy();
}
