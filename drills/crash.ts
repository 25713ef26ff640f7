/**
 * Drill 2: kill -9 of one replica in the middle of a burst of 1,000 timeline messages, sent to both replicas as a load
 * balancer would. Slack redelivers what was not acknowledged (here: to the replica that is still up, after a second).
 * Promise: every message acknowledged to Slack is stored, and the surviving replica keeps serving.
 */
import { Checks, inParallel, sleep, type DrillResult } from './support/drill.js';
import { storedMessages, startWorld, type WorldOptions } from './support/world.js';

const MESSAGES = 1_000;
const KILL_AFTER = 500;
const SLACK_RETRY_WAIT_MS = 1_000;

export async function crashDrill(options: Omit<WorldOptions, 'name'>): Promise<DrillResult> {
  const started = Date.now();
  const checks = new Checks();
  const world = await startWorld({ ...options, name: 'crash' });
  try {
    const room = await world.declare('Crash drill');
    const [a, b] = world.replicas;
    const ackedFirstTime = new Set<number>();
    const ackedAfterRetry = new Set<number>();
    let failedDeliveries = 0;
    let survivorErrors = 0;
    let maxDelayMs = 0;
    let sent = 0;
    let killed: Promise<void> | null = null;

    const events = Array.from({ length: MESSAGES }, (_, i) => world.messageEvent(room, `burst message ${i}`));
    await inParallel(events, 16, async (event, i) => {
      const firstSent = Date.now();
      sent += 1;
      if (sent === KILL_AFTER) killed = a.crash();
      let via: 0 | 1 = (i % 2) as 0 | 1;
      for (let attempt = 0; attempt < 5; attempt++) {
        const answer = await world.senders[via]
          .event(event, { eventId: `EvBURST${String(i).padStart(6, '0')}`, ...(attempt ? { retryNum: attempt, retryReason: 'http_timeout' } : {}) })
          .catch(() => ({ status: 0 }));
        if (answer.status === 200) {
          (attempt === 0 ? ackedFirstTime : ackedAfterRetry).add(i);
          maxDelayMs = Math.max(maxDelayMs, Date.now() - firstSent);
          return;
        }
        failedDeliveries += 1;
        if (via === 1) survivorErrors += 1;
        // Slack retries later; the load balancer sends the retry to a replica that answers.
        await sleep(SLACK_RETRY_WAIT_MS);
        via = a.running() ? via : 1;
      }
    });
    await killed;
    const stored = await storedMessages(world.db, room);
    const storedTs = stored.distinct;
    const tsOf = (i: number) => String(events[i]?.ts);
    const acked = [...ackedFirstTime, ...ackedAfterRetry];
    const lostAcked = acked.filter((i) => !storedTs.has(tsOf(i))).length;
    checks.expect(!a.running(), 'replica A was killed');
    checks.equal(lostAcked, 0, 'acknowledged messages missing from the timeline');
    checks.equal(stored.rows - storedTs.size, 0, 'duplicate timeline entries');
    checks.equal(survivorErrors, 0, 'requests the surviving replica failed');
    checks.equal(acked.length, MESSAGES, 'messages acknowledged in the end (first delivery or Slack\'s retry)');
    checks.expect((await b.readiness()) === 200, 'the surviving replica is ready');
    // The killed replica comes back and serves again.
    await a.start();
    const late = world.messageEvent(room, 'after the restart');
    checks.equal((await world.senders[0].event(late)).status, 200, 'the restarted replica acknowledges an event');
    return {
      name: 'kill -9 of one replica mid-burst',
      figures: {
        'events sent': MESSAGES,
        'acked first time': ackedFirstTime.size,
        'failed deliveries (killed replica)': failedDeliveries,
        'acked after Slack retry': ackedAfterRetry.size,
        stored: storedTs.size,
        duplicates: stored.rows - storedTs.size,
        'lost (acked, not stored)': lostAcked,
        'max delay': `${(maxDelayMs / 1000).toFixed(1)} s`,
      },
      failures: checks.failures,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world.close();
  }
}
