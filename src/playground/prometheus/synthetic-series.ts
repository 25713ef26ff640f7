/**
 * Synthetic counter histories for the real-Prometheus tests and the benchmark. Pure: the same options and timeline
 * always give the same integer counters. Counters start at 0 at their first sample and only grow, as real ones do;
 * cumulative values are rounded (not each step's increment), so over any window the increase is within ±1 of the
 * exact amount and error ratios over long windows match the nominal ones to far better than 1e-6.
 */

/** Sample times: start, start + step, …, end (Unix seconds, whole numbers). */
export interface Timeline {
  startSeconds: number;
  stepSeconds: number;
  count: number;
}

/** One counter series; `values` has one entry per timeline point, NaN where the series has no sample. */
export interface SyntheticSeries {
  /** Metric family as on the `# TYPE` line, e.g. `http_requests`; samples are named `<family>_total`. */
  family: string;
  type: 'counter';
  labels: Record<string, string>;
  values(timeline: Timeline): Float64Array;
}

export type Schedule = number | ((at: Date) => number);

export interface RequestsSeriesOptions {
  service: string;
  /** Requests per second; a function is read at the start of each step and holds for the step. */
  ratePerSecond: Schedule;
  /** Share of requests that fail (0–1), read the same way. */
  errorRatio: Schedule;
  /** Default `http_requests` (samples `http_requests_total`). */
  family?: string;
  /** Default `200` and `500`. */
  okCode?: string;
  errorCode?: string;
  /** More labels on both series, e.g. `{ namespace: 'shop' }`. */
  labels?: Record<string, string>;
  /** No samples before this (a short history); the counters start at 0 here. */
  since?: Date;
  /** No samples after this (stale data). */
  until?: Date;
}

export function timelineOf(options: { end: Date; days: number; stepSeconds?: number }): Timeline {
  const stepSeconds = options.stepSeconds ?? 60;
  const endSeconds = options.end.getTime() / 1000;
  const span = options.days * 86_400;
  if (!Number.isInteger(endSeconds) || !Number.isInteger(stepSeconds) || stepSeconds <= 0 || span % stepSeconds !== 0) {
    throw new Error('timeline: end must be a whole second and the span a whole number of (integer) steps');
  }
  return { startSeconds: endSeconds - span, stepSeconds, count: span / stepSeconds + 1 };
}

export function timeAt(timeline: Timeline, index: number): number {
  return timeline.startSeconds + index * timeline.stepSeconds;
}

/** A schedule that is `before` until `at` and `after` from `at` on, e.g. a burn that started an hour ago. */
export function switchAt(at: Date, before: number, after: number): (t: Date) => number {
  const cut = at.getTime();
  return (t) => (t.getTime() < cut ? before : after);
}

/** Two counters for one service: successful requests (`okCode`) and failed ones (`errorCode`). */
export function requestsSeries(options: RequestsSeriesOptions): SyntheticSeries[] {
  const family = options.family ?? 'http_requests';
  const base = { service: options.service, ...options.labels };
  let cache: { key: string; counts: { ok: Float64Array; errors: Float64Array } } | null = null;
  const countsFor = (timeline: Timeline) => {
    const key = `${timeline.startSeconds}/${timeline.stepSeconds}/${timeline.count}`;
    if (cache?.key !== key) cache = { key, counts: requestCounts(options, timeline) };
    return cache.counts;
  };
  return [
    { family, type: 'counter', labels: { ...base, code: options.okCode ?? '200' }, values: (t) => countsFor(t).ok },
    { family, type: 'counter', labels: { ...base, code: options.errorCode ?? '500' }, values: (t) => countsFor(t).errors },
  ];
}

function requestCounts(options: RequestsSeriesOptions, timeline: Timeline): { ok: Float64Array; errors: Float64Array } {
  const rate = asFunction(options.ratePerSecond);
  const ratio = asFunction(options.errorRatio);
  const since = options.since ? options.since.getTime() / 1000 : -Infinity;
  const until = options.until ? options.until.getTime() / 1000 : Infinity;
  const ok = new Float64Array(timeline.count).fill(Number.NaN);
  const errors = new Float64Array(timeline.count).fill(Number.NaN);
  let okTotal = 0;
  let errorTotal = 0;
  let started = false;
  for (let i = 0; i < timeline.count; i++) {
    const t = timeAt(timeline, i);
    if (t < since || t > until) continue;
    if (started) {
      // The step that ends at t, at the rate and error ratio that held from its start.
      const stepStart = new Date((t - timeline.stepSeconds) * 1000);
      const requests = rate(stepStart) * timeline.stepSeconds;
      const share = ratio(stepStart);
      if (!(requests >= 0) || !(share >= 0 && share <= 1)) {
        throw new Error(`requestsSeries(${options.service}): rate ${requests / timeline.stepSeconds}/s, error ratio ${share} at ${stepStart.toISOString()}`);
      }
      okTotal += requests * (1 - share);
      errorTotal += requests * share;
    }
    started = true;
    ok[i] = Math.round(okTotal);
    errors[i] = Math.round(errorTotal);
  }
  return { ok, errors };
}

function asFunction(schedule: Schedule): (at: Date) => number {
  return typeof schedule === 'number' ? () => schedule : schedule;
}

/** Increase of one counter over [from, to]: last minus first sample inside the range (0 without samples). */
export function increaseBetween(series: SyntheticSeries, timeline: Timeline, from: Date, to: Date): number {
  const values = series.values(timeline);
  const lo = from.getTime() / 1000;
  const hi = to.getTime() / 1000;
  let first = Number.NaN;
  let last = Number.NaN;
  for (let i = 0; i < timeline.count; i++) {
    const t = timeAt(timeline, i);
    const v = values[i] ?? Number.NaN;
    if (t < lo || t > hi || Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    last = v;
  }
  return Number.isNaN(first) ? 0 : last - first;
}

/** Errors / total over [from, to] from the generated integers (NaN for 0/0): what a weighted ratio query should give. */
export function errorRatioBetween(series: SyntheticSeries[], timeline: Timeline, from: Date, to: Date, errorCode = /^5/): number {
  let errors = 0;
  let total = 0;
  for (const s of series) {
    const increase = increaseBetween(s, timeline, from, to);
    total += increase;
    if (errorCode.test(s.labels.code ?? '')) errors += increase;
  }
  return errors / total;
}
