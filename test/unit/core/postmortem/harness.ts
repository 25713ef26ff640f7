/** The postmortem core on fakes: memory store (with the postmortem repositories), fake GitHub, fake Slack, real templates. */
import type { Incident } from '../../../../src/core/incident/model.js';
import { createPostmortemUseCases, type PostmortemDeps } from '../../../../src/core/postmortem/index.js';
import type { ActionItemDraft, PostmortemDraft, PostmortemSettings } from '../../../../src/core/postmortem/model.js';
import { createPostmortemViews } from '../../../../src/templates/postmortem/index.js';
import { createTemplateRenderer } from '../../../../src/templates/render.js';
import { createIncidentHarness } from '../../../support/fakes/incident-harness.js';
import { createFakeCodeHost } from '../../../support/fakes/fake-code-host.js';
import { createMemoryPostmortemRepositories } from '../../../support/fakes/memory-postmortems.js';

export const REPO = 'acme/checkout';
export const COMMANDER = 'U0ALICE';

export function createPostmortemHarness(settings: Partial<PostmortemSettings> = {}) {
  const h = createIncidentHarness();
  const repos = createMemoryPostmortemRepositories(h.clock);
  Object.assign(h.store, repos);
  const codeHost = createFakeCodeHost({ clock: h.clock });
  const views = createPostmortemViews({ renderer: createTemplateRenderer({ timeZone: 'UTC' }), timeZone: 'UTC' });
  const deps: PostmortemDeps = {
    store: h.store as unknown as PostmortemDeps['store'],
    codeHost,
    chat: h.chat,
    views,
    clock: h.clock,
    logger: h.logger,
    settings: {
      centralRepository: 'acme/postmortems',
      serviceRepositories: { checkout: REPO },
      githubUsers: { U0BOB: 'bob-gh' },
      dueDays: { P0: 14, P1: 28, P2: 56 },
      ...settings,
    },
    incidentSettings: h.settings,
  };
  return { ...h, incidentDeps: h.deps, ...repos, codeHost, deps, views, postmortems: createPostmortemUseCases(deps), repos };
}

export async function resolvedIncident(h: ReturnType<typeof createPostmortemHarness>, overrides: Partial<Incident> = {}): Promise<Incident> {
  await h.chat.createChannel('inc-1', { isPrivate: false });
  const channelId = [...h.chat.channels.keys()][0]!;
  return h.store.incidents.create({
    title: 'Checkout returns 500s',
    severity: 'SEV2',
    state: 'resolved',
    service: 'checkout',
    impact: 'Card payments fail for 20%',
    isPrivate: false,
    declaredBy: COMMANDER,
    dedupeKey: 'd1',
    declaredAt: new Date('2026-03-02T13:00:00Z'),
    startedAt: new Date('2026-03-02T12:50:00Z'),
    mitigatedAt: new Date('2026-03-02T13:30:00Z'),
    resolvedAt: new Date('2026-03-02T13:50:00Z'),
    commanderAssignedAt: new Date('2026-03-02T13:00:00Z'),
    roles: { commander: COMMANDER },
    channelId,
    channelName: 'inc-1',
    declarationTs: null,
    announcement: null,
    lastUpdateAt: null,
    lastUpdateText: null,
    links: {},
    ...overrides,
  });
}

export const anItem = (n: number, overrides: Partial<ActionItemDraft> = {}): ActionItemDraft => ({
  key: `a${n}`,
  description: `Alert on pool exhaustion ${n}`,
  ownerSlackId: 'U0BOB',
  priority: 'P1',
  dueDate: null,
  validation: 'Alert fires in staging',
  ...overrides,
});

export const aDraft = (items: ActionItemDraft[] = [anItem(1), anItem(2, { priority: 'P0', ownerSlackId: 'U0CAROL' })]): PostmortemDraft => ({
  summary: 'Checkout failed after a config push.',
  impact: { who: 'EU card payments', what: '20% failed for 40 minutes', costEstimate: null },
  rootCause: { category: 'config_or_flag', narrative: 'The pool size flag was 0.' },
  contributingFactors: 'No config canary.',
  wentWell: 'Fast rollback.',
  wentWrong: 'Slow detection.',
  lessons: 'Validate config.',
  actionItems: items,
});
