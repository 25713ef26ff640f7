/**
 * Change-point detection for "errors rose at 13:49": the first minute where the 5-minute error ratio exceeds a
 * multiple of yesterday's ratio at the same time of day, and stays above it.
 */

export interface Point {
  at: Date;
  value: number;
}

/**
 * A zero (or tiny) baseline would make every blip a rise: yesterday's ratio counts as at least this much
 * (0.1 % errors), so a healthy service needs more than `multiple` × 0.1 % to count as rising.
 */
export const BASELINE_FLOOR = 0.001;
/** One high point is a spike, not a rise: the ratio must stay above for this many consecutive points (minutes at a 60 s step). */
export const SUSTAIN_POINTS = 3;

const DAY_MS = 24 * 60 * 60_000;
const minuteOf = (at: Date): number => Math.floor(at.getTime() / 60_000);

/**
 * `series`: the 5-minute error ratio over the last hours (one point a minute); `baseline`: the same series 24 h
 * earlier (its points carry yesterday's timestamps). Each point is compared with yesterday's point of the same
 * minute (missing or NaN counts as 0, i.e. the floor). Returns the first point of the first run of
 * SUSTAIN_POINTS consecutive points above `multiple × max(baseline, BASELINE_FLOOR)`; null when there is none
 * (no data, no change). NaN points (no traffic) break a run.
 */
export function firstRise(series: Point[], baseline: Point[], multiple: number): Date | null {
  const yesterday = new Map<number, number>();
  for (const p of baseline) if (Number.isFinite(p.value)) yesterday.set(minuteOf(p.at), p.value);
  const sorted = [...series].sort((a, b) => a.at.getTime() - b.at.getTime());
  let runStart: Date | null = null;
  let runLength = 0;
  for (const point of sorted) {
    const base = Math.max(yesterday.get(minuteOf(new Date(point.at.getTime() - DAY_MS))) ?? 0, BASELINE_FLOOR);
    if (Number.isFinite(point.value) && point.value > multiple * base) {
      if (runLength === 0) runStart = point.at;
      runLength++;
      if (runLength >= SUSTAIN_POINTS) return runStart;
    } else {
      runLength = 0;
      runStart = null;
    }
  }
  return null;
}
