/**
 * The deploy check end to end below Slack: the real Prometheus (Debian package) over 30 days of backfilled minute
 * data, the real adapter, the release core and an in-memory store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../src/core/incident/severity.js';
import { createDeployChecks } from '../../../src/core/release/deploy-check.js';
import type { ServiceReleaseSettings, SloDefinition } from '../../../src/core/release/model.js';
import { createPrometheusMetrics } from '../../../src/integrations/prometheus/index.js';
import { createFakeClock, createMemoryStore, createSilentLogger, testReleaseSettings } from '../../support/fakes/index.js';
import { prometheusBinariesForTests, requestsSeries, startPrometheus, switchAt, type PrometheusInstance } from '../../support/prometheus/index.js';

const binaries = prometheusBinariesForTests();
// Wednesday 2025-05-28 10:00 UTC: business hours, so time of week is low.
const END = new Date('2025-05-28T10:00:00Z');
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(END.getTime() - minutes * MINUTE);

const SERVICES = {
  healthy: requestsSeries({ service: 'healthy', ratePerSecond: 20, errorRatio: 0.0002 }),
  exhausted: requestsSeries({ service: 'exhausted', ratePerSecond: 20, errorRatio: 0.0015 }),
  burning: requestsSeries({ service: 'burning', ratePerSecond: 20, errorRatio: switchAt(ago(60), 0.0001, 0.05) }),
  idle: requestsSeries({ service: 'idle', ratePerSecond: 0, errorRatio: 0 }),
  young: requestsSeries({ service: 'young', ratePerSecond: 20, errorRatio: 0.0002, since: ago(10 * 1440) }),
};

function sloFor(service: string): SloDefinition {
  return {
    service,
    name: 'availability',
    objective: 99.9,
    windowMinutes: 30 * 1440,
    windowLabel: '30d',
    sli: {
      kind: 'events',
      errorQuery: `sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))`,
      totalQuery: `sum(rate(http_requests_total{service="${service}"}[{{.window}}]))`,
    },
    source: `test services[${service}]`,
  };
}

const settings = testReleaseSettings({ timeZone: 'Europe/Berlin' });

describe.skipIf(!binaries)('deploy check against a real Prometheus', () => {
  let prom: PrometheusInstance;
  const services: ServiceReleaseSettings[] = [...Object.keys(SERVICES), 'missing'].map((service) => ({
    service,
    slos: [sloFor(service)],
    defaults: { blastRadius: 'namespace', rollback: 'instant', coverage: 95 },
    timeZone: null,
  }));

  function checker(baseUrl: string) {
    const clock = createFakeClock(END);
    return createDeployChecks({
      store: createMemoryStore({ clock }),
      metrics: createPrometheusMetrics({ baseUrl, timeoutMs: 5_000 }),
      chat: null,
      views: null,
      clock,
      logger: createSilentLogger(),
      settings,
      services,
      severities: [...DEFAULT_SEVERITIES],
      fallbackOverrideGroup: null,
    });
  }
  const run = (checks: ReturnType<typeof checker>, service: string) => checks.run({ service, risk: {}, override: null, requestedBy: 'cli:ci', origin: 'cli' });

  beforeAll(async () => {
    if (!binaries) return;
    prom = await startPrometheus({ series: Object.values(SERVICES).flat(), end: END, days: 30, binaries });
  });
  afterAll(async () => {
    await prom?.stop();
  });

  it('proceeds for a healthy service: 80% of the budget left, burn well below 1', async () => {
    const check = await run(checker(prom.url), 'healthy');
    const slo = check.slos[0];
    expect(slo?.unknown).toBeNull();
    expect(slo?.budget?.remaining).toBeCloseTo(0.8, 2);
    expect(slo?.budget?.minutesLeft).toBeCloseTo(34.56, 0);
    expect(slo?.events).toBeGreaterThan(50_000_000);
    expect(slo?.alert).toBeNull();
    expect(check.outcome.decision).toBe('PROCEED');
  });

  it('blocks a service whose budget is exhausted (overspent by about 50%)', async () => {
    const check = await run(checker(prom.url), 'exhausted');
    expect(check.slos[0]?.budget?.exhausted).toBe(true);
    expect(check.slos[0]?.budget?.overspentPercent).toBeCloseTo(50, 0);
    expect(check.outcome.decision).toBe('BLOCKED');
  });

  it('blocks a fast burn in the last hour: page-level, even with budget left over the month', async () => {
    const check = await run(checker(prom.url), 'burning');
    const slo = check.slos[0];
    expect(slo?.burnRates.find((b) => b.window === '1h')?.burn).toBeCloseTo(50, 0);
    expect(slo?.alert?.level).toBe('page');
    expect(slo?.budget?.remaining).toBeGreaterThan(0);
    expect(check.outcome.decision).toBe('BLOCKED');
  });

  it('answers UNKNOWN for no traffic, a missing series and a short history, saying which', async () => {
    const checks = checker(prom.url);
    expect((await run(checks, 'idle')).slos[0]?.unknown).toMatch(/no traffic|no data/i);
    expect((await run(checks, 'missing')).slos[0]?.unknown).toMatch(/no data/i);
    const young = await run(checks, 'young');
    expect(young.slos[0]?.unknown).toMatch(/only about (9\.[5-9]|10\.[0-4]) days of history for a 30d window/);
    for (const service of ['idle', 'missing', 'young']) expect((await run(checks, service)).outcome.decision).toBe('UNKNOWN');
  });

  it('answers UNKNOWN, with the reason, when Prometheus is down', async () => {
    const url = prom.url;
    await prom.stop();
    const check = await run(checker(url), 'healthy');
    expect(check.outcome.decision).toBe('UNKNOWN');
    expect(check.slos[0]?.unknown).toMatch(/cannot reach Prometheus/);
  });
});
