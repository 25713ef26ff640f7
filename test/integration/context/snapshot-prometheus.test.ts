/**
 * The context snapshot against a real Prometheus (Debian package) backfilled with a day and a half of minute data in
 * which checkout's errors step up at a known minute, with fakes for Kubernetes and GitHub, and an on-call source that
 * never answers (it must time out on its own and leave the rest of the snapshot intact).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextUseCases } from '../../../src/core/context/index.js';
import type { OnCallPort } from '../../../src/core/ports.js';
import { createPrometheusMetrics } from '../../../src/integrations/prometheus/index.js';
import { createContextHarness } from '../../unit/core/context/context-fixtures.js';
import { prometheusBinariesForTests, requestsSeries, startPrometheus, switchAt, type PrometheusInstance } from '../../support/prometheus/index.js';

const binaries = prometheusBinariesForTests();
const NOW = new Date('2026-03-02T14:00:00Z'); // the harness's clock
const RISE = new Date('2026-03-02T13:40:00Z');

describe.skipIf(!binaries)('context snapshot against a real Prometheus', () => {
  let prom: PrometheusInstance;

  beforeAll(async () => {
    if (!binaries) return;
    const series = requestsSeries({ service: 'checkout', ratePerSecond: 50, errorRatio: switchAt(RISE, 0.0005, 0.05) });
    prom = await startPrometheus({ series, end: NOW, days: 2, binaries });
  });
  afterAll(async () => {
    await prom?.stop();
  });

  it('finds when errors rose, names the rollout just before it as the top suspect, and times out a silent source alone', async () => {
    const h = await createContextHarness({ sourceTimeoutMs: 300 });
    const silent: OnCallPort = { ...h.oncall, whoIsOnCall: () => new Promise(() => undefined), escalationPolicyFor: () => 'PEP0001' };
    const context = createContextUseCases({
      ...h.deps,
      oncall: silent,
      metrics: createPrometheusMetrics({ baseUrl: prom.url }),
      settings: {
        ...h.deps.settings,
        services: [{
          name: 'checkout',
          errorQuery: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
          latencyQuery: null,
          configChanges: null,
        }],
      },
      releaseServices: [],
    });
    const snapshot = await context.gather(h.incident.id);

    expect(snapshot.complete).toBe(true);
    expect(snapshot.signals?.errorRatio5m).toBeCloseTo(0.05, 3);
    expect(snapshot.signals?.errorRatio1hYesterday).toBeCloseTo(0.0005, 4);
    const rose = snapshot.signals?.errorsRoseAt?.getTime() ?? 0;
    expect(Math.abs(rose - RISE.getTime())).toBeLessThanOrEqual(5 * 60_000); // within the 5-minute rate window
    expect(snapshot.suspects?.[0]?.change.kind).toBe('rollout');
    expect(snapshot.suspects?.[0]?.change.rollback).toMatchObject({ cluster: 'prod', namespace: 'shop', deployment: 'checkout-api', toRevision: 41 });
    expect(snapshot.problems).toEqual([expect.objectContaining({ source: 'pagerduty', kind: 'timeout' })]);
    expect(snapshot.changes?.some((c) => c.kind === 'pull_request')).toBe(true);

    const posted = h.chat.messagesIn('C0WAR');
    expect(posted).toHaveLength(1); // one message, edited in place
    expect(JSON.stringify(posted[0]?.message)).toContain('context_rollback');
  });
});
