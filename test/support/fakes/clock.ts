/** A clock tests set and advance by hand. */
import type { Clock } from '../../../src/core/ports.js';

export interface FakeClock extends Clock {
  set(at: Date | string): void;
  advance(by: number | { minutes?: number; seconds?: number; hours?: number }): Date;
}

export function createFakeClock(start: Date | string = '2026-03-02T14:00:00Z'): FakeClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at).getTime();
    },
    advance(by) {
      const ms = typeof by === 'number' ? by : ((by.hours ?? 0) * 60 + (by.minutes ?? 0)) * 60_000 + (by.seconds ?? 0) * 1000;
      current += ms;
      return new Date(current);
    },
  };
}
