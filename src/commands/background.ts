/**
 * Work that runs after a reply on purpose (the context snapshot after a declaration). It is tracked so that a
 * graceful shutdown lets it finish, and so that tests can wait for it.
 */
export interface BackgroundTasks {
  run(label: string, work: () => Promise<unknown>): void;
  size(): number;
  /** Resolves when nothing runs any more, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
}

export function createBackgroundTasks(onError: (label: string, err: unknown) => void): BackgroundTasks {
  const running = new Set<Promise<unknown>>();
  return {
    run(label, work) {
      const task = work()
        .catch((err: unknown) => onError(label, err))
        .finally(() => running.delete(task));
      running.add(task);
    },
    size: () => running.size,
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (running.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, Math.max(1, deadline - Date.now())))]);
      }
    },
  };
}
