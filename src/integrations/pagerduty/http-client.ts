/**
 * Raw calls to PagerDuty's REST API through @pagerduty/pdjs, and the translation of every failure into a
 * PagerDutyError. What pdjs does and does not do (build/src/{api,common}.js, 2.2.4), and so what this adds:
 * - it speaks HTTPS to `server` (host[:port]) unless given a whole `url` (it still appends `queryParameters` to it):
 *   a plain-http API URL is accepted only for a loopback stand-in (the playground's demo PagerDuty) and reached
 *   through `url`; other http and path-carrying API URLs are refused here;
 * - on 429 it waits `retryTimeout` (default 20 s, Retry-After is ignored) and retries, 3 times, then hands back the 429;
 * - its `requestTimeout` only starts a timer that aborts nothing (and keeps the process alive): it is turned off, and
 *   node-fetch's own per-attempt `timeout` bounds each attempt instead;
 * - it resolves with any HTTP status and rejects with the Response itself when the body is not JSON;
 * - `.all()` finds the result key with a regex on ".com/" and never checks a page's status: pagination is done here.
 */
import { api } from '@pagerduty/pdjs';
import { httpError, type PagerDutyOperation, PagerDutyError, retryAfterMsOf } from './pagerduty-error.js';

/** pdjs retries a 429 this many times (`fetch_retry(url, 3, …)` in its common.js). */
export const PDJS_429_RETRIES = 3;
/** PagerDuty's classic pagination serves at most this many records per page and 10,000 records in all. */
const PAGE_LIMIT = 100;
const MAX_OFFSET = 10_000;

export interface PagerDutyHttpOptions {
  token: string;
  /** Email of a PagerDuty user, sent as `From` on every write. */
  from: string;
  apiUrl: string;
  /** Per attempt (a 429 retry is a new attempt). */
  timeoutMs: number;
  /** pdjs' wait before retrying a 429; undefined keeps pdjs' default (20 s). */
  retryTimeoutMs?: number;
}

export interface PagerDutyRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | string[]>;
  body?: object;
}

export interface PagerDutyHttp {
  /** host[:port] of the API, for messages. */
  readonly host: string;
  /** One request; a 2xx answer's JSON (undefined for 204), else a PagerDutyError. */
  call(operation: PagerDutyOperation, request: PagerDutyRequest): Promise<unknown>;
  /** Every record under `key` across pages, following `more`/`offset`. */
  list(operation: PagerDutyOperation, path: string, key: string, query: Record<string, string | string[]>): Promise<unknown[]>;
}

/** http is only for a stand-in on this machine: the token must never cross a network in clear text. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

interface ApiTarget {
  /** host[:port], for pdjs' `server` and for messages. */
  host: string;
  /** `http://127.0.0.1:PORT` for a loopback stand-in, which pdjs reaches only through a whole `url`; null for https. */
  plainBase: string | null;
}

function apiTarget(apiUrl: string): ApiTarget {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new Error(`PagerDuty API URL is not a URL: "${apiUrl}". Use https://api.pagerduty.com or, for EU accounts, https://api.eu.pagerduty.com.`);
  }
  const plain = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !plain) {
    throw new Error(`PagerDuty API URL must be https (http only for localhost, 127.0.0.1 or [::1]), got "${url.protocol}//${url.host}".`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.username || url.password) {
    throw new Error(`PagerDuty API URL must be a bare host such as https://api.pagerduty.com, without path, query or credentials; got "${url.protocol}//${url.host}${url.pathname}".`);
  }
  return { host: url.host, plainBase: plain ? `http://${url.host}` : null };
}

/** host[:port] from an https (or loopback http) API URL without path; anything else is refused with what to set instead. */
export function serverFromApiUrl(apiUrl: string): string {
  return apiTarget(apiUrl).host;
}

interface PdjsAnswer {
  status: number;
  data?: unknown;
  headers?: { get(name: string): string | null };
}

export function createPagerDutyHttp(options: PagerDutyHttpOptions): PagerDutyHttp {
  const { host, plainBase } = apiTarget(options.apiUrl);
  const seconds = `${options.timeoutMs / 1000} s`;
  const pd = api({
    token: options.token,
    server: host,
    requestTimeout: 0,
    ...(options.retryTimeoutMs === undefined ? {} : { retryTimeout: options.retryTimeoutMs }),
  });

  const scrub = (text: string) => text.split(options.token).join('[REDACTED]');

  function transportError(operation: PagerDutyOperation, err: unknown): PagerDutyError {
    const failure = err as { type?: unknown; code?: unknown; message?: unknown; status?: unknown };
    if (typeof failure.status === 'number') {
      // pdjs rejects with the Response when its body is not JSON (a proxy's HTML error page, an empty body).
      const status = failure.status;
      const retryable = status >= 500 || status === 429;
      const outcome = status < 300 ? 'invalid_response' : `http_${status}`;
      return new PagerDutyError(operation, `HTTP ${status} from ${host} with a body that is not JSON`, retryable, outcome, { status, body: null, retryAfterMs: null });
    }
    if (failure.type === 'request-timeout' || failure.type === 'body-timeout') {
      return new PagerDutyError(operation, `timed out after ${seconds} waiting for PagerDuty at ${host}`, true, 'timeout');
    }
    const why = typeof failure.code === 'string' ? failure.code : typeof failure.message === 'string' ? failure.message : String(err);
    return new PagerDutyError(operation, scrub(`cannot reach PagerDuty at ${host}: ${why}`), true, 'unreachable');
  }

  async function call(operation: PagerDutyOperation, request: PagerDutyRequest): Promise<unknown> {
    let answer: PdjsAnswer;
    try {
      answer = await pd({
        endpoint: request.path,
        // pdjs builds https://<server>/<endpoint> unless given the whole URL.
        ...(plainBase ? { url: `${plainBase}/${request.path.replace(/^\/+/, '')}` } : {}),
        method: request.method,
        ...(request.query ? { queryParameters: request.query } : {}),
        ...(request.body ? { data: request.body } : {}),
        // PagerDuty requires From (a user's email) on writes made with an account-level key.
        ...(request.method === 'GET' ? {} : { headers: { From: options.from } }),
        timeout: options.timeoutMs,
      });
    } catch (err) {
      throw transportError(operation, err);
    }
    if (answer.status >= 200 && answer.status < 300) return answer.data;
    const error = httpError(operation, answer.status, answer.data, host, retryAfterMsOf(answer.headers, Date.now()), PDJS_429_RETRIES);
    throw new PagerDutyError(operation, scrub(error.reason), error.retryable, error.outcome, error.detail);
  }

  async function list(operation: PagerDutyOperation, path: string, key: string, query: Record<string, string | string[]>): Promise<unknown[]> {
    const records: unknown[] = [];
    let offset = 0;
    for (;;) {
      const data = await call(operation, { method: 'GET', path, query: { ...query, limit: String(PAGE_LIMIT), offset: String(offset) } });
      const page = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
      const items = page[key];
      if (!Array.isArray(items)) {
        throw new PagerDutyError(operation, `unexpected answer from ${host}: GET ${path} has no "${key}" list`, false, 'invalid_response');
      }
      records.push(...items);
      const step = typeof page.limit === 'number' && page.limit > 0 ? page.limit : items.length;
      // An empty page that claims more would loop for ever; PagerDuty stops at offset 10,000 anyway.
      if (page.more !== true || step === 0 || offset + step >= MAX_OFFSET) return records;
      offset += step;
    }
  }

  return { host, call, list };
}
