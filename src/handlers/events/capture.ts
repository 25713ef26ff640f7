import type { Deps } from '../../deps.js';
import type { CaptureFailures } from './durable-ack.js';

/**
 * Runs one timeline capture. A failure is handed to the durable-ack wrapper (the event stays
 * unacknowledged so Slack delivers it again) instead of being thrown into Bolt's error handler.
 */
export async function captureOrHoldAck(context: object, deps: Deps, kind: string, capture: () => Promise<boolean>): Promise<void> {
  try {
    const stored = await capture();
    deps.metrics.timelineEvents.inc({ kind, outcome: stored ? 'stored' : 'ignored' });
  } catch (err) {
    deps.metrics.timelineEvents.inc({ kind, outcome: 'failed' });
    deps.logger.error({ err, kind }, 'timeline capture failed; leaving the event unacknowledged so Slack retries it');
    const failures = (context as Partial<CaptureFailures>).captureFailures;
    if (failures) failures.push(err);
    else throw err;
  }
}
