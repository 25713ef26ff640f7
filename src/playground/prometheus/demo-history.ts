/**
 * The playground's metrics: 30 days of checkout request counters backfilled into a real Prometheus, continued live by
 * an endpoint Prometheus scrapes, so deploy checks and context snapshots read fresh data however long the playground
 * runs. The story in the data: a release an hour ago raised checkout's error ratio, until someone rolls it back.
 */
import { findPrometheusBinaries } from './binaries.js';
import { startPrometheus, type PrometheusInstance } from './prometheus-server.js';
import { requestsSeries, switchAt, timelineOf } from './synthetic-series.js';

const RATE_PER_SECOND = 40;
export const HEALTHY_ERROR_RATIO = 0.0004;
/** The bad release's error ratio, from an hour before the playground starts until someone rolls it back. */
export const OUTAGE_ERROR_RATIO = 0.05;
export const OUTAGE_STARTED_MINUTES_AGO = 60;
const HISTORY_DAYS = 30;

export interface LiveCounters {
  /** Prometheus text exposition of the counters as of now. */
  exposition(): string;
  setErrorRatio(ratio: number): void;
  readonly errorRatio: number;
}

export type DemoPrometheus = { available: true; url: string; counters: LiveCounters; stop(): Promise<void> } | { available: false; reason: string };

/** Starts Prometheus when its binaries are installed; otherwise says why deploy checks will answer UNKNOWN. */
export async function startDemoPrometheus(options: { service: string; scrapeTarget: string; scrapePath: string; pathEnv?: string }): Promise<DemoPrometheus> {
  const lookup = findPrometheusBinaries(options.pathEnv);
  if (!lookup.found) return { available: false, reason: lookup.reason };
  const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const outageStart = new Date(end.getTime() - OUTAGE_STARTED_MINUTES_AGO * 60_000);
  const series = requestsSeries({ service: options.service, ratePerSecond: RATE_PER_SECOND, errorRatio: switchAt(outageStart, HEALTHY_ERROR_RATIO, OUTAGE_ERROR_RATIO) });
  const timeline = timelineOf({ end, days: HISTORY_DAYS });
  const last = (i: number) => series[i]?.values(timeline)[timeline.count - 1] ?? 0;
  const counters = liveCounters(options.service, end, { ok: last(0), errors: last(1) }, OUTAGE_ERROR_RATIO);
  let instance: PrometheusInstance;
  try {
    instance = await startPrometheus({ series, end, days: HISTORY_DAYS, binaries: lookup.binaries, scrape: { target: options.scrapeTarget, path: options.scrapePath, intervalSeconds: 15 } });
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message.split('\n')[0] ?? 'Prometheus did not start' : String(err) };
  }
  return { available: true, url: instance.url, counters, stop: () => instance.stop() };
}

/** Counters that go on from the backfilled totals at `since`, at the demo's request rate and current error ratio. */
export function liveCounters(service: string, since: Date, start: { ok: number; errors: number }, errorRatio: number, now: () => number = Date.now): LiveCounters {
  let at = since.getTime();
  let ok = start.ok;
  let errors = start.errors;
  let ratio = errorRatio;
  const advance = () => {
    const t = now();
    const requests = (RATE_PER_SECOND * Math.max(0, t - at)) / 1000;
    ok += requests * (1 - ratio);
    errors += requests * ratio;
    at = Math.max(at, t);
  };
  return {
    exposition() {
      advance();
      return [
        '# TYPE http_requests_total counter',
        `http_requests_total{service="${service}",code="200"} ${Math.round(ok)}`,
        `http_requests_total{service="${service}",code="500"} ${Math.round(errors)}`,
        '',
      ].join('\n');
    },
    setErrorRatio(next) {
      advance();
      ratio = next;
    },
    get errorRatio() {
      return ratio;
    },
  };
}
