import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITIES } from '../../../../src/core/incident/severity.js';
import type { ServiceReleaseSettings, SloDefinition } from '../../../../src/core/release/model.js';
import { createDeployChecks, type ReleaseDeps } from '../../../../src/core/release/deploy-check.js';
import { createFakeChat, createFakeClock, createFakeMetrics, createMemoryStore, createSilentLogger, fakeSloQueries, testReleaseSettings, type FakeMetricsTable } from '../../../support/fakes/index.js';

const APPROVERS = 'S0APPROVERS';
// Tuesday 10:00 in Berlin: business hours.
const TUESDAY_MORNING = '2026-11-24T09:00:00Z';

function slo(name: string, objective = 99.9): SloDefinition {
  return { service: 'checkout', name, objective, windowMinutes: 30 * 1440, windowLabel: '30d', sli: { kind: 'events', ...fakeSloQueries(name) }, source: `warroom.yml services[checkout].slos[${name}]` };
}

const settings = testReleaseSettings({ timeZone: 'Europe/Berlin', approversGroup: APPROVERS });

const healthy: FakeMetricsTable = { ratio: { default: 0.0002 }, totalRate: 50 };

function setup(tables: Record<string, FakeMetricsTable> = { availability: healthy }, overrides: Partial<ReleaseDeps> = {}) {
  const clock = createFakeClock(TUESDAY_MORNING);
  const store = createMemoryStore({ clock });
  const chat = createFakeChat({ groups: { [APPROVERS]: ['U0APPROVER1', 'U0APPROVER2', 'U0LEAD'] } });
  const metrics = createFakeMetrics(tables);
  const service: ServiceReleaseSettings = { service: 'checkout', slos: Object.keys(tables).map((n) => slo(n)), defaults: { blastRadius: 'namespace', rollback: 'instant', coverage: 95 }, timeZone: null };
  const deps: ReleaseDeps = {
    store,
    metrics,
    chat,
    views: { overrideAnnouncement: (check) => ({ text: `override on #${check.id}: ${check.override?.reason}` }) },
    clock,
    logger: createSilentLogger(),
    settings,
    services: [service, { service: 'search', slos: [], defaults: { blastRadius: 'namespace', rollback: 'instant', coverage: 95 }, timeZone: null }],
    severities: [...DEFAULT_SEVERITIES],
    fallbackOverrideGroup: null,
    ...overrides,
  };
  return { deps, store, chat, clock, metrics, checks: createDeployChecks(deps) };
}

const request = { service: 'checkout', risk: {}, override: null, requestedBy: 'U0DEV', origin: 'slack' as const };

async function openIncident(store: ReturnType<typeof setup>['store'], severity: string, service: string | null, channelId = 'C0WAR1') {
  const incident = await store.incidents.create({
    title: 'Payments failing', severity, state: 'investigating', service, impact: null, isPrivate: false, declaredBy: 'U0IC', dedupeKey: `k-${severity}-${service}`,
    declaredAt: new Date(TUESDAY_MORNING), startedAt: null, mitigatedAt: null, resolvedAt: null, commanderAssignedAt: null, roles: {}, channelId: null, channelName: null,
    declarationTs: null, announcement: null, lastUpdateAt: null, lastUpdateText: null, links: {},
  });
  return store.incidents.update(incident.id, { channelId });
}

describe('deploy check use case', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => {
    s = setup();
  });

  it('proceeds for a healthy service, low risk, on a Tuesday morning, and stores the check with its numbers', async () => {
    const check = await s.checks.run(request);
    expect(check.outcome.decision).toBe('PROCEED');
    expect(check.outcome.approvalsRequired).toBe(1);
    expect(check.risk).toEqual({ blastRadius: 'namespace', rollback: 'instant', coverage: 95, change: null });
    expect(check.slos[0]?.budget?.remaining).toBeCloseTo(0.8, 9);
    expect(check.slos[0]?.events).toBe(50 * 30 * 86_400);
    expect(check.slos[0]?.burnRates.map((b) => b.window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(await s.store.deployChecks.get(check.id)).toEqual(check);
  });

  it('uses the flags over the service defaults', async () => {
    const check = await s.checks.run({ ...request, risk: { blastRadius: 'multi-namespace', rollback: 'fast', coverage: 70, change: 'PR 812' } });
    expect(check.outcome.decision).toBe('CAUTION');
    expect(check.risk).toEqual({ blastRadius: 'multi-namespace', rollback: 'fast', coverage: 70, change: 'PR 812' });
  });

  it('blocks while an incident on the service, or a global one, freezes deploys; a SEV3 elsewhere does not', async () => {
    await openIncident(s.store, 'SEV3', 'checkout');
    expect((await s.checks.run(request)).outcome.decision).toBe('PROCEED');
    await openIncident(s.store, 'SEV1', null, 'C0GLOBAL');
    const check = await s.checks.run(request);
    expect(check.outcome.decision).toBe('BLOCKED');
    expect(check.freezes).toEqual([expect.objectContaining({ severity: 'SEV1', onService: false, channelId: 'C0GLOBAL' })]);
    expect(check.outcome.reasons[0]).toMatch(/SEV1/);
  });

  it('blocks an exhausted budget and a page-level burn right now', async () => {
    const exhausted = setup({ availability: { ratio: { default: 0.0015 }, totalRate: 50 } });
    expect((await exhausted.checks.run(request)).outcome.decision).toBe('BLOCKED');
    const burning = setup({ availability: { ratio: { default: 0.0002, '5m': 0.05, '1h': 0.05 }, totalRate: 50 } });
    const check = await burning.checks.run(request);
    expect(check.slos[0]?.alert?.level).toBe('page');
    expect(check.outcome.decision).toBe('BLOCKED');
  });

  it('answers UNKNOWN, saying why, when numbers cannot be trusted', async () => {
    const cases: [FakeMetricsTable, RegExp][] = [
      [{ ...healthy, down: true }, /ECONNREFUSED/],
      [{ ratio: { default: 0 }, totalRate: 0 }, /no traffic/i],
      [{ ...healthy, historyMinutes: 10 * 1440 }, /about 10\.0 days of history/],
      [{ ...healthy, stale: true }, /stale/i],
      [{ ...healthy, series: 3 }, /3 series/],
      [{ ratio: { default: 0.0002 }, totalRate: 0.0001 }, /fewer than the 1000/],
    ];
    for (const [table, reason] of cases) {
      const check = await setup({ availability: table }).checks.run(request);
      expect(check.slos[0]?.unknown, String(reason)).toMatch(reason);
      expect(check.outcome.decision).toBe('UNKNOWN');
    }
  });

  it('answers UNKNOWN when Prometheus is not configured, and for a service without SLOs', async () => {
    const notConfigured = setup(undefined, { metrics: { status: () => ({ configured: false, detail: 'Prometheus is not configured: set PROMETHEUS_URL.' }), queryInstant: async () => [], queryRange: async () => [] } });
    const check = await notConfigured.checks.run(request);
    expect(check.outcome.decision).toBe('UNKNOWN');
    expect(check.slos[0]?.unknown).toContain('PROMETHEUS_URL');
    const noSlos = await s.checks.run({ ...request, service: 'search' });
    expect(noSlos.outcome.decision).toBe('UNKNOWN');
    expect(noSlos.dimensions.find((d) => d.dimension === "error_budget")?.why).toMatch(/no SLOs configured for search/);
  });

  it('suggests the closest service name', async () => {
    await expect(s.checks.run({ ...request, service: 'chekout' })).rejects.toThrow(/Did you mean "checkout"/);
  });

  it('counts approvals of distinct authorized people other than the requester', async () => {
    const check = await s.checks.run({ ...request, risk: { coverage: 70 } }); // CAUTION: 2 approvals
    expect(await s.checks.approve(check.id, 'U0DEV')).toMatchObject({ changed: false, reason: expect.stringMatching(/someone else/) });
    await expect(s.checks.approve(check.id, 'U0RANDOM')).rejects.toThrow(/approvers/);
    expect((await s.checks.approve(check.id, 'U0APPROVER1')).changed).toBe(true);
    expect((await s.checks.approve(check.id, 'U0APPROVER1')).changed).toBe(false);
    const second = await s.checks.approve(check.id, 'U0APPROVER2');
    expect(second.check.approvals.map((a) => a.userId)).toEqual(['U0APPROVER1', 'U0APPROVER2']);
  });

  it('lets only approvers break glass on a blocked deploy, records who and why, and announces it in the war room', async () => {
    await openIncident(s.store, 'SEV2', 'checkout', 'C0WARROOM');
    await expect(s.checks.run({ ...request, override: 'hotfix' })).rejects.toThrow(/approvers/);
    const check = await s.checks.run({ ...request, requestedBy: 'U0LEAD', override: 'P0 fix for the payment outage' });
    expect(check.outcome.decision).toBe('BLOCKED');
    expect(check.override).toMatchObject({ userId: 'U0LEAD', reason: 'P0 fix for the payment outage' });
    expect((await s.store.deployChecks.get(check.id))?.override?.reason).toBe('P0 fix for the payment outage');
    expect(s.chat.messagesIn('C0WARROOM').map((m) => m.message.text)).toEqual([`override on #${check.id}: P0 fix for the payment outage`]);
    expect((await s.checks.approve(check.id, 'U0APPROVER1')).changed).toBe(true);
  });

  it('refuses approvals of a blocked check without an override, and break glass from the CLI', async () => {
    await openIncident(s.store, 'SEV1', 'checkout');
    const check = await s.checks.run(request);
    expect(await s.checks.approve(check.id, 'U0APPROVER1')).toMatchObject({ changed: false, reason: expect.stringMatching(/blocked/i) });
    await expect(s.checks.run({ ...request, origin: 'cli', override: 'x' })).rejects.toThrow(/from Slack/);
  });

  it('lists the history of a service, newest first', async () => {
    const first = await s.checks.run(request);
    s.clock.advance({ minutes: 5 });
    const second = await s.checks.run({ ...request, risk: { coverage: 40 } });
    expect((await s.checks.history('checkout')).map((c) => c.id)).toEqual([second.id, first.id]);
  });
});
