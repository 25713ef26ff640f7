/**
 * Per-channel ordering and pacing for outbound messages. Each channel has a lane: its tasks run one after another in
 * the order they were queued, and paced tasks first take a token from the lane's bucket (Slack's guideline is about
 * one message per second per channel, with short bursts allowed). Lanes are independent, so channels run in parallel.
 * A lane is dropped once it is idle and its bucket has refilled, so the map only holds recently busy channels.
 */
export interface PacingOptions {
  /** Messages a quiet channel may send at once; default 4. */
  burst: number;
  /** Sustained messages per second per channel; default 1. */
  perSecond: number;
}

export const DEFAULT_PACING: PacingOptions = { burst: 4, perSecond: 1 };

export interface PacerTime {
  /** Milliseconds on any monotonic scale. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface ChannelPacer {
  /** Runs `task` after every task queued before it for `key`; a paced task also waits for a token. */
  run<T>(key: string, task: () => Promise<T>, options?: { paced?: boolean }): Promise<T>;
  /** Lanes currently held (busy or still refilling). */
  size(): number;
}

interface Lane {
  tail: Promise<void>;
  pending: number;
  tokens: number;
  refilledAt: number;
}

const SWEEP_EVERY_MS = 30_000;

export function createChannelPacer(pacing: PacingOptions, time: PacerTime): ChannelPacer {
  const burst = Math.max(1, pacing.burst);
  const perMs = Math.max(pacing.perSecond, 0.001) / 1000;
  const lanes = new Map<string, Lane>();
  let lastSweep = time.now();

  const refill = (lane: Lane): void => {
    const now = time.now();
    lane.tokens = Math.min(burst, lane.tokens + (now - lane.refilledAt) * perMs);
    lane.refilledAt = now;
  };

  const takeToken = async (lane: Lane): Promise<void> => {
    refill(lane);
    if (lane.tokens < 1) {
      await time.sleep(Math.ceil((1 - lane.tokens) / perMs));
      refill(lane);
      // Having waited the time the token needed, it is ours even if the timer fired a little early.
      lane.tokens = Math.max(lane.tokens, 1);
    }
    lane.tokens -= 1;
  };

  const dropIfRested = (key: string, lane: Lane): void => {
    if (lane.pending > 0 || lanes.get(key) !== lane) return;
    refill(lane);
    if (lane.tokens >= burst) lanes.delete(key);
  };

  const sweep = (): void => {
    const now = time.now();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    for (const [key, lane] of lanes) dropIfRested(key, lane);
  };

  return {
    run<T>(key: string, task: () => Promise<T>, options: { paced?: boolean } = {}): Promise<T> {
      sweep();
      let lane = lanes.get(key);
      if (!lane) {
        lane = { tail: Promise.resolve(), pending: 0, tokens: burst, refilledAt: time.now() };
        lanes.set(key, lane);
      }
      const current = lane;
      current.pending += 1;
      const result = current.tail.then(async () => {
        try {
          if (options.paced ?? true) await takeToken(current);
          return await task();
        } finally {
          current.pending -= 1;
          dropIfRested(key, current);
        }
      });
      current.tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    size: () => lanes.size,
  };
}
