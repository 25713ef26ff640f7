/**
 * Weekly review over 5,000 open action items in a SQLite store, with a code host that answers the label search
 * in pages of 100 (counted, as GitHub's 30-searches-a-minute limit makes pages the cost that matters):
 * GitHub calls made, wall time of one review and peak RSS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFollowupUseCases } from '../src/core/followup/index.js';
import type { NewIncident } from '../src/core/incident/model.js';
import type { CodeHostIssue, CodeHostPort } from '../src/core/ports.js';
import { createStore } from '../src/store/index.js';
import { createFollowupViews } from '../src/templates/followup/index.js';
import { createTemplateRenderer } from '../src/templates/render.js';
import { createFakeChat, createFakeClock, createSilentLogger, testIncidentSettings } from '../test/support/fakes/index.js';
import { ms } from './stats.js';

const ITEMS = 5_000;
const PAGE = 100;
const OWNERS = 200;
const INCIDENTS = 250;
const TIME_ZONE = 'Europe/Berlin';

function benchIncident(n: number): NewIncident {
  const at = new Date('2026-01-15T10:00:00Z');
  return {
    title: `Bench incident ${n}`, severity: 'SEV2', state: 'postmortem', service: `svc${n % 20}`, impact: null, isPrivate: false, declaredBy: 'UBENCH',
    dedupeKey: `bench-${n}`, declaredAt: at, startedAt: null, mitigatedAt: null, resolvedAt: null, commanderAssignedAt: at, roles: {}, channelId: null,
    channelName: null, declarationTs: null, announcement: null, lastUpdateAt: null, lastUpdateText: null, links: {},
  };
}

function pagedCodeHost(issues: CodeHostIssue[]): { port: CodeHostPort; pages: () => number; lookups: () => number } {
  let pages = 0;
  let lookups = 0;
  const refuse = () => Promise.reject(new Error('not used by the review'));
  return {
    pages: () => pages,
    lookups: () => lookups,
    port: {
      status: () => ({ configured: true, detail: 'bench' }),
      createIssue: refuse,
      updateIssue: refuse,
      addComment: refuse,
      async getIssue() {
        lookups++;
        return null;
      },
      // The real adapter walks the pages; here each page is one simulated request.
      async searchIssues() {
        const all: CodeHostIssue[] = [];
        for (let offset = 0; offset < issues.length || offset === 0; offset += PAGE) {
          pages++;
          all.push(...issues.slice(offset, offset + PAGE));
        }
        return all;
      },
      changesSince: async () => [],
    },
  };
}

export async function benchWeeklyReview(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-bench-review-'));
  const clock = createFakeClock('2026-03-09T08:00:00Z');
  const store = await createStore({ databaseUrl: `sqlite:${join(dir, 'bench.db')}`, clock });
  try {
    const incidentIds: number[] = [];
    for (let n = 0; n < INCIDENTS; n++) incidentIds.push((await store.incidents.create(benchIncident(n))).id);
    const issues: CodeHostIssue[] = [];
    for (let n = 0; n < ITEMS; n++) {
      const incidentId = incidentIds[n % INCIDENTS] ?? 1;
      const pm = await store.postmortems.saveDraft(incidentId, { summary: '', impact: { who: '', what: '', costEstimate: null }, rootCause: { category: 'unknown', narrative: '' }, contributingFactors: '', wentWell: '', wentWrong: '', lessons: '', actionItems: [] }, 'UBENCH');
      const day = String(1 + (n % 28)).padStart(2, '0');
      const item = await store.actionItems.upsert({
        postmortemId: pm.id, incidentId, key: `a${n}`, description: `Action item ${n}: add an alert on queue depth`, ownerSlackId: `U${String(n % OWNERS).padStart(6, '0')}`, ownerGithub: null,
        priority: 'P1', dueDate: `2026-0${2 + (n % 3)}-${day}`, validation: 'fires in staging', repository: 'acme/app', issueNumber: n + 1,
        issueUrl: `https://github.com/acme/app/issues/${n + 1}`, state: 'open', closedAt: null, validationNote: null, flaggedUnvalidated: false,
      });
      issues.push({ repository: item.repository, number: item.issueNumber, title: item.description, body: '', state: 'open', labels: ['postmortem-action'], assignees: [], url: item.issueUrl, closedAt: null, updatedAt: clock.now() });
    }
    const codeHost = pagedCodeHost(issues);
    const chat = createFakeChat();
    const followup = createFollowupUseCases({
      store, codeHost: codeHost.port, chat, clock, logger: createSilentLogger(), incidentSettings: testIncidentSettings({ timeZone: TIME_ZONE }),
      views: createFollowupViews({ renderer: createTemplateRenderer({ timeZone: TIME_ZONE }), timeZone: TIME_ZONE }),
      settings: { reviewCron: '0 9 * * 1', timeZone: TIME_ZONE, reliabilityChannel: 'CRELIAB01', targetCompletionPercent: 90 },
    });

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    const started = performance.now();
    const result = await followup.weeklyReview();
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);

    const open = Object.values(result.report.byOwner).reduce((n, list) => n + list.length, 0);
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`weekly review over ${ITEMS} open action items (SQLite, ${OWNERS} owners, ${INCIDENTS} incidents):`);
    console.log(`  GitHub: ${codeHost.pages()} search pages of ${PAGE}, ${codeHost.lookups()} issue lookups; ${open} open, ${result.report.overdue.length} overdue`);
    console.log(`  wall time ${ms(wallMs)}; ${result.posted ? 1 : 0} digest, ${result.directMessages} DMs; peak RSS ${mb(peakRss)} (+${mb(peakRss - rssBefore)} during the review)`);
    return { items: ITEMS, searchPages: codeHost.pages(), lookups: codeHost.lookups(), wallMs, peakRssBytes: peakRss, rssGrowthBytes: peakRss - rssBefore, directMessages: result.directMessages };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
