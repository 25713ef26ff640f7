/** What every drill reports: its figures, and the checks that decide whether the promise held. */
export interface DrillResult {
  name: string;
  /** Figures for the README's reliability table: events sent, stored, duplicates, lost, max delay… */
  figures: Record<string, number | string>;
  /** Failed checks, each saying what was expected and what happened; empty when the drill passed. */
  failures: string[];
  seconds: number;
}

export class Checks {
  readonly failures: string[] = [];

  expect(ok: boolean, what: string): void {
    if (!ok) this.failures.push(what);
  }

  equal(actual: number, expected: number, what: string): void {
    if (actual !== expected) this.failures.push(`${what}: expected ${expected}, got ${actual}`);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `tasks` with at most `limit` in flight; resolves when all have settled. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Polls until `probe` is true or the time is up; returns whether it became true. */
export async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}
