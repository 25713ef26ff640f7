/**
 * Drill 4: PostgreSQL restarted under load. Events keep arriving at both replicas; while the database is down the
 * bot cannot store them, so it must not acknowledge them (Slack redelivers), and /readyz must say not ready so the
 * load balancer and Kubernetes stop sending traffic. Promise: readiness false then true, nothing acknowledged lost.
 */
import type { PostgresServer } from '../test/support/postgres.js';
import { Checks, sleep, type DrillResult } from './support/drill.js';
import { storedMessages, startWorld, type WorldOptions } from './support/world.js';

const RATE_PER_SECOND = 20;
const RUN_SECONDS = 20;
const HALT_AT_SECONDS = 4;
const DOWN_SECONDS = 6;
const SLACK_RETRY_WAIT_MS = 1_000;
const SLACK_MAX_ATTEMPTS = 30;

interface Readiness {
  sawNotReady: boolean;
  readyAgainAt: number | null;
  notReadyAt: number | null;
}

export async function postgresRestartDrill(options: Omit<WorldOptions, 'name'> & { pgServer: PostgresServer }): Promise<DrillResult> {
  const started = Date.now();
  const checks = new Checks();
  const world = await startWorld({ ...options, name: 'postgres-restart' });
  try {
    const room = await world.declare('Database restart drill');
    const readiness: Readiness[] = world.replicas.map(() => ({ sawNotReady: false, readyAgainAt: null, notReadyAt: null }));
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        await Promise.all(
          world.replicas.map(async (r, i) => {
            const status = await r.readiness();
            const seen = readiness[i] as Readiness;
            if (status !== 200 && !seen.sawNotReady) Object.assign(seen, { sawNotReady: true, notReadyAt: Date.now() });
            if (status === 200 && seen.sawNotReady && seen.readyAgainAt === null) seen.readyAgainAt = Date.now();
          }),
        );
        await sleep(200);
      }
    })();

    const acked = new Set<number>();
    let refused = 0;
    let maxDelayMs = 0;
    const deliveries: Promise<void>[] = [];
    const events: Record<string, unknown>[] = [];
    const t0 = Date.now();
    let haltedAt = 0;
    let resumedAt = 0;
    const outage = (async () => {
      await sleep(HALT_AT_SECONDS * 1_000);
      haltedAt = Date.now();
      await options.pgServer.halt();
      await sleep(DOWN_SECONDS * 1_000);
      await options.pgServer.resume();
      resumedAt = Date.now();
    })();
    for (let i = 0; Date.now() - t0 < RUN_SECONDS * 1_000; i++) {
      const event = world.messageEvent(room, `steady message ${i}`);
      events.push(event);
      deliveries.push(
        (async () => {
          const firstSent = Date.now();
          for (let attempt = 0; attempt < SLACK_MAX_ATTEMPTS; attempt++) {
            const via = ((i + attempt) % 2) as 0 | 1;
            const answer = await world.senders[via]
              .event(event, { eventId: `EvPG${String(i).padStart(6, '0')}`, ...(attempt ? { retryNum: attempt, retryReason: 'http_error' } : {}) })
              .catch(() => ({ status: 0 }));
            if (answer.status === 200) {
              acked.add(i);
              maxDelayMs = Math.max(maxDelayMs, Date.now() - firstSent);
              return;
            }
            refused += 1;
            await sleep(SLACK_RETRY_WAIT_MS);
          }
        })(),
      );
      await sleep(1_000 / RATE_PER_SECOND);
    }
    await outage;
    await Promise.all(deliveries);
    await sleep(1_000);
    watching = false;
    await watcher;

    const stored = await storedMessages(world.db, room);
    const lostAcked = [...acked].filter((i) => !stored.distinct.has(String(events[i]?.ts))).length;
    readiness.forEach((r, i) => {
      checks.expect(r.sawNotReady, `replica ${i === 0 ? 'A' : 'B'} reported not ready while PostgreSQL was down`);
      checks.expect(r.readyAgainAt !== null, `replica ${i === 0 ? 'A' : 'B'} became ready again after the restart`);
    });
    checks.equal(lostAcked, 0, 'acknowledged messages missing from the timeline');
    checks.equal(stored.rows - stored.distinct.size, 0, 'duplicate timeline entries');
    checks.equal(acked.size, events.length, 'messages acknowledged in the end (Slack retries until the database is back)');
    const readyAgain = Math.max(...readiness.map((r) => r.readyAgainAt ?? Number.NaN));
    return {
      name: 'PostgreSQL restarted mid-run',
      figures: {
        'events sent': events.length,
        'refused while down (redelivered)': refused,
        acked: acked.size,
        stored: stored.distinct.size,
        duplicates: stored.rows - stored.distinct.size,
        'lost (acked, not stored)': lostAcked,
        'database down': `${((resumedAt - haltedAt) / 1000).toFixed(1)} s`,
        'ready again after restart': `${(Math.max(0, readyAgain - resumedAt) / 1000).toFixed(1)} s`,
        'max delay': `${(maxDelayMs / 1000).toFixed(1)} s`,
      },
      failures: checks.failures,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await world.close();
  }
}
