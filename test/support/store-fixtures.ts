/**
 * Store test helpers: run a block of tests once per dialect (SQLite temp file, PostgreSQL fresh database),
 * open stores that are closed after each test, and build domain values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, inject } from 'vitest';
import type { NewIncident, NewTimelineEvent } from '../../src/core/incident/model.js';
import type { NewMitigation } from '../../src/core/mitigation/model.js';
import type { Clock } from '../../src/core/ports.js';
import type { NewActionItem, PostmortemDraft } from '../../src/core/postmortem/model.js';
import type { NewDeployCheck, SloReport } from '../../src/core/release/model.js';
import { createStore } from '../../src/store/index.js';
import type { CreateStoreOptions, SqlStore } from '../../src/store/index.js';
import { createTestDatabase } from './postgres.js';

export type DialectName = 'sqlite' | 'postgres';

export interface StoreTestContext {
  readonly dialect: DialectName;
  /** A new, empty database (SQLite file in a temp dir, or a fresh PostgreSQL database). */
  newDatabaseUrl(): Promise<string>;
  /** Opens a store (migrated by default); it is closed after the test. */
  open(databaseUrl: string, options?: Omit<CreateStoreOptions, 'databaseUrl'>): Promise<SqlStore>;
  /** A store on a new database, with the test clock. */
  fresh(): Promise<SqlStore>;
  /** The URL a store was opened with (to open a second store on the same database). */
  urlOf(store: SqlStore): string;
  clock: TestClock;
}

export interface TestClock extends Clock {
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start = '2026-03-01T12:00:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (date) => void (current = new Date(date).getTime()),
    advance: (ms) => void (current += ms),
  };
}

/** Defines `body` once per dialect; PostgreSQL is skipped (visibly) when the test setup has no server. */
export function describeEachDialect(title: string, body: (ctx: StoreTestContext) => void): void {
  const pgUrl = inject('pgUrl');
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe.skipIf(dialect === 'postgres' && pgUrl === null)(`${title} [${dialect}]`, () => {
      const opened: SqlStore[] = [];
      const tempDirs: string[] = [];
      const urls = new WeakMap<SqlStore, string>();
      const ctx: StoreTestContext = {
        dialect,
        clock: testClock(),
        async newDatabaseUrl() {
          if (dialect === 'postgres') return createTestDatabase(pgUrl as string);
          const dir = mkdtempSync(join(tmpdir(), 'warroom-store-'));
          tempDirs.push(dir);
          return `sqlite:${join(dir, 'warroom.db')}`;
        },
        async open(databaseUrl, options = {}) {
          const store = await createStore({ clock: ctx.clock, poolMax: 4, ...options, databaseUrl });
          opened.push(store);
          urls.set(store, databaseUrl);
          return store;
        },
        async fresh() {
          return ctx.open(await ctx.newDatabaseUrl());
        },
        urlOf(store) {
          const url = urls.get(store);
          if (url === undefined) throw new Error('urlOf: this store was not opened through the fixture');
          return url;
        },
      };
      afterEach(async () => {
        await Promise.all(opened.splice(0).map((store) => store.close()));
        ctx.clock.set('2026-03-01T12:00:00.000Z');
      });
      afterAll(() => {
        for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
      });
      body(ctx);
    });
  }
}

let sequence = 0;

export function newIncident(overrides: Partial<NewIncident> = {}): NewIncident {
  sequence += 1;
  return {
    title: `Checkout errors ${sequence}`,
    severity: 'SEV2',
    state: 'investigating',
    service: 'checkout',
    impact: null,
    isPrivate: false,
    declaredBy: 'U_DECLARER',
    dedupeKey: `dedupe-${sequence}`,
    declaredAt: new Date('2026-03-01T11:59:00.123Z'),
    startedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    commanderAssignedAt: new Date('2026-03-01T11:59:00.123Z'),
    roles: { commander: 'U_DECLARER' },
    channelId: `C${String(sequence).padStart(8, '0')}`,
    channelName: `inc-20260301-checkout-${sequence}`,
    declarationTs: null,
    announcement: null,
    lastUpdateAt: null,
    lastUpdateText: null,
    links: {},
    ...overrides,
  };
}

export function newEvent(overrides: Partial<NewTimelineEvent> & { key: string }): NewTimelineEvent {
  return {
    incidentId: null,
    kind: 'message',
    occurredAt: new Date('2026-03-01T12:00:00.000Z'),
    actor: 'U_RESPONDER',
    text: `text of ${overrides.key}`,
    ...overrides,
  };
}

/** An SLO report as the release core writes it: 99.9% over 30 days, 80% of the budget left, no alert. */
export function sloReport(overrides: Partial<SloReport> = {}): SloReport {
  return {
    service: 'checkout',
    name: 'availability',
    objective: 99.9,
    windowLabel: '30d',
    source: 'warroom.yml services[checkout].slos[0]',
    unknown: null,
    events: 1_250_000,
    budget: {
      budget: 0.001,
      errorRatio: 0.0002,
      burn: 0.2,
      remaining: 0.8,
      budgetMinutes: 43.2,
      minutesLeft: 34.56,
      exhausted: false,
      overspentPercent: null,
      minutesToExhaustion: 2_592.5,
    },
    burnRates: [
      { window: '5m', errorRatio: 0.0001, burn: 0.1 },
      { window: '1h', errorRatio: 0.00025, burn: 0.25 },
      { window: '3d', errorRatio: null, burn: null },
    ],
    alert: null,
    historyMinutes: null,
    ...overrides,
  };
}

/** A complete deploy check for `checkout`, decided CAUTION, requested from Slack. */
export function newDeployCheck(overrides: Partial<NewDeployCheck> = {}): NewDeployCheck {
  return {
    service: 'checkout',
    requestedBy: 'U_DEPLOYER',
    origin: 'slack',
    requestedAt: new Date('2026-03-02T10:15:30.123Z'),
    risk: { blastRadius: 'namespace', rollback: 'fast', coverage: 87.5, change: 'https://github.example/acme/checkout/pull/42' },
    dimensions: [
      { dimension: 'blast_radius', value: 'namespace', level: 'low', why: 'one namespace' },
      { dimension: 'reversibility', value: 'fast', level: 'medium', why: 'rollback under 15 minutes' },
      { dimension: 'test_coverage', value: '87.5%', level: 'medium', why: 'between 50% and 90%' },
      { dimension: 'error_budget', value: '80% left (availability)', level: 'low', why: 'more than 50% left' },
      { dimension: 'time_of_week', value: 'Mon 11:15 Europe/Berlin', level: 'low', why: 'Monday business hours' },
    ],
    slos: [sloReport()],
    freezes: [],
    outcome: {
      decision: 'CAUTION',
      reasons: ['reversibility is medium: rollback under 15 minutes', 'test coverage is medium: 87.5%'],
      conditions: ['extended canary: 24 h instead of 4 h', 'business hours only'],
      approvalsRequired: 2,
    },
    ...overrides,
  };
}


/**
 * A pending cordon of zone us-west-2a on prod-us (3 of 10 schedulable nodes, so a second confirmation), previewed
 * at 12:00:00.250 and expiring ten minutes later. `incidentId` must name a stored incident on the SQL stores.
 */
export function newMitigation(overrides: Partial<NewMitigation> & { incidentId: number }): NewMitigation {
  const nodes = ['ip-10-0-1-1', 'ip-10-0-1-2', 'ip-10-0-1-3'];
  return {
    channelId: 'C00000001',
    messageTs: null,
    request: { kind: 'cordon', cluster: 'prod-us', nodes: { selector: 'topology.kubernetes.io/zone=us-west-2a' }, options: {} },
    requestedBy: 'U_COMMANDER',
    requestedAt: new Date('2026-03-01T12:00:00.250Z'),
    expiresAt: new Date('2026-03-01T12:10:00.250Z'),
    state: 'pending',
    preview: {
      headline: "Cordon 3 nodes in us-west-2a (30% of the cluster's schedulable nodes)",
      lines: nodes.map((n) => `${n} (us-west-2a, Ready)`),
      nodes: nodes.map((name) => ({ name, zone: 'us-west-2a', unschedulable: false, ready: true })),
      zones: [
        { zone: 'us-west-2a', affected: 3, schedulable: 3, percent: 100 },
        { zone: 'us-west-2b', affected: 0, schedulable: 7, percent: 0 },
      ],
      pods: [],
      revision: null,
      replicas: null,
      blastRadiusPercent: 30,
      secondConfirmationReason: '30% of schedulable nodes is above the 10% threshold',
      fingerprint: 'sha256:3f1c',
      dryRun: null,
    },
    confirmations: [],
    progress: [],
    result: null,
    ...overrides,
  };
}

/** A complete postmortem draft with two action items (P0 with a date, P1 defaulted), hostile-ish text included. */
export function newPostmortemDraft(overrides: Partial<PostmortemDraft> = {}): PostmortemDraft {
  return {
    summary: 'Checkout returned 502s for 42 minutes after a config push — 日本語 ✓',
    impact: { who: 'EU customers at checkout', what: '18% of payments failed', costEstimate: '≈ €12k' },
    rootCause: { category: 'config_or_flag', narrative: 'A connection pool limit of 0 shipped with <b>no</b> validation; @team was not paged.' },
    contributingFactors: 'No canary for config changes.',
    wentWell: 'Rollback in 4 minutes once found.',
    wentWrong: 'Alert fired 15 minutes late.',
    lessons: 'Config is code.',
    actionItems: [
      { key: 'a1', description: 'Validate pool limits in CI', ownerSlackId: 'U_OWNER1', priority: 'P0', dueDate: '2026-03-15', validation: 'CI rejects a limit of 0' },
      { key: 'a2', description: 'Alert on 5xx ratio above 2% for 2 minutes', ownerSlackId: null, priority: 'P1', dueDate: null, validation: null },
    ],
    ...overrides,
  };
}

/**
 * An open P0 action item tracked as acme/checkout#101. `postmortemId` and `incidentId` must name stored rows
 * on the SQL stores.
 */
export function newActionItem(overrides: Partial<NewActionItem> & { postmortemId: number; incidentId: number }): NewActionItem {
  return {
    key: 'a1',
    description: 'Validate pool limits in CI',
    ownerSlackId: 'U_OWNER1',
    ownerGithub: 'octocat',
    priority: 'P0',
    dueDate: '2026-03-15',
    validation: 'CI rejects a limit of 0',
    repository: 'acme/checkout',
    issueNumber: 101,
    issueUrl: 'https://github.com/acme/checkout/issues/101',
    state: 'open',
    closedAt: null,
    validationNote: null,
    flaggedUnvalidated: false,
    ...overrides,
  };
}
