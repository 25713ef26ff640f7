/**
 * changesSince: deployments, releases, pull requests merged to the default branch and commits to a path, mapped
 * and merged newest first; paging stops at `since`; one failed request fails the call naming it.
 */
import { describe, expect, it } from 'vitest';
import type { CodeHostChange } from '../../../src/core/ports/code-host.js';
import { GitHubError } from '../../../src/integrations/github/index.js';
import { createTestCodeHost, fixture, github, GH_API_URL, rejectionOf, useGitHubNock } from './github-nock.js';

useGitHubNock();

const REPO = '/repos/acme/checkout';
const SINCE = new Date('2024-05-14T12:00:00Z');
const PATH = 'deploy/values.yaml';

const PULLS_QUERY = { state: 'closed', base: 'main', sort: 'updated', direction: 'desc', per_page: '100' };

/** Link header pointing at page `n` of `endpoint` with `query`. */
function nextPage(endpoint: string, query: Record<string, string>, n: number): { link: string } {
  const url = `${GH_API_URL}${REPO}/${endpoint}?${new URLSearchParams({ ...query, page: String(n) }).toString()}`;
  return { link: `<${url}>; rel="next"` };
}

/** A page that must never be asked for: records whether it was. */
function forbiddenPage(endpoint: string, query: Record<string, string>, n: number): { requested: () => boolean } {
  let requested = false;
  github()
    .get(`${REPO}/${endpoint}`)
    .query({ ...query, page: String(n) })
    .optionally()
    .reply(() => {
      requested = true;
      return [200, []];
    });
  return { requested: () => requested };
}

function mockRepository(): void {
  github().get(REPO).reply(200, fixture('repo.200.json'));
}

function mockDeployments() {
  const query = { per_page: '100' };
  github().get(`${REPO}/deployments`).query(query).reply(200, fixture('deployments.page-1.200.json'), nextPage('deployments', query, 2));
  github().get(`${REPO}/deployments`).query({ ...query, page: '2' }).reply(200, fixture('deployments.page-2.200.json'), nextPage('deployments', query, 3));
  return forbiddenPage('deployments', query, 3);
}

function mockReleases() {
  const query = { per_page: '100' };
  github().get(`${REPO}/releases`).query(query).reply(200, fixture('releases.200.json'), nextPage('releases', query, 2));
  return forbiddenPage('releases', query, 2);
}

function mockPulls() {
  github().get(`${REPO}/pulls`).query(PULLS_QUERY).reply(200, fixture('pulls-closed.page-1.200.json'), nextPage('pulls', PULLS_QUERY, 2));
  github().get(`${REPO}/pulls`).query({ ...PULLS_QUERY, page: '2' }).reply(200, fixture('pulls-closed.page-2.200.json'), nextPage('pulls', PULLS_QUERY, 3));
  return forbiddenPage('pulls', PULLS_QUERY, 3);
}

function mockCommits(): void {
  github().get(`${REPO}/commits`).query({ path: PATH, since: '2024-05-14T12:00:00.000Z', per_page: '100' }).reply(200, fixture('commits-path.200.json'));
}

const ofKind = (changes: CodeHostChange[], kind: CodeHostChange['kind']) => changes.filter((c) => c.kind === kind);
const iso = (changes: CodeHostChange[]) => changes.map((c) => c.at.toISOString());

describe('changesSince', () => {
  it('maps deployments: environment and ref (or short sha), creator, the repository deployments page', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    mockReleases();
    mockPulls();

    const deployments = ofKind(await port.changesSince('acme/checkout', SINCE), 'deployment');

    const url = 'https://github.com/acme/checkout/deployments';
    expect(deployments).toEqual([
      { kind: 'deployment', at: new Date('2024-05-15T10:40:00Z'), title: 'Deployment to production (main)', url, author: 'deploy-bot[bot]' },
      { kind: 'deployment', at: new Date('2024-05-15T09:00:00Z'), title: 'Deployment to staging (9f8e7d6)', url, author: 'alice-sre' },
      { kind: 'deployment', at: new Date('2024-05-14T20:00:00Z'), title: 'Deployment to production (v2.3.0)', url, author: null },
      { kind: 'deployment', at: new Date('2024-05-14T13:00:00Z'), title: 'Deployment to production (v2.2.9)', url, author: 'bob-dev' },
    ]);
    expect(port.reports).toEqual([{ operation: 'changesSince', outcome: 'success' }]);
  });

  it('maps published releases since the cut-off (name, or the tag when unnamed); drafts and older releases are left out', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    mockReleases();
    mockPulls();

    const releases = ofKind(await port.changesSince('acme/checkout', SINCE), 'release');

    expect(releases).toEqual([
      { kind: 'release', at: new Date('2024-05-14T19:30:00Z'), title: 'v2.3.0 – faster checkout', url: 'https://github.com/acme/checkout/releases/tag/v2.3.0', author: 'carol-rel' },
      { kind: 'release', at: new Date('2024-05-14T12:30:00Z'), title: 'v2.2.9', url: 'https://github.com/acme/checkout/releases/tag/v2.2.9', author: 'bob-dev' },
    ]);
  });

  it('keeps pull requests merged since the cut-off into the default branch, not closed-unmerged or merged earlier', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    mockReleases();
    mockPulls();

    const pulls = ofKind(await port.changesSince('acme/checkout', SINCE), 'pull_request');

    // #511 was closed without merging; #509 was updated in range but merged before it; #500 is older.
    expect(pulls).toEqual([
      { kind: 'pull_request', at: new Date('2024-05-15T10:30:00Z'), title: 'PR #512 Cache cart totals', url: 'https://github.com/acme/checkout/pull/512', author: 'dave-dev' },
      { kind: 'pull_request', at: new Date('2024-05-14T12:05:00Z'), title: 'PR #508 Drop the legacy tax endpoint', url: 'https://github.com/acme/checkout/pull/508', author: 'erin-dev' },
    ]);
  });

  it('asks for pull requests against the default branch the repository names', async () => {
    const port = createTestCodeHost();
    github().get(REPO).reply(200, { ...fixture('repo.200.json'), default_branch: 'trunk' });
    github().get(`${REPO}/deployments`).query(true).reply(200, []);
    github().get(`${REPO}/releases`).query(true).reply(200, []);
    github()
      .get(`${REPO}/pulls`)
      .query({ ...PULLS_QUERY, base: 'trunk' })
      .reply(200, fixture('pulls-closed.page-2.200.json'));

    expect(await port.changesSince('acme/checkout', SINCE)).toEqual([expect.objectContaining({ title: 'PR #508 Drop the legacy tax endpoint' })]);
  });

  it('stops paging once a page reaches past the cut-off', async () => {
    const port = createTestCodeHost();
    mockRepository();
    const deployments = mockDeployments();
    const releases = mockReleases();
    const pulls = mockPulls();

    await port.changesSince('acme/checkout', SINCE);

    // Page 2 of deployments and pull requests was followed (page 1 was all in range); nothing after the cut-off was.
    expect(deployments.requested()).toBe(false);
    expect(releases.requested()).toBe(false);
    expect(pulls.requested()).toBe(false);
  });

  it('with a path: adds the commits touching it (GitHub applies since), first line of the message, login or author name', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    mockReleases();
    mockPulls();
    mockCommits();

    const changes = await port.changesSince('acme/checkout', SINCE, { path: PATH });

    expect(ofKind(changes, 'commit')).toEqual([
      { kind: 'commit', at: new Date('2024-05-15T10:10:00Z'), title: 'deploy/values.yaml: Raise checkout pool size to 64', url: 'https://github.com/acme/checkout/commit/c0ffee00112233445566778899aabbccddeeff00', author: 'frank-ops' },
      // No GitHub user behind the commit: the git author's name; the committer date is when it landed.
      { kind: 'commit', at: new Date('2024-05-14T18:00:00Z'), title: 'deploy/values.yaml: Lower cart cache TTL', url: 'https://github.com/acme/checkout/commit/beef0000112233445566778899aabbccddeeff11', author: 'Grace Ops' },
    ]);
    // Every kind merged, newest first.
    expect(iso(changes)).toEqual([
      '2024-05-15T10:40:00.000Z', // deployment
      '2024-05-15T10:30:00.000Z', // PR #512
      '2024-05-15T10:10:00.000Z', // commit
      '2024-05-15T09:00:00.000Z', // deployment (staging)
      '2024-05-14T20:00:00.000Z', // deployment
      '2024-05-14T19:30:00.000Z', // release v2.3.0
      '2024-05-14T18:00:00.000Z', // commit
      '2024-05-14T13:00:00.000Z', // deployment
      '2024-05-14T12:30:00.000Z', // release v2.2.9
      '2024-05-14T12:05:00.000Z', // PR #508
    ]);
    expect(changes.map((c) => c.kind)).toEqual(['deployment', 'pull_request', 'commit', 'deployment', 'deployment', 'release', 'commit', 'deployment', 'release', 'pull_request']);
  });

  it('without a path (absent or null): no commits request', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    mockReleases();
    mockPulls();
    // No commits interceptor: a commits request would fail the call (network is off).
    const changes = await port.changesSince('acme/checkout', SINCE, { path: null });
    expect(ofKind(changes, 'commit')).toEqual([]);
    expect(changes).toHaveLength(8);
  });
});

describe('changesSince failing', () => {
  async function failure(promise: Promise<unknown>): Promise<GitHubError> {
    const err = await rejectionOf(promise);
    expect(err).toBeInstanceOf(GitHubError);
    return err as GitHubError;
  }

  it('a 500 on releases fails the call with an IntegrationError naming the releases request', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    github().get(`${REPO}/releases`).query(true).reply(500, fixture('error-500.json'));
    mockPulls();

    const err = await failure(port.changesSince('acme/checkout', SINCE));

    expect(err).toMatchObject({ integration: 'github', operation: 'changesSince', reason: 'releases: 500 Server Error', retryable: true, status: 500 });
    expect(err.message).toBe('github changesSince failed: releases: 500 Server Error');
    expect(port.reports).toEqual([{ operation: 'changesSince', outcome: 'http_500' }]);
  });

  it('the path commits failing is named with the path', async () => {
    const port = createTestCodeHost();
    mockRepository();
    mockDeployments();
    mockReleases();
    mockPulls();
    github().get(`${REPO}/commits`).query(true).reply(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/commits/commits#list-commits', status: '403' });

    const err = await failure(port.changesSince('acme/checkout', SINCE, { path: PATH }));
    expect(err).toMatchObject({ reason: 'commits to deploy/values.yaml: 403 Resource not accessible by integration', retryable: false });
  });

  it('the repository lookup failing is reported once, and the requests that need it stand down', async () => {
    const port = createTestCodeHost();
    github().get(REPO).reply(404, fixture('error-404.json'));
    github().get(`${REPO}/deployments`).query(true).reply(404, fixture('error-404.json'));
    github().get(`${REPO}/releases`).query(true).reply(200, []);

    const err = await failure(port.changesSince('acme/checkout', SINCE));
    // Deployments failed on their own too: each failed request is named; the pulls request was never made.
    expect(err.reason).toBe('repository acme/checkout: 404 Not Found; deployments: 404 Not Found');
    expect(err.retryable).toBe(false);
  });

  it('a repository that is not owner/name is the caller’s mistake, before any request', async () => {
    const port = createTestCodeHost();
    await expect(port.changesSince('checkout', SINCE)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
