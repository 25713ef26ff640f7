import { PEOPLE, SIGNING_SECRET, type Harness } from '../test/support/e2e-harness.js';
import { runLoad } from './load.js';

const MESSAGES = 3_000;
const CONCURRENCY = 32;

/**
 * Message events delivered to /slack/events as Slack sends them (signed JSON), acknowledged only once stored.
 * Counts messages per second acknowledged, then checks that every acknowledged message is in the store.
 */
export async function benchTimelineIngest(h: Harness): Promise<Record<string, unknown>> {
  await h.slack.slashCommand({ text: 'declare Ingest benchmark --sev SEV4', userId: PEOPLE.alice, channelId: h.general });
  await h.settle();
  const incident = (await h.deps.store.incidents.listOpen()).find((i) => i.title === 'Ingest benchmark');
  if (!incident?.channelId) throw new Error('benchmark incident was not created');
  const channel = incident.channelId;
  const before = await h.deps.store.timeline.count(incident.id);

  const { acknowledged, seconds } = await runLoad({ kind: 'events', url: `${h.url}/slack/events`, signingSecret: SIGNING_SECRET, channel, user: PEOPLE.bob, count: MESSAGES, concurrency: CONCURRENCY, firstTs: 1_800_000_000 });
  const stored = (await h.deps.store.timeline.count(incident.id)) - before;
  const rate = acknowledged / seconds;
  console.log(`timeline ingest over signed HTTP from a separate sender thread (SQLite, synchronous=FULL), ${MESSAGES} messages, ${CONCURRENCY} in flight:`);
  console.log(`  ${rate.toFixed(0)} messages/s acknowledged; ${stored} stored of ${acknowledged} acknowledged (lost: ${acknowledged - stored})`);

  const directStarted = performance.now();
  for (let n = 0; n < MESSAGES; n += 1) {
    await h.deps.capture.recordMessage({ channelId: channel, ts: `${1_900_000_000 + n}.000100`, threadTs: null, userId: PEOPLE.carol, text: `direct ${n}`, files: [] });
  }
  const directRate = MESSAGES / ((performance.now() - directStarted) / 1000);
  console.log(`  core capture alone (no HTTP): ${directRate.toFixed(0)} messages/s, sequential`);
  return { rate, acknowledged, stored, lost: acknowledged - stored, directRate };
}
