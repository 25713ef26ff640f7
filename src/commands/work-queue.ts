/**
 * Bounds how many commands work at once after their ack. In a burst, acknowledging the next request
 * (Slack's 3-second window) matters more than finishing this one a few milliseconds sooner; without a bound,
 * fifty declarations' database and Slack work would crowd out the acks still waiting to be sent.
 */
export interface WorkQueue {
  /**
   * Runs `work` when a slot is free. Work with the same `key` (commands in one channel) runs one at a time in arrival
   * order, so when Slack is slow a later `/incident update` cannot overtake an earlier one on its way to the channel.
   */
  run<T>(work: () => Promise<T>, options?: { key?: string }): Promise<T>;
  /** Work running or waiting. */
  size(): number;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  const tails = new Map<string, Promise<void>>();
  let behindKey = 0;

  async function acquire(): Promise<void> {
    if (running < concurrency) {
      running += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next waiter
    else running -= 1;
  }

  async function runInSlot<T>(work: () => Promise<T>): Promise<T> {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  return {
    async run(work, options = {}) {
      // Yield first so the ack just written leaves before any work begins.
      await new Promise((resolve) => setImmediate(resolve));
      const { key } = options;
      if (key === undefined) return runInSlot(work);
      // Wait for the key's previous work before taking a slot, so waiting never holds one.
      const previous = tails.get(key) ?? Promise.resolve();
      behindKey += 1;
      const result = previous.then(() => {
        behindKey -= 1;
        return runInSlot(work);
      });
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    size: () => running + waiting.length + behindKey,
  };
}
