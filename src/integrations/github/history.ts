/**
 * A repository's recent changes for the context snapshot: deployments, releases, pull requests merged to the
 * default branch and, when a path is given, the commits touching it. The requests run in parallel through the
 * adapter's client (timeout, throttling, retry). Any failed request fails the whole call with one GitHubError
 * naming every request that failed: the snapshot shows one line for GitHub, and a partial list would hide changes
 * exactly when someone is looking for the one that broke things.
 */
import type { Logger } from '../../core/ports.js';
import type { CodeHostChange } from '../../core/ports/code-host.js';
import type { GitHubClient } from './client.js';
import { GitHubError, toGitHubError } from './github-error.js';
import { parseRepository, type RepositoryName } from './wire.js';

/** Pages of 100 per kind; a bound so a busy repository cannot turn the snapshot into a crawl. */
export const MAX_HISTORY_PAGES = 10;
const PER_PAGE = 100;

export interface ChangeHistoryRequest {
  repository: string;
  since: Date;
  path: string | null;
  /** API host and per-attempt timeout, for error reasons. */
  host: string;
  timeoutMs: number;
  logger: Logger | undefined;
}

interface RepositoryInfo {
  defaultBranch: string;
  htmlUrl: string;
}

const dateOf = (value: string | null | undefined): Date | null => {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

/** Runs `work` and labels its failure with the request's name, so the one-line error says which request broke. */
async function labelled<T>(label: string, req: ChangeHistoryRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (raw) {
    const err = toGitHubError('changesSince', raw, req.host, req.timeoutMs);
    throw new GitHubError('changesSince', `${label}: ${err.reason}`, err.retryable, err.outcome, err.status, err.validation);
  }
}

/**
 * Follows pages of a newest-first list until `done(page)` says the rest is older than `since` or the page bound
 * is reached (logged: the list may be incomplete).
 */
async function pagesUntil<T>(pages: AsyncIterable<{ data: T[] }>, done: (page: T[]) => boolean, req: ChangeHistoryRequest, kind: string): Promise<T[]> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    items.push(...page.data);
    count += 1;
    if (done(page.data)) return items;
    if (count >= MAX_HISTORY_PAGES) {
      req.logger?.warn({ operation: 'changesSince', repository: req.repository, kind, pages: count }, 'GitHub change history stopped at the page bound: older changes are left out');
      return items;
    }
  }
  return items;
}

const olderThan = (since: Date) => (value: string | null | undefined) => {
  const date = dateOf(value);
  return date !== null && date < since;
};

async function repositoryInfo(octokit: GitHubClient, name: RepositoryName): Promise<RepositoryInfo> {
  const { data } = await octokit.rest.repos.get({ owner: name.owner, repo: name.repo });
  return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
}

async function deployments(octokit: GitHubClient, name: RepositoryName, req: ChangeHistoryRequest, repo: Promise<RepositoryInfo | null>): Promise<CodeHostChange[]> {
  const before = olderThan(req.since);
  const list = await pagesUntil(octokit.paginate.iterator(octokit.rest.repos.listDeployments, { ...name, per_page: PER_PAGE }), (page) => page.some((d) => before(d.created_at)), req, 'deployment');
  // A deployment's own link lives in its latest status: one more call per deployment, so link the list instead.
  const info = await repo;
  if (!info) return [];
  const url = `${info.htmlUrl}/deployments`;
  return list.flatMap((d): CodeHostChange[] => {
    const at = dateOf(d.created_at);
    if (!at || at < req.since) return [];
    const ref = d.ref && d.ref !== d.sha ? d.ref : d.sha.slice(0, 7);
    return [{ kind: 'deployment', at, title: `Deployment to ${d.environment} (${ref})`, url, author: d.creator?.login ?? null }];
  });
}

async function releases(octokit: GitHubClient, name: RepositoryName, req: ChangeHistoryRequest): Promise<CodeHostChange[]> {
  const before = olderThan(req.since);
  // Newest created first; a release created before `since` but published after it on a later page is missed.
  const list = await pagesUntil(octokit.paginate.iterator(octokit.rest.repos.listReleases, { ...name, per_page: PER_PAGE }), (page) => before(page.at(-1)?.created_at), req, 'release');
  return list.flatMap((r): CodeHostChange[] => {
    const at = dateOf(r.published_at); // drafts have none
    if (!at || at < req.since) return [];
    return [{ kind: 'release', at, title: r.name || r.tag_name, url: r.html_url, author: r.author?.login ?? null }];
  });
}

async function mergedPullRequests(octokit: GitHubClient, name: RepositoryName, req: ChangeHistoryRequest, repo: Promise<RepositoryInfo | null>): Promise<CodeHostChange[]> {
  const info = await repo;
  if (!info) return [];
  const base = info.defaultBranch;
  const before = olderThan(req.since);
  // Merging updates a pull request, so once updated_at is before `since` nothing later was merged in range.
  const params = { ...name, state: 'closed' as const, base, sort: 'updated' as const, direction: 'desc' as const, per_page: PER_PAGE };
  const list = await pagesUntil(octokit.paginate.iterator(octokit.rest.pulls.list, params), (page) => page.some((p) => before(p.updated_at)), req, 'pull_request');
  return list.flatMap((p): CodeHostChange[] => {
    const at = dateOf(p.merged_at); // closed without merging: null
    if (!at || at < req.since) return [];
    return [{ kind: 'pull_request', at, title: `PR #${p.number} ${p.title}`, url: p.html_url, author: p.user?.login ?? null }];
  });
}

async function pathCommits(octokit: GitHubClient, name: RepositoryName, req: ChangeHistoryRequest, path: string): Promise<CodeHostChange[]> {
  // `since` is applied by GitHub, so every page is in range; the bound still applies.
  const list = await pagesUntil(octokit.paginate.iterator(octokit.rest.repos.listCommits, { ...name, path, since: req.since.toISOString(), per_page: PER_PAGE }), () => false, req, 'commit');
  return list.flatMap((c): CodeHostChange[] => {
    // The committer date is when the change landed (a rebase or merge keeps the older author date).
    const at = dateOf(c.commit.committer?.date) ?? dateOf(c.commit.author?.date);
    if (!at) return [];
    const firstLine = c.commit.message.split('\n', 1)[0]?.trim() ?? '';
    return [{ kind: 'commit', at, title: `${path}: ${firstLine}`, url: c.html_url, author: c.author?.login ?? c.commit.author?.name ?? null }];
  });
}

/** Every change since `req.since`, newest first. Throws a GitHubError whose reason names each failed request. */
export async function fetchChangesSince(octokit: GitHubClient, req: ChangeHistoryRequest): Promise<CodeHostChange[]> {
  const name = parseRepository(req.repository);
  const repo = labelled(`repository ${req.repository}`, req, () => repositoryInfo(octokit, name));
  // Deployments and pull requests need the repository; when it fails they stand down and it is reported once.
  const info = repo.then((r) => r, () => null);
  const path = req.path?.trim() || null;
  const requests: Array<Promise<CodeHostChange[]>> = [
    repo.then(() => []),
    labelled('deployments', req, () => deployments(octokit, name, req, info)),
    labelled('releases', req, () => releases(octokit, name, req)),
    labelled('merged pull requests', req, () => mergedPullRequests(octokit, name, req, info)),
  ];
  if (path) requests.push(labelled(`commits to ${path}`, req, () => pathCommits(octokit, name, req, path)));
  const settled = await Promise.allSettled(requests);
  const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as GitHubError] : []));
  const [first] = failures;
  if (first) {
    const reason = failures.map((f) => f.reason).join('; ');
    throw new GitHubError('changesSince', reason, failures.every((f) => f.retryable), first.outcome, first.status, first.validation);
  }
  const changes = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  return changes.sort((a, b) => b.at.getTime() - a.at.getTime());
}
