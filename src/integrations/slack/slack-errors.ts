/**
 * Translates @slack/web-api errors into the core's IntegrationError: integration 'slack', the Web API method as the
 * operation, and Slack's error code first in the reason (`channel_not_found`, `missing_scope (needed: chat:write)`).
 */
import { ErrorCode } from '@slack/web-api';
import { IntegrationError } from '../../core/errors.js';

/** Slack error codes that say "try again later" rather than "this request is wrong". */
const RETRYABLE_CODES = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** An IntegrationError that also carries Slack's error code, for callers that branch on it. */
export class SlackApiError extends IntegrationError {
  constructor(
    operation: string,
    readonly code: string,
    reason: string,
    retryable: boolean,
    /** Slack's whole `ok: false` answer (per-user `errors`, `needed` scope, …); never holds the token. */
    readonly data: Record<string, unknown> = {},
  ) {
    super('slack', operation, reason, retryable);
    this.name = 'SlackApiError';
  }
}

interface SdkError {
  code?: unknown;
  message?: unknown;
  data?: { error?: unknown; needed?: unknown } & Record<string, unknown>;
  statusCode?: unknown;
  retryAfter?: unknown;
}

/** Slack's `error` field of an `ok: false` answer, or undefined for any other failure. */
export function platformErrorCode(err: unknown): string | undefined {
  const e = err as SdkError | null;
  if (e?.code !== ErrorCode.PlatformError) return undefined;
  return typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
}

export function toSlackError(operation: string, err: unknown): SlackApiError {
  if (err instanceof SlackApiError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkError;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const platform = platformErrorCode(err);
  if (platform !== undefined) {
    const needed = typeof e.data?.needed === 'string' ? ` (needed: ${e.data.needed})` : '';
    return new SlackApiError(operation, platform, `${platform}${needed}`, RETRYABLE_CODES.has(platform), { ...e.data });
  }
  if (e.code === ErrorCode.RateLimitedError) {
    return new SlackApiError(operation, 'ratelimited', `ratelimited (retry after ${String(e.retryAfter)} s)`, true);
  }
  if (e.code === ErrorCode.HTTPError) {
    const status = Number(e.statusCode);
    return new SlackApiError(operation, `http_${status}`, `http_${status}`, status >= 500 || status === 429);
  }
  if (e.code === ErrorCode.RequestError) {
    // Messages look like "A request error occurred: timeout of 100ms exceeded" or "…: connect ECONNREFUSED …".
    const detail = message.replace(/^A request error occurred:\s*/, '');
    const code = /timeout/i.test(detail) ? 'timeout' : 'request_error';
    return new SlackApiError(operation, code, `${code}: ${detail}`, true);
  }
  // What p-retry rethrows when retries run out on 429s: a plain Error from the SDK.
  if (/rate limit was exceeded/i.test(message)) return new SlackApiError(operation, 'ratelimited', 'ratelimited (retries exhausted)', true);
  return new SlackApiError(operation, 'unknown_error', message, false);
}
