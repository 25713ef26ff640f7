/** A war room for checkout with every context source faked: Prometheus with a step at 13:40, a cluster, GitHub, PagerDuty. */
import { createContextUseCases } from '../../../../src/core/context/gather.js';
import type { ContextSettings } from '../../../../src/core/context/model.js';
import type { NewIncident } from '../../../../src/core/incident/model.js';
import type { MitigationSettings } from '../../../../src/core/mitigation/model.js';
import type { MetricSample, MetricSeries, MetricsPort } from '../../../../src/core/ports.js';
import type { ServiceReleaseSettings } from '../../../../src/core/release/model.js';
import { createContextViews } from '../../../../src/templates/context/index.js';
import { createFakeCluster } from '../../../support/fakes/fake-cluster.js';
import { createFakeCodeHost } from '../../../support/fakes/fake-code-host.js';
import { createRecordingOnCall } from '../../../support/fakes/fake-oncall.js';
import { createFakeChat, createFakeClock, createFakeMetrics, createMemoryStore, createSilentLogger, fakeSloQueries, testIncidentSettings } from '../../../support/fakes/index.js';

export const NOW = new Date('2026-03-02T14:00:00Z');
export const RISE = new Date('2026-03-02T13:40:00Z');
const minutes = (n: number) => new Date(NOW.getTime() - n * 60_000);
const DAY = 24 * 60 * 60_000;

/** The 5m ratio query the context settings below produce. */
const RATIO_5M = '(ctx_err[5m]) / (ctx_total[5m])';

/** Context queries answered by hand; SLO queries (label_replace …, total_checkout[…]) by the deploy-check fake. */
export function createContextMetrics(): MetricsPort & { queries: string[] } {
  const slo = createFakeMetrics({ checkout: { ratio: { default: 0.0005, '5m': 0.05, '1h': 0.02 }, totalRate: 100 } });
  const queries: string[] = [];
  const sample = (value: number): MetricSample[] => [{ labels: {}, value, at: NOW }];
  return {
    queries,
    status: () => ({ configured: true, detail: 'fake' }),
    async queryInstant(query, at) {
      queries.push(query);
      if (query.includes('label_replace')) return slo.queryInstant(query, at);
      const yesterday = (at?.getTime() ?? NOW.getTime()) < NOW.getTime() - DAY / 2;
      if (query === RATIO_5M) return sample(0.05);
      if (query === '(ctx_err[1h]) / (ctx_total[1h])') return sample(yesterday ? 0.002 : 0.02);
      if (query === 'p99_latency') return sample(yesterday ? 0.2 : 0.8);
      throw new Error(`unexpected instant query ${query}`);
    },
    async queryRange(query, range): Promise<MetricSeries[]> {
      queries.push(query);
      if (query.startsWith('total_')) return slo.queryRange(query, range);
      const points = [];
      for (let t = range.start.getTime(); t <= range.end.getTime(); t += range.stepSeconds * 1000) {
        const today = range.end.getTime() > NOW.getTime() - DAY / 2;
        points.push({ at: new Date(t), value: today && t >= RISE.getTime() ? 0.05 : 0.001 });
      }
      if (query === RATIO_5M) return [{ labels: {}, points }];
      throw new Error(`unexpected range query ${query}`);
    },
  };
}

const template = (image: string) => ({ metadata: { annotations: {} }, spec: { containers: [{ name: 'app', image }] } });
const rs = (revision: number, createdAt: Date) => ({
  namespace: 'shop', name: `checkout-api-${revision}`, ownerUid: 'uid-checkout', revision, images: [`registry/checkout:v${revision}`], template: template(`registry/checkout:v${revision}`), createdAt,
});

export const settings: ContextSettings = {
  lookbackMinutes: 24 * 60,
  suspectWindowMinutes: 30,
  riseMultiple: 3,
  sourceTimeoutMs: 1000,
  services: [{ name: 'checkout', errorQuery: 'ctx_err[{{.window}}]', totalQuery: 'ctx_total[{{.window}}]', latencyQuery: 'p99_latency', configChanges: { prometheusQuery: null, githubPath: 'deploy/config' } }],
};

const releaseServices: ServiceReleaseSettings[] = [{
  service: 'checkout',
  slos: [{ service: 'checkout', name: 'availability', objective: 99.9, windowMinutes: 30 * 1440, windowLabel: '30d', sli: { kind: 'events', ...fakeSloQueries('checkout') }, source: 'test' }],
  defaults: { blastRadius: 'namespace', rollback: 'fast', coverage: 80 },
  timeZone: null,
}];

const mitigation: MitigationSettings = {
  clusters: [], blastRadiusPercent: 10, previewExpiryMinutes: 10,
  services: [{ name: 'checkout', cluster: 'prod', namespace: 'shop', deployments: ['checkout-api'] }],
};

export function incidentInput(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
    title: 'Checkout 500s', severity: 'SEV1', state: 'investigating', service: 'checkout', impact: null, isPrivate: false, declaredBy: 'U0LEAD',
    dedupeKey: 'd1', declaredAt: minutes(5), startedAt: null, mitigatedAt: null, resolvedAt: null, commanderAssignedAt: minutes(5),
    roles: { commander: 'U0LEAD' }, channelId: 'C0WAR', channelName: 'inc-checkout', declarationTs: null, announcement: null,
    lastUpdateAt: null, lastUpdateText: null, links: {}, ...overrides,
  };
}

export async function createContextHarness(overrides: { sourceTimeoutMs?: number } = {}) {
  const clock = createFakeClock(NOW);
  const store = createMemoryStore({ clock });
  const chat = createFakeChat({ emails: { 'priya@example.com': 'U0PRIYA' } });
  const metrics = createContextMetrics();
  const cluster = createFakeCluster({
    prod: {
      deployments: [{ namespace: 'shop', name: 'checkout-api', uid: 'uid-checkout', replicas: 3, readyReplicas: 3, paused: false, revision: 42, images: ['registry/checkout:v42'], template: template('registry/checkout:v42'), resourceVersion: '1' }],
      replicaSets: [rs(40, minutes(3 * 1440)), rs(41, minutes(600)), rs(42, minutes(32))],
    },
  });
  const codeHost = createFakeCodeHost({ clock });
  codeHost.changes['acme/checkout'] = [
    { kind: 'pull_request', at: minutes(45), title: 'PR #812 Fix <pool> size', url: 'https://github.example/acme/checkout/pull/812', author: 'octo' },
    { kind: 'release', at: minutes(5), title: 'v2.4.0', url: 'https://github.example/acme/checkout/releases/v2.4.0', author: 'octo' },
  ];
  const oncall = createRecordingOnCall();
  const incident = await store.incidents.create(incidentInput());
  const other = await store.incidents.create(incidentInput({ title: 'Search slow', severity: 'SEV3', service: 'search', channelId: 'C0OTHER', dedupeKey: 'd2' }));
  const deps = {
    store, metrics, cluster, codeHost, oncall, chat, clock,
    views: createContextViews({ timeZone: 'UTC' }),
    logger: createSilentLogger(),
    settings: { ...settings, sourceTimeoutMs: overrides.sourceTimeoutMs ?? settings.sourceTimeoutMs },
    releaseServices, mitigation,
    incidentSettings: testIncidentSettings(),
    repositories: { checkout: 'acme/checkout' } as Record<string, string>,
    minEvents: 1000,
    staleAfterMinutes: 10,
  };
  return { deps, store, chat, metrics, cluster, codeHost, oncall, incident, other, context: () => createContextUseCases(deps) };
}
