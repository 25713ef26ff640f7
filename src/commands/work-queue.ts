/**
 * Bounds how many commands work at once after their ack. In a burst, acknowledging the next request
 * (Slack's 3-second window) matters more than finishing this one a few milliseconds sooner; without a bound,
 * fifty declarations' database and Slack work would crowd out the acks still waiting to be sent.
 */
export interface WorkQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Work running or waiting. */
  size(): number;
}

export function createWorkQueue(concurrency: number): WorkQueue {
  let running = 0;
  const waiting: (() => void)[] = [];

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

  return {
    async run(work) {
      // Yield first so the ack just written leaves before any work begins.
      await new Promise((resolve) => setImmediate(resolve));
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    size: () => running + waiting.length,
  };
}
