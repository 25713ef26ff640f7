/**
 * Load generator for the benchmarks, run in a worker thread: Slack is remote, so signing requests and the HTTP
 * client must not share the bot's event loop. Two jobs: a burst of slash commands, and a stream of message events.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSlackRequester } from '../src/playground/slack/sender.js';

export type LoadJob =
  | { kind: 'commands'; url: string; signingSecret: string; texts: string[]; users: string[]; channelId: string; responseUrls: string[] }
  | { kind: 'events'; url: string; signingSecret: string; channel: string; user: string; count: number; concurrency: number; firstTs: number };

export type LoadResult = { latenciesMs: number[]; acknowledged: number; failed: number; seconds: number };

async function commands(job: Extract<LoadJob, { kind: 'commands' }>): Promise<LoadResult> {
  let next = 0;
  const slack = createSlackRequester({ url: job.url, signingSecret: job.signingSecret, newResponseUrl: () => job.responseUrls[next++ % job.responseUrls.length] as string });
  const started = performance.now();
  const results = await Promise.all(job.texts.map((text, i) => slack.slashCommand({ text, userId: job.users[i % job.users.length] as string, channelId: job.channelId })));
  return { latenciesMs: results.map((r) => r.ms), acknowledged: results.filter((r) => r.status === 200).length, failed: results.filter((r) => r.status !== 200).length, seconds: (performance.now() - started) / 1000 };
}

async function events(job: Extract<LoadJob, { kind: 'events' }>): Promise<LoadResult> {
  const slack = createSlackRequester({ url: job.url, signingSecret: job.signingSecret, newResponseUrl: () => 'http://127.0.0.1:9/unused' });
  let next = 0;
  let acknowledged = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.count) {
        const n = next++;
        const result = await slack.event({ type: 'message', channel: job.channel, user: job.user, text: `ingest message ${n}`, ts: `${job.firstTs + n}.000100`, channel_type: 'channel' });
        if (result.status === 200) acknowledged += 1;
        else failed += 1;
      }
    }),
  );
  return { latenciesMs: [], acknowledged, failed, seconds: (performance.now() - started) / 1000 };
}

const job = workerData as LoadJob;
parentPort?.postMessage(job.kind === 'commands' ? await commands(job) : await events(job));
