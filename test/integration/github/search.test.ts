/** Issue search: every page followed through GitHub's Link header, 100 a page, results mapped with their repository. */
import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../support/fakes/logger.js';
import { createTestCodeHost, fixture, github, GH_API_URL, useGitHubNock } from './github-nock.js';

useGitHubNock();

const QUERY = 'is:issue label:postmortem-action is:open';

describe('searchIssues', () => {
  it('follows the Link header across 2 pages and maps repository_url to owner/name', async () => {
    const port = createTestCodeHost();
    const next = `${GH_API_URL}/search/issues?q=${encodeURIComponent(QUERY)}&per_page=100&page=2`;
    github()
      .get('/search/issues')
      .query({ q: QUERY, per_page: '100' })
      .reply(200, fixture('search-issues.page-1.200.json'), { link: `<${next}>; rel="next", <${next}>; rel="last"` });
    github()
      .get('/search/issues')
      .query({ q: QUERY, per_page: '100', page: '2' })
      .reply(200, fixture('search-issues.page-2.200.json'), { link: `<${GH_API_URL}/search/issues?q=x&per_page=100&page=1>; rel="prev", <${GH_API_URL}/search/issues?q=x&per_page=100&page=1>; rel="first"` });

    const issues = await port.searchIssues(QUERY);

    expect(issues).toHaveLength(137);
    expect(new Set(issues.map((i) => i.number)).size).toBe(137);
    expect(issues[0]).toMatchObject({ repository: 'acme/checkout', number: 200, state: 'open', labels: ['postmortem-action', 'priority-p0'], assignees: ['alice-sre'], url: 'https://github.com/acme/checkout/issues/200' });
    expect(issues[61]).toMatchObject({ repository: 'acme/payments', number: 261, assignees: [] });
    expect(issues[136]).toMatchObject({ repository: 'acme/search', number: 336, assignees: ['bob-dev'], labels: ['postmortem-action'] });
    expect(port.reports).toEqual([{ operation: 'searchIssues', outcome: 'success' }]);
  });

  it('an empty search is one call and no issues', async () => {
    const port = createTestCodeHost();
    github().get('/search/issues').query({ q: QUERY, per_page: '100' }).reply(200, { total_count: 0, incomplete_results: false, items: [] });
    expect(await port.searchIssues(QUERY)).toEqual([]);
  });

  it('warns when GitHub counted more results than it served (the 1,000-result cap)', async () => {
    const logger = createSilentLogger();
    const port = createTestCodeHost({ logger });
    const page = fixture<{ items: unknown[] }>('search-issues.page-2.200.json');
    github().get('/search/issues').query(true).reply(200, { ...page, total_count: 1500 });
    const issues = await port.searchIssues(QUERY);
    expect(issues).toHaveLength(37);
    expect(logger.entries.find((e) => e.level === 'warn')?.obj).toMatchObject({ total: 1500, received: 37 });
  });
});
