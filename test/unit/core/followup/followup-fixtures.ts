/** Memory repositories and builders for the follow-up tests (the shared memory store has no action items yet). */
import type { ActionItem, NewActionItem, Postmortem, PostmortemDraft } from '../../../../src/core/postmortem/model.js';
import type { ActionItemRepository, CodeHostIssue, CodeHostPort, PostmortemRepository, Store } from '../../../../src/core/ports.js';
import { createMemoryStore, type FakeClock } from '../../../support/fakes/index.js';

export function createMemoryActionItems(clock: FakeClock): ActionItemRepository & { rows: ActionItem[] } {
  const rows: ActionItem[] = [];
  let next = 1;
  return {
    rows,
    async upsert(input: NewActionItem) {
      const existing = rows.find((r) => r.postmortemId === input.postmortemId && r.key === input.key);
      if (existing) return Object.assign(existing, input, { updatedAt: clock.now() });
      const row: ActionItem = { ...input, id: next++, updatedAt: clock.now() };
      rows.push(row);
      return { ...row };
    },
    async update(id, patch) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw new Error(`no action item ${id}`);
      Object.assign(row, patch, { updatedAt: clock.now() });
      return { ...row };
    },
    async get(id) {
      const row = rows.find((r) => r.id === id);
      return row ? { ...row } : null;
    },
    async listByIncident(incidentId) {
      return rows.filter((r) => r.incidentId === incidentId).map((r) => ({ ...r }));
    },
    async findByIssue(repository, issueNumber) {
      const row = rows.find((r) => r.repository === repository && r.issueNumber === issueNumber);
      return row ? { ...row } : null;
    },
    async list(q) {
      return rows
        .filter((r) => (!q.state || r.state === q.state) && (!q.ownerSlackId || r.ownerSlackId === q.ownerSlackId) && (!q.incidentIds || q.incidentIds.includes(r.incidentId)))
        .filter((r) => !q.closedSince || (r.closedAt !== null && r.closedAt >= q.closedSince))
        .map((r) => ({ ...r }));
    },
  };
}

export function createMemoryPostmortems(): PostmortemRepository & { rows: Postmortem[] } {
  const rows: Postmortem[] = [];
  return {
    rows,
    async getByIncident(incidentId) {
      return rows.find((r) => r.incidentId === incidentId) ?? null;
    },
    async saveDraft(incidentId, draft, updatedBy) {
      const row: Postmortem = { id: rows.length + 1, incidentId, draft, repository: null, issueNumber: null, issueUrl: null, publishedAt: null, updatedAt: new Date(0), updatedBy };
      rows.push(row);
      return row;
    },
    async markPublished(id) {
      const row = rows.find((r) => r.id === id);
      if (!row) throw new Error('no postmortem');
      return row;
    },
  };
}

export type TestStore = Store & { actionItems: ReturnType<typeof createMemoryActionItems>; postmortems: ReturnType<typeof createMemoryPostmortems> };

export function createTestStore(clock: FakeClock): TestStore {
  const base = createMemoryStore({ clock });
  return Object.assign(base, { actionItems: createMemoryActionItems(clock), postmortems: createMemoryPostmortems() }) as unknown as TestStore;
}

let issueCounter = 100;
export function newItem(over: Partial<NewActionItem> = {}): NewActionItem {
  const issueNumber = over.issueNumber ?? issueCounter++;
  return {
    postmortemId: 1,
    incidentId: 1,
    key: `a${issueNumber}`,
    description: `Fix thing ${issueNumber}`,
    ownerSlackId: 'U0ALICE',
    ownerGithub: 'alice',
    priority: 'P0',
    dueDate: '2026-03-10',
    validation: 'alert fires in staging',
    repository: 'acme/checkout',
    issueNumber,
    issueUrl: `https://github.com/acme/checkout/issues/${issueNumber}`,
    state: 'open',
    closedAt: null,
    validationNote: null,
    flaggedUnvalidated: false,
    ...over,
  };
}

export function draftWith(category: PostmortemDraft['rootCause']['category']): PostmortemDraft {
  return {
    summary: 's',
    impact: { who: 'w', what: 'w', costEstimate: null },
    rootCause: { category, narrative: 'n' },
    contributingFactors: '',
    wentWell: '',
    wentWrong: '',
    lessons: '',
    actionItems: [],
  };
}

/** A code host that answers the label search from a list and lookups from a map; counts calls. */
export function createFakeCodeHost(options: { open?: () => CodeHostIssue[]; issues?: Map<string, CodeHostIssue>; configured?: boolean; failSearch?: Error } = {}) {
  const calls = { search: [] as string[], get: [] as string[] };
  const port: CodeHostPort = {
    status: () => ({ configured: options.configured ?? true, detail: options.configured === false ? 'set GITHUB_TOKEN' : 'ok' }),
    createIssue: () => Promise.reject(new Error('not used')),
    updateIssue: () => Promise.reject(new Error('not used')),
    addComment: () => Promise.reject(new Error('not used')),
    async getIssue(repository, number) {
      calls.get.push(`${repository}#${number}`);
      return options.issues?.get(`${repository}#${number}`) ?? null;
    },
    async searchIssues(query) {
      calls.search.push(query);
      if (options.failSearch) throw options.failSearch;
      return options.open?.() ?? [];
    },
    changesSince: async () => [],
  };
  return { port, calls };
}

export function ghIssue(item: Pick<ActionItem, 'repository' | 'issueNumber'>, state: 'open' | 'closed', closedAt: Date | null = null): CodeHostIssue {
  return {
    repository: item.repository,
    number: item.issueNumber,
    title: 't',
    body: '',
    state,
    labels: ['postmortem-action'],
    assignees: [],
    url: `https://github.com/${item.repository}/issues/${item.issueNumber}`,
    closedAt,
    updatedAt: new Date(0),
  };
}

import { createFollowupUseCases } from '../../../../src/core/followup/index.js';
import type { FollowupSettings } from '../../../../src/core/postmortem/model.js';
import { createFollowupViews } from '../../../../src/templates/followup/index.js';
import { createTemplateRenderer } from '../../../../src/templates/render.js';
import { createFakeChat, createFakeClock, createSilentLogger, testIncidentSettings } from '../../../support/fakes/index.js';

export function createFollowupHarness(options: { now?: string; timeZone?: string; codeHost?: ReturnType<typeof createFakeCodeHost>; settings?: Partial<FollowupSettings> } = {}) {
  const clock = createFakeClock(options.now ?? '2026-03-09T08:00:00Z');
  const store = createTestStore(clock);
  const chat = createFakeChat();
  const logger = createSilentLogger();
  const timeZone = options.timeZone ?? 'Europe/Berlin';
  const settings: FollowupSettings = { reviewCron: '0 9 * * 1', timeZone, reliabilityChannel: 'CRELIAB01', targetCompletionPercent: 90, ...options.settings };
  const codeHost = options.codeHost ?? createFakeCodeHost({ configured: false });
  const views = createFollowupViews({ renderer: createTemplateRenderer({ timeZone }), timeZone });
  const followup = createFollowupUseCases({ store, codeHost: codeHost.port, chat, views, clock, logger, settings, incidentSettings: testIncidentSettings({ timeZone }) });
  return { clock, store, chat, logger, settings, codeHost, views, followup };
}
