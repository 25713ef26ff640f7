/** Everything the incident core needs, as fakes wired together, for unit tests of the core and the edges. */
import type { IncidentDeps } from '../../../src/core/incident/incident-deps.js';
import type { IncidentSettings } from '../../../src/core/incident/settings.js';
import type { OnCallPort } from '../../../src/core/ports.js';
import { createFakeChat, type FakeChat } from './fake-chat.js';
import { createFakeClock, type FakeClock } from './clock.js';
import { createFakeViews } from './fake-views.js';
import { createNotConfiguredOnCall } from './fake-oncall.js';
import { createSilentLogger, type RecordingLogger } from './logger.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { TEST_GROUPS, testIncidentSettings } from './incident-settings.js';

export const BOT_USER_ID = 'U0BOT';

/** Slack accounts by email: the on-call people of fake-oncall.ts (but Nora, who has none) and the declarer. */
export const TEST_SLACK_DIRECTORY: Readonly<Record<string, string>> = {
  'priya@example.com': 'U0PRIMARY',
  'sam@example.com': 'U0SECOND',
  'dana@example.com': 'U0DANA',
  'alice@example.com': 'U0ALICE',
};

export interface IncidentHarness {
  deps: IncidentDeps;
  store: MemoryStore;
  chat: FakeChat;
  clock: FakeClock;
  logger: RecordingLogger;
  settings: IncidentSettings;
}

export interface IncidentHarnessOptions {
  settings?: Partial<IncidentSettings>;
  oncall?: OnCallPort;
  now?: string;
  latencyMs?: number;
  /** Slack accounts by email; TEST_SLACK_DIRECTORY when omitted. */
  emails?: Record<string, string>;
}

export function createIncidentHarness(options: IncidentHarnessOptions = {}): IncidentHarness {
  const clock = createFakeClock(options.now);
  const store = createMemoryStore({ clock });
  const chat = createFakeChat({
    groups: { [TEST_GROUPS.checkoutOwners]: ['U0OWNER1', 'U0OWNER2'], [TEST_GROUPS.responders]: ['U0RESPONDER'] },
    emails: { ...(options.emails ?? TEST_SLACK_DIRECTORY) },
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
  const logger = createSilentLogger();
  const settings = testIncidentSettings(options.settings);
  const deps: IncidentDeps = {
    store,
    chat,
    views: createFakeViews({ commanderRole: settings.commanderRole }),
    oncall: options.oncall ?? createNotConfiguredOnCall(),
    clock,
    logger,
    settings,
    botUserId: BOT_USER_ID,
  };
  return { deps, store, chat, clock, logger, settings };
}
