import { describe, expect, it } from 'vitest';
import { firstRise, type Point } from '../../../../src/core/context/change-point.js';

const END = Date.parse('2026-03-02T14:00:00Z');
const DAY = 24 * 60 * 60_000;

/** 6 hours of one-minute points ending at END (or 24 h earlier for the baseline). */
function series(value: (minute: number) => number, shift = 0): Point[] {
  return Array.from({ length: 361 }, (_, m) => ({ at: new Date(END - shift - (360 - m) * 60_000), value: value(m) }));
}
const minuteAt = (m: number) => new Date(END - (360 - m) * 60_000);

describe('firstRise', () => {
  it('finds the first minute of a step above the multiple of yesterday', () => {
    const today = series((m) => (m >= 229 ? 0.05 : 0.002));
    const yesterday = series(() => 0.002, DAY);
    expect(firstRise(today, yesterday, 3)).toEqual(minuteAt(229));
  });

  it('finds where a slow ramp crosses the multiple, not where it starts', () => {
    // 0.001 → 0.031 over 300 minutes; 3 × 0.005 = 0.015 is crossed after minute 140.
    const today = series((m) => 0.001 + m * 0.0001);
    const yesterday = series(() => 0.005, DAY);
    expect(firstRise(today, yesterday, 3)).toEqual(minuteAt(141));
  });

  it('reports no rise for noise around the baseline, nor for a single spike', () => {
    const noise = series((m) => 0.01 + (m % 7 === 0 ? 0.008 : -0.004) + (m === 200 ? 0.5 : 0));
    const yesterday = series(() => 0.01, DAY);
    expect(firstRise(noise, yesterday, 3)).toBeNull();
  });

  it('needs the ratio to stay above for three points: two high minutes are ignored', () => {
    const today = series((m) => (m === 100 || m === 101 || m >= 300 ? 0.2 : 0));
    expect(firstRise(today, series(() => 0, DAY), 3)).toEqual(minuteAt(300));
  });

  it('uses the floor when yesterday had no errors, so tiny ratios are not a rise', () => {
    const tiny = series(() => 0.002);
    expect(firstRise(tiny, series(() => 0, DAY), 3)).toBeNull();
    const real = series((m) => (m >= 50 ? 0.004 : 0.002));
    expect(firstRise(real, [], 3)).toEqual(minuteAt(50));
  });

  it('returns null without data, and skips NaN (no traffic) points', () => {
    expect(firstRise([], [], 3)).toBeNull();
    expect(firstRise(series(() => Number.NaN), series(() => 0.01, DAY), 3)).toBeNull();
  });
});
