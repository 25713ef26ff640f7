/**
 * Load generator for the ingest benchmark, run in a worker thread: Slack is remote, so the signing and HTTP
 * client work of the sender must not share the bot's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSlackRequester } from '../test/support/slack-requests.js';

export interface SenderJob {
  url: string;
  signingSecret: string;
  channel: string;
  user: string;
  count: number;
  concurrency: number;
  firstTs: number;
}

const job = workerData as SenderJob;
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
parentPort?.postMessage({ acknowledged, failed, seconds: (performance.now() - started) / 1000 });
