/** The synthetic histories the real-Prometheus tests backfill: real-counter shape, exact ratios, the file format. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  errorRatioBetween,
  increaseBetween,
  requestsSeries,
  switchAt,
  timeAt,
  timelineOf,
  writeOpenMetrics,
  type SyntheticSeries,
  type Timeline,
} from '../../support/prometheus/index.js';

const END = new Date('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(END.getTime() - ms);
const month = timelineOf({ end: END, days: 30 });

function samples(series: SyntheticSeries | undefined, timeline: Timeline): number[] {
  return [...(series?.values(timeline) ?? [])];
}

describe('timeline', () => {
  it('has one point per step from end − days to end, both included', () => {
    expect(month).toEqual({ startSeconds: END.getTime() / 1000 - 30 * 86_400, stepSeconds: 60, count: 43_201 });
    expect(timeAt(month, month.count - 1)).toBe(END.getTime() / 1000);
    expect(() => timelineOf({ end: new Date('2025-06-01T12:00:00.5Z'), days: 1 })).toThrow(/whole second/);
  });
});

describe('requestsSeries', () => {
  it('gives two integer counters (200 and 500) that start at 0 and never decrease', () => {
    const series = requestsSeries({ service: 'checkout', ratePerSecond: 10, errorRatio: 0.0002, labels: { namespace: 'shop' } });
    expect(series.map((s) => [s.family, s.labels])).toEqual([
      ['http_requests', { service: 'checkout', namespace: 'shop', code: '200' }],
      ['http_requests', { service: 'checkout', namespace: 'shop', code: '500' }],
    ]);
    for (const s of series) {
      const values = samples(s, month);
      expect(values[0]).toBe(0);
      expect(values.every((v, i) => Number.isInteger(v) && (i === 0 || v >= (values[i - 1] ?? 0)))).toBe(true);
    }
    const total = series.reduce((sum, s) => sum + increaseBetween(s, month, ago(30 * DAY), END), 0);
    expect(total).toBe(10 * 30 * 86_400);
  });

  it('keeps the error ratio over long and short windows exact to well under 1e-6', () => {
    const healthy = requestsSeries({ service: 'a', ratePerSecond: 10, errorRatio: 0.0002 });
    expect(Math.abs(errorRatioBetween(healthy, month, ago(30 * DAY), END) - 0.0002)).toBeLessThan(1e-7);
    const burning = requestsSeries({ service: 'b', ratePerSecond: 10, errorRatio: switchAt(ago(3_600_000), 0.0002, 0.05) });
    expect(errorRatioBetween(burning, month, ago(3_600_000), END)).toBeCloseTo(0.05, 9);
    // An hour before: 36,000 requests, so rounding moves the ratio by at most 1/36,000.
    expect(errorRatioBetween(burning, month, ago(2 * 3_600_000), ago(3_600_000))).toBeCloseTo(0.0002, 4);
  });

  it('reads a schedule at the start of each step, so a switch lands exactly on its minute', () => {
    const [, errors] = requestsSeries({ service: 's', ratePerSecond: 1, errorRatio: switchAt(ago(120_000), 0, 1) });
    expect(samples(errors, month).slice(-4)).toEqual([0, 0, 60, 120]);
  });

  it('leaves out samples before `since` and after `until`, and stays flat at 0 without traffic', () => {
    const [young] = requestsSeries({ service: 'young', ratePerSecond: 5, errorRatio: 0, since: ago(10 * DAY), until: ago(DAY) });
    const values = samples(young, month);
    const present = values.map((v, i) => (Number.isNaN(v) ? null : timeAt(month, i))).filter((t) => t !== null);
    expect(present[0]).toBe(ago(10 * DAY).getTime() / 1000);
    expect(present.at(-1)).toBe(ago(DAY).getTime() / 1000);
    expect(present).toHaveLength(9 * 1_440 + 1);
    expect(values.find((v) => !Number.isNaN(v))).toBe(0);

    const idle = requestsSeries({ service: 'idle', ratePerSecond: 0, errorRatio: 0 });
    expect(idle.every((s) => samples(s, month).every((v) => v === 0))).toBe(true);
    expect(errorRatioBetween(idle, month, ago(30 * DAY), END)).toBeNaN();
  });

  it('refuses an error ratio outside 0–1', () => {
    const [bad] = requestsSeries({ service: 'x', ratePerSecond: 1, errorRatio: 1.5 });
    expect(() => bad?.values(month)).toThrow(/error ratio 1.5/);
  });
});

describe('writeOpenMetrics', () => {
  it('writes one family block with a TYPE line, timestamped samples in seconds, and # EOF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-om-'));
    try {
      const tiny = timelineOf({ end: END, days: 1, stepSeconds: 43_200 });
      const series = requestsSeries({ service: 'check"out', ratePerSecond: 1, errorRatio: 0.5 });
      const count = await writeOpenMetrics(join(dir, 'x.om'), series, tiny);
      const t0 = END.getTime() / 1000 - 86_400;
      expect(count).toBe(6);
      expect(await readFile(join(dir, 'x.om'), 'utf8')).toBe(
        [
          '# HELP http_requests Synthetic http_requests for Warroom tests.',
          '# TYPE http_requests counter',
          `http_requests_total{code="200",service="check\\"out"} 0 ${t0}`,
          `http_requests_total{code="200",service="check\\"out"} 21600 ${t0 + 43_200}`,
          `http_requests_total{code="200",service="check\\"out"} 43200 ${t0 + 86_400}`,
          `http_requests_total{code="500",service="check\\"out"} 0 ${t0}`,
          `http_requests_total{code="500",service="check\\"out"} 21600 ${t0 + 43_200}`,
          `http_requests_total{code="500",service="check\\"out"} 43200 ${t0 + 86_400}`,
          '# EOF',
          '',
        ].join('\n'),
      );
      await expect(writeOpenMetrics(join(dir, 'y.om'), [...series, ...series], tiny)).rejects.toThrow(/given twice/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
