/**
 * Deploy check over 30 days of minute-resolution history for 20 SLOs on a real Prometheus (Debian package):
 * wall time per check and the number of queries it sends.
 */
import { DEFAULT_SEVERITIES } from '../src/core/incident/severity.js';
import { createDeployChecks } from '../src/core/release/deploy-check.js';
import type { SloDefinition } from '../src/core/release/model.js';
import { createPrometheusMetrics } from '../src/integrations/prometheus/index.js';
import { createFakeClock, createMemoryStore, createSilentLogger, testReleaseSettings } from '../test/support/fakes/index.js';
import { findPrometheusBinaries, requestsSeries, startPrometheus } from '../test/support/prometheus/index.js';
import { ms, summary } from './stats.js';

const SLOS = 20;
const RUNS = 5;
const END = new Date('2025-05-28T10:00:00Z');

export async function benchDeployCheck(): Promise<Record<string, unknown>> {
  const lookup = findPrometheusBinaries(process.env.PATH ?? '');
  const binaries = lookup.found ? lookup.binaries : null;
  if (!binaries) {
    console.log('deploy check: SKIPPED, prometheus/promtool not installed (apt-get install prometheus)');
    return { skipped: true };
  }
  const names = Array.from({ length: SLOS }, (_, i) => `svc${i}`);
  const prom = await startPrometheus({ series: names.flatMap((service) => requestsSeries({ service, ratePerSecond: 25, errorRatio: 0.0003 })), end: END, days: 30, binaries });
  let queries = 0;
  try {
    const slos: SloDefinition[] = names.map((service) => ({
      service: 'platform',
      name: `${service}-availability`,
      objective: 99.9,
      windowMinutes: 30 * 1440,
      windowLabel: '30d',
      sli: { kind: 'events', errorQuery: `sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))`, totalQuery: `sum(rate(http_requests_total{service="${service}"}[{{.window}}]))` },
      source: 'bench',
    }));
    const settings = testReleaseSettings({ timeZone: 'UTC' });
    const clock = createFakeClock(END);
    const checks = createDeployChecks({
      store: createMemoryStore({ clock }),
      metrics: createPrometheusMetrics({ baseUrl: prom.url, concurrency: settings.queryConcurrency, onQuery: () => void (queries += 1) }),
      chat: null,
      views: null,
      clock,
      logger: createSilentLogger(),
      settings,
      services: [{ service: 'platform', slos, defaults: { blastRadius: 'namespace', rollback: 'instant', coverage: 95 }, timeZone: null }],
      severities: [...DEFAULT_SEVERITIES],
      fallbackOverrideGroup: null,
    });
    const durations: number[] = [];
    let decision = '';
    for (let i = 0; i <= RUNS; i += 1) {
      queries = 0;
      const started = performance.now();
      const check = await checks.run({ service: 'platform', risk: {}, override: null, requestedBy: 'bench', origin: 'cli' });
      if (i > 0) durations.push(performance.now() - started); // the first run warms Prometheus' caches
      decision = check.outcome.decision;
    }
    const s = summary(durations);
    console.log(`deploy check, ${SLOS} SLOs over 30 days of minute data (real Prometheus ${binaries.prometheus}), ${RUNS} warm runs:`);
    console.log(`  p50 ${ms(s.p50)}  max ${ms(s.max)}; ${queries} queries per check; decision ${decision} (goal < 1000 ms)`);
    console.log(`  backfill and start: ${prom.timings.backfillMs.toFixed(0)} ms promtool + ${prom.timings.startMs.toFixed(0)} ms start`);
    return { ...s, queriesPerCheck: queries, decision };
  } finally {
    await prom.stop();
  }
}
