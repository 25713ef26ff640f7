import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type WarroomApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { buildDeps, type Deps } from '../../src/deps.js';
import { httpRoutes } from '../../src/http/index.js';
import { createLogger } from '../../src/observability/logger.js';
import { startFakeSlack, type FakeSlack } from '../../src/playground/slack/index.js';
import { createSlackRequester, type SlackRequester } from '../../src/playground/slack/sender.js';
import { freePort } from '../../src/playground/free-port.js';

export { freePort };

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';

export interface ManualClock {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
}

export function manualClock(start = new Date()): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}


/** Seeded people and channels of the fake workspace. */
export const PEOPLE = {
  alice: 'U0ALICE0001',
  bob: 'U0BOB000001',
  carol: 'U0CAROL0001',
  dave: 'U0DAVE00001',
  mallory: 'U0MALLORY01',
} as const;
export const OWNERS_GROUP = 'S0CHECKOUT1';
export const RESPONDERS_GROUP = 'S0RESPOND01';

const CONFIG_YAML = `
time_zone: Europe/Berlin
slack:
  announce_channel: ANNOUNCE_CHANNEL
  responders_group: ${RESPONDERS_GROUP}
  key_event_reactions: [pushpin]
incidents:
  default_severity: SEV3
services:
  - name: checkout
    description: Checkout and payments API
    owners_group: ${OWNERS_GROUP}
    responders: [${PEOPLE.carol}]
    deploy_defaults: { blast_radius: namespace, rollback: instant, coverage: 95 }
`;

export interface Harness {
  fake: FakeSlack;
  deps: Deps;
  warroom: WarroomApp;
  slack: SlackRequester;
  clock: ManualClock;
  url: string;
  announceChannel: string;
  general: string;
  /** Waits until every listener that is running has finished (commands work after their ack). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  latencyMs?: number;
  clock?: ManualClock;
  databaseUrl?: string;
  prometheusUrl?: string;
  /** YAML appended to the harness's warroom.yml (top-level keys it does not set, e.g. `deploy:`). */
  extraYaml?: string;
  /** SLOs of the checkout service, as YAML list items indented for `slos:`. */
  checkoutSlos?: string;
  /** More YAML keys of the checkout service, indented by four spaces (e.g. its `pagerduty:`). */
  checkoutExtra?: string;
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack({ latencyMs: options.latencyMs ?? 0, botUserId: 'U0WARROOMBOT' });
  const ws = fake.workspace;
  for (const [name, id] of Object.entries(PEOPLE)) ws.addUser({ id, name, email: `${name}@example.com` });
  ws.addUserGroup({ id: OWNERS_GROUP, handle: 'checkout-owners', users: [PEOPLE.bob] });
  ws.addUserGroup({ id: RESPONDERS_GROUP, handle: 'sre', users: [PEOPLE.dave] });
  const announce = ws.addChannel({ name: 'incidents', botIsMember: true });
  const general = ws.addChannel({ name: 'general', botIsMember: true });

  const dir = mkdtempSync(join(tmpdir(), 'warroom-e2e-'));
  const configPath = join(dir, 'warroom.yml');
  const slos = `${options.checkoutExtra ?? ''}${options.checkoutSlos ? `    slos:\n${options.checkoutSlos}` : ''}`;
  writeFileSync(configPath, `${CONFIG_YAML.replace('ANNOUNCE_CHANNEL', announce.id)}${slos}\n${options.extraYaml ?? ''}`);
  const port = await freePort();
  const config = loadConfig({
    env: {
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      DATABASE_URL: options.databaseUrl ?? `sqlite:${join(dir, 'warroom.db')}`,
      WARROOM_CONFIG: configPath,
      WARROOM_INSTANCE_ID: 'e2e-1',
      LOG_LEVEL: 'silent',
      ...(options.prometheusUrl ? { PROMETHEUS_URL: options.prometheusUrl } : {}),
      ...options.env,
    },
  });
  const clock = options.clock ?? manualClock();
  const deps = await buildDeps(config, {
    clock,
    logger: createLogger({ level: process.env.E2E_LOG_LEVEL ?? 'silent' }),
    slackRetry: { retryMinDelayMs: 5, retryMaxDelayMs: 20, timeoutMs: 5_000 },
    pacing: { burst: 1_000, perSecond: 1_000 },
  });
  const warroom = createApp(deps, { routes: httpRoutes(deps, () => false) });
  await warroom.start();
  const url = `http://127.0.0.1:${port}`;
  const slack = createSlackRequester({ url: `${url}/slack/events`, signingSecret: SIGNING_SECRET, newResponseUrl: () => fake.newResponseUrl() });

  return {
    fake,
    deps,
    warroom,
    slack,
    clock,
    url,
    announceChannel: announce.id,
    general: general.id,
    async settle() {
      // Up to 20 s: GitHub's client spaces writes a second apart, as GitHub asks.
      for (let i = 0; i < 4_000 && (warroom.inFlight() > 0 || deps.background.size() > 0); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    async close() {
      await warroom.stop(2_000).catch(() => undefined); // a test may have stopped it already
      await deps.jobRunner.stop().catch(() => undefined); // a test may have closed the store on purpose
      await deps.store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
