/**
 * The one outbound Slack Web API client (DESIGN §4): base URL from SLACK_API_URL, a request timeout, bounded retries
 * with backoff for 5xx and network errors, and 429s waited out for as long as Retry-After says.
 *
 * This relies on @slack/web-api 7's own machinery rather than a second retry layer: with `rejectRateLimitedCalls: false`
 * a 429 pauses the client's request queue for Retry-After seconds and then retries, and `retryConfig` (p-retry options)
 * bounds how often and for how long; `ok: false` answers are never retried. A 429 counts as one of the retries.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../core/ports.js';
import { toSlackLogger } from './slack-logger.js';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
export const DEFAULT_SLACK_TIMEOUT_MS = 10_000;
export const DEFAULT_SLACK_MAX_RETRIES = 3;

export interface SlackWebClientOptions {
  token: string;
  /** Web API base URL (SLACK_API_URL); a trailing slash is added when missing. */
  apiUrl?: string;
  /** Per-attempt request timeout; default 10 s. */
  timeoutMs?: number;
  logger?: Logger;
  /** Retries after the first attempt for 5xx, network errors, timeouts and 429s; default 3. */
  maxRetries?: number;
  /** First backoff delay, doubling up to `retryMaxDelayMs`; default 1 s (tests use a few ms). */
  retryMinDelayMs?: number;
  /** Longest backoff delay; default 8 s. */
  retryMaxDelayMs?: number;
  /** No retry starts after this much time since the first attempt; default 30 s. */
  maxRetryTimeMs?: number;
}

/** Web API base URL with its trailing slash; rejects anything that is not an http(s) URL. */
export function normalizeSlackApiUrl(url: string | undefined): string {
  const value = url?.trim() || DEFAULT_SLACK_API_URL;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`SLACK_API_URL is not a URL: ${value}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`SLACK_API_URL must be http(s): ${value}`);
  return value.endsWith('/') ? value : `${value}/`;
}

/**
 * WebClient options for our policy, also usable as Bolt's `clientOptions` so the client Bolt hands to listeners
 * follows the same base URL, timeout and retry rules.
 */
export function slackWebClientOptions(options: Omit<SlackWebClientOptions, 'token'> & { token?: string }): WebClientOptions {
  const minTimeout = options.retryMinDelayMs ?? 1_000;
  return {
    slackApiUrl: normalizeSlackApiUrl(options.apiUrl),
    timeout: options.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS,
    rejectRateLimitedCalls: false,
    retryConfig: {
      retries: Math.max(0, options.maxRetries ?? DEFAULT_SLACK_MAX_RETRIES),
      factor: 2,
      minTimeout,
      maxTimeout: Math.max(minTimeout, options.retryMaxDelayMs ?? 8_000),
      maxRetryTime: options.maxRetryTimeMs ?? 30_000,
      randomize: true,
    },
    logger: toSlackLogger(options.logger, { secrets: options.token ? [options.token] : [] }),
    // The SDK would otherwise attach the raw axios error, whose request config carries the Authorization header.
    attachOriginalToWebAPIRequestError: false,
    // Method names only: never let a caller-supplied absolute URL carry the bot token elsewhere.
    allowAbsoluteUrls: false,
  };
}

export function createSlackWebClient(options: SlackWebClientOptions): WebClient {
  if (!options.token) throw new Error('A Slack bot token is required (SLACK_BOT_TOKEN).');
  return new WebClient(options.token, slackWebClientOptions(options));
}
