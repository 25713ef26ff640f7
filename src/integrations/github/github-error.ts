/**
 * GitHub's failures as IntegrationErrors a person can act on: `<status> <GitHub message>` plus every validation
 * detail in `errors[]` (`422 Validation Failed: assignees invalid (nobody)`), or the transport failure.
 * Rate limits (primary or secondary), 5xx, timeouts and network failures are retryable; other 4xx are not.
 */
import { STATUS_CODES } from 'node:http';
import { IntegrationError } from '../../core/errors.js';
import { isRecord } from './wire.js';

/** The port method that failed; also the label passed to `onCall`. */
export type GitHubOperation = 'createIssue' | 'updateIssue' | 'addComment' | 'getIssue' | 'searchIssues' | 'changesSince';

export interface GitHubValidationDetail {
  resource: string | null;
  field: string | null;
  code: string | null;
  message: string | null;
  value: unknown;
}

/** An IntegrationError that also says, in one word, how the call ended (for metrics), and what GitHub answered. */
export class GitHubError extends IntegrationError {
  constructor(
    operation: GitHubOperation,
    reason: string,
    retryable: boolean,
    readonly outcome: string,
    readonly status: number | null = null,
    readonly validation: GitHubValidationDetail[] = [],
  ) {
    super('github', operation, reason, retryable);
  }
}

/** The shape of octokit's RequestError that matters here (read structurally: no instanceof across copies). */
interface RequestErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
  cause?: unknown;
}

function isRequestError(err: unknown): err is RequestErrorLike {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number';
}

export function validationDetailsOf(data: unknown): GitHubValidationDetail[] {
  if (!isRecord(data) || !Array.isArray(data.errors)) return [];
  return data.errors.map((e) => {
    // GitHub sometimes sends errors[] as plain strings.
    if (!isRecord(e)) return { resource: null, field: null, code: null, message: String(e), value: undefined };
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return { resource: text(e.resource), field: text(e.field), code: text(e.code), message: text(e.message), value: e.value };
  });
}

function describeDetail(d: GitHubValidationDetail): string {
  if (d.message && !d.field) return d.message;
  const value = d.value === undefined || d.value === null ? '' : ` (${Array.isArray(d.value) ? d.value.join(', ') : String(d.value)})`;
  const what = [d.field, d.code === 'custom' ? null : d.code, d.code === 'custom' ? d.message : null].filter(Boolean).join(' ');
  return `${what || (d.message ?? 'invalid')}${value}`;
}

function isRateLimited(err: RequestErrorLike, message: string): boolean {
  if (err.status !== 403 && err.status !== 429) return false;
  const headers = err.response?.headers ?? {};
  return err.status === 429 || /rate limit/i.test(message) || String(headers['x-ratelimit-remaining']) === '0';
}

function nameOf(err: unknown): string {
  return err instanceof Error || (isRecord(err) && typeof err.name === 'string') ? String((err as { name: string }).name) : '';
}

export function isTimeout(err: unknown): boolean {
  const cause = isRecord(err) || err instanceof Error ? (err as { cause?: unknown }).cause : undefined;
  return nameOf(err) === 'TimeoutError' || nameOf(cause) === 'TimeoutError' || nameOf(err) === 'AbortError';
}

/** Any failure of an octokit call as a GitHubError for `operation`. `host` names the API host, never the token. */
export function toGitHubError(operation: GitHubOperation, err: unknown, host: string, timeoutMs: number): GitHubError {
  if (err instanceof GitHubError) return err;
  if (isTimeout(err)) return new GitHubError(operation, `${host} did not answer within ${timeoutMs} ms`, true, 'timeout');
  if (!isRequestError(err)) return new GitHubError(operation, err instanceof Error ? err.message : String(err), false, 'error');
  const data = err.response?.data;
  if (!err.response) {
    // octokit reports a failed fetch (DNS, refused, reset) as a 500 without a response.
    return new GitHubError(operation, `${host} is unreachable: ${err.message}`, true, 'unreachable');
  }
  const message = isRecord(data) && typeof data.message === 'string' ? data.message : (STATUS_CODES[err.status] ?? 'HTTP error');
  const validation = validationDetailsOf(data);
  const details = validation.length > 0 ? `: ${validation.map(describeDetail).join('; ')}` : '';
  const reason = `${err.status} ${message}${details}`;
  if (isRateLimited(err, message)) return new GitHubError(operation, `${reason} (rate limited by ${host})`, true, 'rate_limited', err.status, validation);
  return new GitHubError(operation, reason, err.status >= 500, `http_${err.status}`, err.status, validation);
}

/** 422 whose validation errors point at `assignees` (a login that cannot be assigned in this repository). */
export function isInvalidAssignee(err: unknown): boolean {
  return err instanceof GitHubError && err.status === 422 && err.validation.some((d) => d.field === 'assignees' || d.field === 'assignee');
}
