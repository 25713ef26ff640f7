/**
 * The Prometheus adapter against a real Prometheus (Debian package) over 30 days of backfilled minute data:
 * weighted error ratios, ranges, NaN and ±Inf, missing series, short history, Prometheus' own errors, and a
 * stopped server. One Prometheus for the whole file (it takes a second or two to backfill and start).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsPort } from '../../../src/core/ports.js';
import { createPrometheusMetrics } from '../../../src/integrations/prometheus/index.js';
import {
  errorRatioBetween,
  prometheusBinariesForTests,
  requestsSeries,
  startPrometheus,
  switchAt,
  type PrometheusInstance,
} from '../../support/prometheus/index.js';
import { failure } from '../../support/failure.js';

const binaries = prometheusBinariesForTests();
const END = new Date('2025-06-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;
const ago = (ms: number) => new Date(END.getTime() - ms);

const services = {
  checkout: requestsSeries({ service: 'checkout', ratePerSecond: 10, errorRatio: 0.0002 }),
  payments: requestsSeries({ service: 'payments', ratePerSecond: 10, errorRatio: 0.0015 }),
  search: requestsSeries({ service: 'search', ratePerSecond: 10, errorRatio: switchAt(ago(60 * MINUTE), 0.0002, 0.05) }),
  idle: requestsSeries({ service: 'idle', ratePerSecond: 0, errorRatio: 0 }),
  young: requestsSeries({ service: 'young', ratePerSecond: 5, errorRatio: 0.0002, since: ago(10 * DAY) }),
};

const ratioQuery = (service: string, window: string) =>
  `sum(rate(http_requests_total{service="${service}",code=~"5.."}[${window}])) / sum(rate(http_requests_total{service="${service}"}[${window}]))`;


describe.skipIf(!binaries)('Prometheus adapter against a real Prometheus', () => {
  let prom: PrometheusInstance;
  let metrics: MetricsPort;

  beforeAll(async () => {
    if (!binaries) return;
    prom = await startPrometheus({ series: Object.values(services).flat(), end: END, days: 30, binaries });
    metrics = createPrometheusMetrics({ baseUrl: prom.url });
  });
  afterAll(async () => {
    await prom?.stop();
  });

  it('answers the request-weighted 30-day error ratio of a healthy and an exhausted service', async () => {
    for (const [service, nominal] of [['checkout', 0.0002], ['payments', 0.0015]] as const) {
      const [sample, ...rest] = await metrics.queryInstant(ratioQuery(service, '30d'), END);
      expect(rest).toEqual([]);
      expect(sample?.labels).toEqual({});
      expect(sample?.at).toEqual(END);
      const expected = errorRatioBetween(services[service], prom.timeline, ago(30 * DAY), END);
      expect(Math.abs((sample?.value ?? NaN) - expected)).toBeLessThan(1e-6);
      expect(Math.abs((sample?.value ?? NaN) - nominal)).toBeLessThan(1e-6);
    }
  });

  it('sees a fast burn in the last hour while the 30-day ratio stays low', async () => {
    const [lastHour] = await metrics.queryInstant(ratioQuery('search', '1h'), END);
    expect(Math.abs((lastHour?.value ?? NaN) - 0.05)).toBeLessThan(1e-6);
    const [month] = await metrics.queryInstant(ratioQuery('search', '30d'), END);
    const expected = errorRatioBetween(services.search, prom.timeline, ago(30 * DAY), END);
    expect(Math.abs((month?.value ?? NaN) - expected)).toBeLessThan(1e-6);
    expect(month?.value).toBeLessThan(0.0004);
  });

  it('returns a range query as series of points, one per step', async () => {
    const series = await metrics.queryRange('sum by (service) (rate(http_requests_total{service="checkout"}[5m]))', {
      start: ago(60 * MINUTE),
      end: END,
      stepSeconds: 60,
    });
    expect(series.map((s) => s.labels)).toEqual([{ service: 'checkout' }]);
    const points = series[0]?.points ?? [];
    expect(points).toHaveLength(61);
    expect(points[0]?.at).toEqual(ago(60 * MINUTE));
    expect(points.at(-1)?.at).toEqual(END);
    for (const point of points) expect(point.value).toBeCloseTo(10, 6);
  });

  it('reports a malformed query as bad_data with Prometheus’ own message', async () => {
    const err = await failure(metrics.queryInstant('sum(rate(http_requests_total[5m])', END));
    expect(err).toMatchObject({ integration: 'prometheus', operation: 'query', retryable: false });
    expect(err.reason).toMatch(/^bad_data: .*parse error/);
  });

  it('reports an expression that cannot be evaluated as an execution error', async () => {
    // Two series (codes 200 and 500) on each side of a one-to-one match on `service`.
    const err = await failure(metrics.queryInstant('http_requests_total{service="checkout"} * on(service) http_requests_total{service="checkout"}', END));
    expect(err).toMatchObject({ operation: 'query', retryable: false });
    expect(err.reason).toMatch(/^execution: found duplicate series for the match group \{service="checkout"\}/);
  });

  it('gives NaN for no traffic (0/0) and ±Infinity for Prometheus’ "+Inf" and "-Inf"', async () => {
    const [idle] = await metrics.queryInstant(ratioQuery('idle', '30d'), END);
    expect(idle?.value).toBeNaN();
    expect(await metrics.queryInstant('1/0', END)).toEqual([{ labels: {}, value: Infinity, at: END }]);
    expect(await metrics.queryInstant('-1/0', END)).toEqual([{ labels: {}, value: -Infinity, at: END }]);
  });

  it('gives an empty vector for a service without any series', async () => {
    expect(await metrics.queryInstant(ratioQuery('ghost', '30d'), END)).toEqual([]);
  });

  it('can tell that a service has only 10 days of history for a 30-day window', async () => {
    const [count] = await metrics.queryInstant('count_over_time(http_requests_total{service="young",code="200"}[30d])', END);
    expect(count?.value).toBe(10 * 1_440 + 1);
    const daily = await metrics.queryRange('sum(http_requests_total{service="young"})', { start: ago(30 * DAY), end: END, stepSeconds: 86_400 });
    expect(daily[0]?.points.map((p) => p.at)).toEqual(Array.from({ length: 11 }, (_, i) => ago((10 - i) * DAY)));
  });

  // Last: it stops the shared Prometheus.
  it('fails with a clear ECONNREFUSED when Prometheus is down', async () => {
    await prom.stop();
    const err = await failure(metrics.queryInstant(ratioQuery('checkout', '30d'), END));
    expect(err).toMatchObject({ integration: 'prometheus', operation: 'query', retryable: true });
    expect(err.reason).toBe(`cannot reach Prometheus at ${prom.url}: ECONNREFUSED`);
  });
});
