import { PEOPLE, startHarness } from '../test/support/e2e-harness.js';
import { ms, summary } from './stats.js';

const RUNS = 10;
const LATENCY_MS = 100;

/** Declaration end to end (command sent → channel ready, invited, pinned, announced) with 100 ms per Slack API call. */
export async function benchDeclareLatency(): Promise<Record<string, unknown>> {
  const h = await startHarness({ latencyMs: LATENCY_MS });
  const durations: number[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      const result = await h.slack.slashCommand({ text: `declare Latency run ${i} --sev SEV2 --service checkout`, userId: PEOPLE.alice, channelId: h.general });
      if (result.status !== 200) throw new Error(`status ${result.status}`);
      await h.settle();
      durations.push(performance.now() - started);
    }
    const slackCalls = h.fake.calls.filter((c) => !c.method.startsWith('response_url')).length / RUNS;
    const s = summary(durations);
    console.log(`declaration end to end with ${LATENCY_MS} ms per Slack call (${slackCalls.toFixed(0)} calls each), ${RUNS} runs:`);
    console.log(`  p50 ${ms(s.p50)}  max ${ms(s.max)}  (goal < 1000 ms)`);
    return { ...s, slackCallsPerDeclaration: slackCalls };
  } finally {
    await h.close();
  }
}
