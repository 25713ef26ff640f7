import { PEOPLE, freePort, SIGNING_SECRET, type Harness } from '../test/support/e2e-harness.js';
import { startBareBolt } from './bare-bolt.js';
import { runLoad } from './load.js';
import { ms, summary } from './stats.js';

const CONCURRENCY = 50;
const ROUNDS = 6;

/**
 * 50 concurrent `/incident` commands (declarations, the heaviest: each opens a war room after its ack),
 * against Warroom and against a bare Bolt app that only acks, in the same process and run.
 */
export async function benchAckLatency(h: Harness): Promise<Record<string, unknown>> {
  const port = await freePort();
  const bare = await startBareBolt({ port, signingSecret: SIGNING_SECRET, apiUrl: h.fake.apiUrl, token: h.fake.token });
  const users = Object.values(PEOPLE);
  const warroomMs: number[] = [];
  const bareMs: number[] = [];
  const burst = async (url: string, kind: string, round: number) => {
    const texts = Array.from({ length: CONCURRENCY }, (_, i) => `declare Bench ${kind} round ${round} number ${i} --sev SEV3`);
    const responseUrls = texts.map(() => h.fake.newResponseUrl());
    const result = await runLoad({ kind: 'commands', url, signingSecret: SIGNING_SECRET, texts, users, channelId: h.general, responseUrls });
    if (result.failed > 0) throw new Error(`${result.failed} commands were not acknowledged`);
    return result.latenciesMs;
  };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const bareRound = await burst(`http://127.0.0.1:${port}/slack/events`, 'bare', round);
      const warroomRound = await burst(`${h.url}/slack/events`, 'warroom', round);
      await h.settle();
      if (round > 0) {
        // round 0 warms up both
        bareMs.push(...bareRound);
        warroomMs.push(...warroomRound);
      }
    }
  } finally {
    await bare.stop();
  }
  const warroom = summary(warroomMs);
  const baseline = summary(bareMs);
  console.log(`ack latency, ${CONCURRENCY} concurrent /incident declare from a separate sender thread, ${ROUNDS - 1} rounds:`);
  console.log(`  warroom   p50 ${ms(warroom.p50)}  p99 ${ms(warroom.p99)}  max ${ms(warroom.max)}  (n=${warroom.n})`);
  console.log(`  bare bolt p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}  max ${ms(baseline.max)}`);
  console.log(`  p99 ratio warroom/bare: ${(warroom.p99 / baseline.p99).toFixed(2)} (goal ≤ 1.5; absolute goal p99 < 50 ms)`);
  return { warroom, bare: baseline, ratio: warroom.p99 / baseline.p99 };
}
