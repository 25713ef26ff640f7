import { PEOPLE, freePort, SIGNING_SECRET, type Harness } from '../test/support/e2e-harness.js';
import { createSlackRequester } from '../test/support/slack-requests.js';
import { startBareBolt } from './bare-bolt.js';
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
  const bareSlack = createSlackRequester({ url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SIGNING_SECRET, newResponseUrl: () => h.fake.newResponseUrl() });
  const users = Object.values(PEOPLE);
  const warroomMs: number[] = [];
  const bareMs: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const burst = (requester: typeof bareSlack, sink: number[], kind: string) =>
        Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, i) => {
            const result = await requester.slashCommand({ text: `declare Bench ${kind} round ${round} number ${i} --sev SEV3`, userId: users[i % users.length] as string, channelId: h.general });
            if (result.status !== 200) throw new Error(`status ${result.status}`);
            if (round > 0) sink.push(result.ms); // round 0 warms up both
          }),
        );
      await burst(bareSlack, bareMs, 'bare');
      await burst(h.slack, warroomMs, 'warroom');
      await h.settle();
    }
  } finally {
    await bare.stop();
  }
  const warroom = summary(warroomMs);
  const baseline = summary(bareMs);
  console.log(`ack latency, ${CONCURRENCY} concurrent /incident declare, ${ROUNDS - 1} rounds:`);
  console.log(`  warroom   p50 ${ms(warroom.p50)}  p99 ${ms(warroom.p99)}  max ${ms(warroom.max)}  (n=${warroom.n})`);
  console.log(`  bare bolt p50 ${ms(baseline.p50)}  p99 ${ms(baseline.p99)}  max ${ms(baseline.max)}`);
  console.log(`  p99 ratio warroom/bare: ${(warroom.p99 / baseline.p99).toFixed(2)} (goal ≤ 1.5; absolute goal p99 < 50 ms)`);
  return { warroom, bare: baseline, ratio: warroom.p99 / baseline.p99 };
}
