/**
 * GitHub failing: 4xx with GitHub's message and validation errors, 5xx, a 403 secondary rate limit (retried after
 * retry-after when throttling is on), timeouts; and GitHub Enterprise's base URL. Errors never carry the token.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { createSilentLogger } from '../../support/fakes/logger.js';
import { createTestCodeHost, fixture, github, GH_TOKEN, rejectionOf, useGitHubNock } from './github-nock.js';

useGitHubNock();

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  const err = await rejectionOf(promise);
  expect(err).toBeInstanceOf(IntegrationError);
  const error = err as IntegrationError;
  expect(error.integration).toBe('github');
  expect(`${error.message} ${error.reason}`).not.toContain(GH_TOKEN);
  return error;
}

const item = { repository: 'acme/checkout', title: 'T', body: 'B', labels: ['postmortem-action'], assignees: [] };

describe('GitHub answering with an error', () => {
  it('500 with retries off: IntegrationError naming the status and message, retryable', async () => {
    const port = createTestCodeHost();
    github().post('/repos/acme/checkout/issues/7/comments').reply(500, fixture('error-500.json'));
    const err = await failure(port.addComment({ repository: 'acme/checkout', number: 7, body: 'x' }));
    expect(err).toMatchObject({ operation: 'addComment', reason: '500 Server Error', retryable: true });
    expect(port.reports).toEqual([{ operation: 'addComment', outcome: 'http_500' }]);
  });

  it('500 with retries on: retried, then succeeds', async () => {
    const port = createTestCodeHost({ retries: 1 });
    github().get('/repos/acme/checkout/issues/120').reply(502, 'Bad Gateway', { 'content-type': 'text/html' });
    github().get('/repos/acme/checkout/issues/120').reply(200, fixture('get-issue.200.json'));
    expect(await port.getIssue('acme/checkout', 120)).toMatchObject({ number: 120 });
  });

  it('422 not about assignees: every validation detail in the reason, not retried, not retryable', async () => {
    const port = createTestCodeHost();
    const body = { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }, { resource: 'Label', code: 'custom', field: 'name', message: 'name is too long' }], documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue', status: '422' };
    github().post('/repos/acme/checkout/issues').reply(422, body);
    const err = await failure(port.createIssue(item));
    expect(err).toMatchObject({ operation: 'createIssue', reason: '422 Validation Failed: title missing_field; name name is too long', retryable: false });
  });

  it('401 bad credentials: not retryable, the token is not logged', async () => {
    const logger = createSilentLogger();
    const port = createTestCodeHost({ logger });
    github().get('/repos/acme/checkout/issues/1').reply(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const err = await failure(port.getIssue('acme/checkout', 1));
    expect(err).toMatchObject({ reason: '401 Bad credentials', retryable: false });
    expect(logger.entries.find((e) => e.level === 'warn')?.obj).toMatchObject({ operation: 'getIssue', outcome: 'http_401', reason: '401 Bad credentials' });
    expect(JSON.stringify(logger.entries)).not.toContain(GH_TOKEN);
  });

  it('403 secondary rate limit with throttling off: a retryable rate_limited error', async () => {
    const port = createTestCodeHost();
    github().get('/repos/acme/checkout/issues/120').reply(403, fixture('error-403-secondary-rate-limit.json'), { 'retry-after': '1' });
    const err = await failure(port.getIssue('acme/checkout', 120));
    expect(err.retryable).toBe(true);
    expect(err.reason).toMatch(/^403 You have exceeded a secondary rate limit/);
    expect(port.reports).toEqual([{ operation: 'getIssue', outcome: 'rate_limited' }]);
  });

  it('403 secondary rate limit with retry-after, throttling on: retried once after the wait, then succeeds', async () => {
    const logger = createSilentLogger();
    const port = createTestCodeHost({ throttle: true, logger, retryAfterBaseMs: 1 });
    github().get('/repos/acme/checkout/issues/120').reply(403, fixture('error-403-secondary-rate-limit.json'), { 'retry-after': '1' });
    github().get('/repos/acme/checkout/issues/120').reply(200, fixture('get-issue.200.json'));

    expect(await port.getIssue('acme/checkout', 120)).toMatchObject({ number: 120, repository: 'acme/checkout' });

    const warning = logger.entries.find((e) => e.level === 'warn');
    expect(warning?.obj).toMatchObject({ kind: 'secondary-rate-limit', method: 'GET', retryAfterSeconds: 1, retryCount: 0, retry: true });
    expect(port.reports).toEqual([{ operation: 'getIssue', outcome: 'success' }]);
  });

  it('a rate limit that does not lift: retried a bounded number of times, then a retryable error', async () => {
    const port = createTestCodeHost({ throttle: true, retryAfterBaseMs: 1 });
    github().get('/repos/acme/checkout/issues/120').times(3).reply(403, fixture('error-403-secondary-rate-limit.json'), { 'retry-after': '1' });
    const err = await failure(port.getIssue('acme/checkout', 120));
    expect(err).toMatchObject({ retryable: true });
    expect(port.reports).toEqual([{ operation: 'getIssue', outcome: 'rate_limited' }]);
  });

  it('a GitHub that does not answer in time: a retryable timeout', async () => {
    const port = createTestCodeHost({ timeoutMs: 50 });
    github().get('/repos/acme/checkout/issues/120').delay(500).reply(200, fixture('get-issue.200.json'));
    const err = await failure(port.getIssue('acme/checkout', 120));
    expect(err).toMatchObject({ retryable: true, reason: 'api.github.com did not answer within 50 ms' });
  });
});

describe('GitHub Enterprise', () => {
  it('calls the configured API URL, and status names that host, not the token', async () => {
    const apiUrl = 'https://ghe.example.com/api/v3';
    const port = createTestCodeHost({ apiUrl });
    const issue = fixture<Record<string, unknown>>('get-issue.200.json');
    github(apiUrl).get('/repos/acme/checkout/issues/120').reply(200, { ...issue, html_url: 'https://ghe.example.com/acme/checkout/issues/120' });
    const search = fixture<{ items: Record<string, unknown>[] }>('search-issues.page-2.200.json');
    const items = search.items.slice(0, 1).map((i) => ({ ...i, repository_url: 'https://ghe.example.com/api/v3/repos/acme/search' }));
    github(apiUrl).get('/search/issues').query(true).reply(200, { total_count: 1, incomplete_results: false, items });

    expect(await port.getIssue('acme/checkout', 120)).toMatchObject({ url: 'https://ghe.example.com/acme/checkout/issues/120' });
    expect(await port.searchIssues('label:postmortem-action')).toMatchObject([{ repository: 'acme/search', number: 300 }]);
    expect(port.status()).toEqual({ configured: true, detail: 'GitHub at ghe.example.com (token)' });
    expect(nock.isDone()).toBe(true);
  });
});
