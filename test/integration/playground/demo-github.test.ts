/**
 * The playground's demo GitHub against the bot's real GitHub adapter (octokit over loopback http): issues with
 * labels and assignees, search, comments, closing, the recent changes of the context snapshot, and the issue pages
 * behind html_url, which must show chat-written text escaped.
 */
import { Octokit } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeHostPort } from '../../../src/core/ports/code-host.js';
import { createGitHubCodeHost, GitHubError } from '../../../src/integrations/github/index.js';
import { type DemoGitHub, SEEDED_CONFIG_PATH, startDemoGitHub } from '../../../src/playground/github/index.js';

const REPOSITORY = 'acme/checkout';
let demo: DemoGitHub;
let github: CodeHostPort;

function adapter(token = demo.token): CodeHostPort {
  // Throttling off: it spaces writes a second apart, which only slows the test.
  return createGitHubCodeHost({ auth: { token }, apiUrl: demo.url, throttle: false, retries: 0, timeoutMs: 2_000 });
}

beforeEach(async () => {
  demo = await startDemoGitHub({ owner: 'acme', repo: 'checkout', logins: ['carol', 'dave'], seedChanges: true });
  github = adapter();
});

afterEach(() => demo.close());

const newIssue = (title: string, extra: { labels?: string[]; assignees?: string[]; body?: string } = {}) =>
  github.createIssue({ repository: REPOSITORY, title, body: extra.body ?? 'Follow-up of the checkout outage.', labels: extra.labels ?? ['postmortem-action'], assignees: extra.assignees ?? [] });

describe('issues through the real adapter', () => {
  it('creates, finds, comments on and closes an issue', async () => {
    let changes = 0;
    demo.onChange(() => (changes += 1));
    const created = await newIssue('Add a pool-size alert', { labels: ['postmortem-action', 'priority-p1'], assignees: ['carol'] });
    expect(created).toMatchObject({ repository: REPOSITORY, state: 'open', labels: ['postmortem-action', 'priority-p1'], assignees: ['carol'], closedAt: null });
    expect(created.number).toBeGreaterThan(2); // the seeded pull requests took the first numbers
    expect(created.url).toBe(`${demo.url}/acme/checkout/issues/${created.number}`);

    const found = await github.searchIssues('is:issue label:postmortem-action is:open');
    expect(found.map((i) => [i.repository, i.number])).toEqual([[REPOSITORY, created.number]]);
    expect(await github.searchIssues('is:issue label:postmortem-action label:priority-p2')).toEqual([]);
    expect((await github.searchIssues('repo:acme/checkout pool-size')).map((i) => i.number)).toEqual([created.number]);

    await github.addComment({ repository: REPOSITORY, number: created.number, body: 'Validated in staging.' });
    const closed = await github.updateIssue({ repository: REPOSITORY, number: created.number, state: 'closed' });
    expect(closed.state).toBe('closed');
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(await github.getIssue(REPOSITORY, created.number)).toMatchObject({ state: 'closed' });
    expect(await github.searchIssues('is:issue label:postmortem-action is:open')).toEqual([]);
    expect(await github.getIssue(REPOSITORY, 999)).toBeNull();

    expect(demo.issues()).toEqual([
      expect.objectContaining({ number: created.number, state: 'closed', labels: ['postmortem-action', 'priority-p1'], assignees: ['carol'], url: created.url, body: 'Follow-up of the checkout outage.' }),
    ]);
    expect(changes).toBe(3);
  });

  it('refuses an unknown assignee with GitHub’s 422, which the adapter answers by creating the issue unassigned', async () => {
    const created = await newIssue('Owner left the company', { assignees: ['mallory'] });
    expect(created.assignees).toEqual([]);
    expect(demo.issues()).toHaveLength(1);
  });

  it('updates labels and assignees, and refuses another repository with 404', async () => {
    const created = await newIssue('Tune retries');
    const updated = await github.updateIssue({ repository: REPOSITORY, number: created.number, labels: ['postmortem'], assignees: ['Dave'] });
    expect(updated).toMatchObject({ labels: ['postmortem'], assignees: ['dave'] });
    await expect(github.getIssue('acme/other', created.number)).resolves.toBeNull();
    await expect(github.createIssue({ repository: 'acme/other', title: 't', body: '', labels: [], assignees: [] })).rejects.toThrow(/404 Not Found/);
  });

  it('answers a wrong token with 401 Bad credentials', async () => {
    const err = await adapter('ghp_wrong').getIssue(REPOSITORY, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubError);
    expect(err).toMatchObject({ status: 401, reason: '401 Bad credentials' });
  });

  it('pages its lists with a Link header that octokit follows; Bearer tokens work too', async () => {
    for (const title of ['one', 'two', 'three']) await newIssue(title);
    const first = await fetch(`${demo.url}/search/issues?q=is:issue&per_page=2`, { headers: { authorization: `Bearer ${demo.token}` } });
    expect(first.status).toBe(200);
    expect(first.headers.get('link')).toMatch(/page=2>; rel="next"/);
    expect(await first.json()).toMatchObject({ total_count: 3, incomplete_results: false, items: [{ title: 'three' }, { title: 'two' }] });

    const octokit = new Octokit({ auth: demo.token, baseUrl: demo.url });
    const all = await octokit.paginate('GET /repos/{owner}/{repo}/issues', { owner: 'acme', repo: 'checkout', per_page: 2 });
    expect(all.map((i) => i.title)).toEqual(['three', 'two', 'one']);
  });
});

describe('recent changes for the context snapshot', () => {
  it('finds the seeded merged pull request, release and deployment, and the config commit for a path', async () => {
    const since = new Date(Date.now() - 6 * 3600_000);
    const changes = await github.changesSince(REPOSITORY, since);
    expect(changes.map((c) => c.kind)).toEqual(['deployment', 'release', 'pull_request']);
    expect(changes.every((c) => c.at >= since && c.url?.startsWith(demo.url))).toBe(true);
    expect(changes[2]?.title).toMatch(/^PR #\d+ Raise checkout DB connection pool/);

    const withPath = await github.changesSince(REPOSITORY, since, { path: SEEDED_CONFIG_PATH });
    expect(withPath.filter((c) => c.kind === 'commit').map((c) => c.title)).toEqual([`${SEEDED_CONFIG_PATH}: checkout: lower payment gateway timeout to 2s`]);

    expect(await github.changesSince(REPOSITORY, new Date())).toEqual([]);
  });

  it('has no history without seedChanges', async () => {
    const bare = await startDemoGitHub({ owner: 'acme', repo: 'checkout', logins: [] });
    try {
      const port = createGitHubCodeHost({ auth: { token: bare.token }, apiUrl: bare.url, throttle: false, retries: 0 });
      expect(await port.changesSince(REPOSITORY, new Date(0))).toEqual([]);
      expect((await port.createIssue({ repository: REPOSITORY, title: 'first', body: '', labels: [], assignees: [] })).number).toBe(1);
    } finally {
      await bare.close();
    }
  });
});

describe('the pages behind html_url', () => {
  it('shows an issue’s title, labels, assignees and body, all escaped, without a token', async () => {
    const created = await newIssue('<script>alert("title")</script> pool', { labels: ['<b>bold</b>'], assignees: ['carol'], body: '## Steps\n<script>alert(1)</script>\n- [ ] check `pool`' });
    await github.addComment({ repository: REPOSITORY, number: created.number, body: '<img src=x onerror=alert(2)>' });
    const response = await fetch(created.url);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; pool');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('carol');
    expect(html).toContain('## Steps\n&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img|<b>bold/);
  });

  it('serves the seeded pull request and release pages, and 404 for anything else', async () => {
    const [pr, release] = (await github.changesSince(REPOSITORY, new Date(Date.now() - 6 * 3600_000))).filter((c) => c.kind !== 'deployment').reverse();
    expect((await fetch(pr?.url ?? '')).status).toBe(200);
    expect(await (await fetch(release?.url ?? '')).text()).toContain('v1.42.0');
    expect((await fetch(`${demo.url}/acme/checkout/issues/999`)).status).toBe(404);
  });
});
