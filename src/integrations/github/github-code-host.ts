/**
 * CodeHostPort over GitHub's REST API with octokit. Missing labels need no extra call: GitHub creates a label
 * passed by name to the issues API when it does not exist yet (the caller has push access, as Warroom's token
 * or App must). Every port call reports its duration and outcome once, through `onCall`.
 */
import { isDomainError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { CodeHostIssue, CodeHostPort } from '../../core/ports/code-host.js';
import { apiHost, createGitHubClient, DEFAULT_GITHUB_API_URL, DEFAULT_GITHUB_TIMEOUT_MS, type GitHubAuth, type GitHubClient } from './client.js';
import { type GitHubOperation, GitHubError, isInvalidAssignee, toGitHubError } from './github-error.js';
import { fetchChangesSince } from './history.js';
import { InvalidGitHubIssue, parseRepository, toCodeHostIssue } from './wire.js';

export interface GitHubCodeHostOptions {
  /** A token (GITHUB_TOKEN) or a GitHub App installation; never logged. */
  auth: GitHubAuth;
  /** GITHUB_API_URL: https://api.github.com (default) or GitHub Enterprise's https://ghe.example.com/api/v3. */
  apiUrl?: string;
  /** octokit's throttling (default true): right in production, off in unit tests. */
  throttle?: boolean;
  /** Retries of 5xx answers (default octokit's 3); 0 turns retrying off. */
  retries?: number;
  /** Per HTTP attempt; default 10 s. */
  timeoutMs?: number;
  /** Unit of retry-after waits and 5xx back-off, default 1000 ms; tests make it tiny. */
  retryAfterBaseMs?: number;
  logger?: Logger;
  /** Called once per port call: `success`, `not_found`, `http_<status>`, `rate_limited`, `timeout`, `unreachable`, `invalid_response`, `error`. */
  onCall?: (operation: GitHubOperation, durationMs: number, outcome: string) => void;
}

type Patch = { title?: string; body?: string; labels?: string[]; assignees?: string[]; state?: 'open' | 'closed' };

export function createGitHubCodeHost(options: GitHubCodeHostOptions): CodeHostPort {
  const apiUrl = options.apiUrl ?? DEFAULT_GITHUB_API_URL;
  const host = apiHost(apiUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS;
  const { logger } = options;
  const client = createGitHubClient({ auth: options.auth, apiUrl, throttle: options.throttle ?? true, retries: options.retries, timeoutMs, retryAfterBaseMs: options.retryAfterBaseMs, logger });

  async function run<T>(operation: GitHubOperation, context: object, work: (octokit: GitHubClient, setOutcome: (o: string) => void) => Promise<T>): Promise<T> {
    const started = performance.now();
    let outcome = 'success';
    try {
      return await work(await client(), (o) => (outcome = o));
    } catch (raw) {
      const err = raw instanceof InvalidGitHubIssue ? new GitHubError(operation, raw.message, false, 'invalid_response') : isDomainError(raw) ? raw : toGitHubError(operation, raw, host, timeoutMs);
      outcome = err instanceof GitHubError ? err.outcome : isDomainError(err) ? err.code.toLowerCase() : 'error';
      logger?.warn({ operation, ...context, outcome, reason: err instanceof GitHubError ? err.reason : String(err) }, 'GitHub call failed');
      throw err;
    } finally {
      const durationMs = performance.now() - started;
      logger?.debug({ operation, ...context, outcome, durationMs }, 'GitHub call');
      try {
        options.onCall?.(operation, durationMs, outcome);
      } catch {
        // A broken metrics callback must not fail the call.
      }
    }
  }

  /** One write; an unassignable login (422 on assignees) is retried once without assignees, with a warning. */
  async function withoutBadAssignees<T>(operation: GitHubOperation, context: object, assignees: string[] | undefined, call: (assignees: string[] | undefined) => Promise<T>): Promise<T> {
    try {
      return await call(assignees);
    } catch (raw) {
      const err = toGitHubError(operation, raw, host, timeoutMs);
      if (!assignees?.length || !isInvalidAssignee(err)) throw err;
      logger?.warn({ operation, ...context, assignees, reason: err.reason }, 'GitHub refused the assignees; retrying without them (the owner is named in the body)');
      return call(undefined);
    }
  }

  return {
    status: () => ({ configured: true, detail: `GitHub at ${host} (${'token' in options.auth ? 'token' : `GitHub App ${options.auth.appId}, installation ${options.auth.installationId}`})` }),

    createIssue(input) {
      const context = { repository: input.repository };
      return run('createIssue', context, async (octokit) => {
        const { owner, repo } = parseRepository(input.repository);
        const response = await withoutBadAssignees('createIssue', context, input.assignees, (assignees) =>
          octokit.rest.issues.create({ owner, repo, title: input.title, body: input.body, labels: input.labels, ...(assignees?.length ? { assignees } : {}) }),
        );
        return toCodeHostIssue(response.data, input.repository);
      });
    },

    updateIssue(input) {
      const context = { repository: input.repository, number: input.number };
      const patch: Patch = {};
      if (input.title !== undefined) patch.title = input.title;
      if (input.body !== undefined) patch.body = input.body;
      if (input.labels !== undefined) patch.labels = input.labels;
      if (input.state !== undefined) patch.state = input.state;
      return run('updateIssue', context, async (octokit) => {
        const { owner, repo } = parseRepository(input.repository);
        const response = await withoutBadAssignees('updateIssue', context, input.assignees, (assignees) =>
          octokit.rest.issues.update({ owner, repo, issue_number: input.number, ...patch, ...(assignees === undefined ? {} : { assignees }) }),
        );
        return toCodeHostIssue(response.data, input.repository);
      });
    },

    addComment(input) {
      return run('addComment', { repository: input.repository, number: input.number }, async (octokit) => {
        const { owner, repo } = parseRepository(input.repository);
        await octokit.rest.issues.createComment({ owner, repo, issue_number: input.number, body: input.body });
      });
    },

    getIssue(repository, number) {
      return run('getIssue', { repository, number }, async (octokit, setOutcome): Promise<CodeHostIssue | null> => {
        const { owner, repo } = parseRepository(repository);
        try {
          const response = await octokit.rest.issues.get({ owner, repo, issue_number: number });
          return toCodeHostIssue(response.data, repository);
        } catch (raw) {
          const err = toGitHubError('getIssue', raw, host, timeoutMs);
          // 404 is an answer (deleted, transferred, or never existed); 410 is a deleted issue.
          if (err.status !== 404 && err.status !== 410) throw err;
          setOutcome('not_found');
          return null;
        }
      });
    },

    searchIssues(query) {
      return run('searchIssues', { query }, async (octokit) => {
        const issues: CodeHostIssue[] = [];
        let total: number | null = null;
        let pages = 0;
        for await (const page of octokit.paginate.iterator('GET /search/issues', { q: query, per_page: 100 })) {
          pages += 1;
          const data = page.data as unknown as { total_count?: number; incomplete_results?: boolean } & unknown[];
          total ??= typeof data.total_count === 'number' ? data.total_count : null;
          if (data.incomplete_results) logger?.warn({ operation: 'searchIssues', query, page: pages }, 'GitHub search timed out on its side: results may be incomplete');
          for (const item of page.data) issues.push(toCodeHostIssue(item));
        }
        // GitHub serves at most 1,000 results per search: callers must narrow the query beyond that.
        if (total !== null && total > issues.length) logger?.warn({ operation: 'searchIssues', query, total, received: issues.length }, 'GitHub search returned fewer results than it counted (1,000-result cap)');
        logger?.debug({ operation: 'searchIssues', query, pages, results: issues.length }, 'GitHub search');
        return issues;
      });
    },

    changesSince(repository, since, opts) {
      const path = opts?.path ?? null;
      return run('changesSince', { repository, since: since.toISOString(), path }, (octokit) => fetchChangesSince(octokit, { repository, since, path, host, timeoutMs, logger }));
    },
  };
}
