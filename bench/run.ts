/**
 * `npm run bench`: what users feel. Runs against the real app over HTTP with a local fake Slack and a SQLite file.
 * Figures go to stdout and to bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { startHarness } from '../test/support/e2e-harness.js';
import { benchAckLatency } from './ack-latency.js';
import { benchDeclareLatency } from './declare-latency.js';
import { benchContextSnapshot } from './context-snapshot.js';
import { benchDeployCheck } from './deploy-check.js';
import { benchTimelineIngest } from './timeline-ingest.js';
import { benchWeeklyReview } from './weekly-review.js';

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
const h = await startHarness();
try {
  results.ackLatency = await benchAckLatency(h);
  results.timelineIngest = await benchTimelineIngest(h);
} finally {
  await h.close();
}
results.declareLatency = await benchDeclareLatency();
results.deployCheck = await benchDeployCheck();
results.weeklyReview = await benchWeeklyReview();
results.contextSnapshot = await benchContextSnapshot();
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
