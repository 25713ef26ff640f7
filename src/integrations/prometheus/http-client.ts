/**
 * Raw calls to the Prometheus HTTP API with axios, and the translation of every failure into an IntegrationError
 * whose reason a person can act on. One retry on HTTP 503 and no other: a query is cheap to re-run by hand,
 * and a hung Prometheus must fail fast rather than hold a deploy check for minutes.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { IntegrationError } from '../../core/errors.js';
import { parseEnvelope } from './parse-response.js';

export type PrometheusOperation = 'query' | 'query_range';

/** An IntegrationError that also says, in one word, how the call ended (for metrics). */
export class PrometheusError extends IntegrationError {
  constructor(
    operation: PrometheusOperation,
    reason: string,
    retryable: boolean,
    readonly outcome: string,
  ) {
    super('prometheus', operation, reason, retryable);
  }
}

export interface PrometheusHttpOptions {
  baseUrl: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  timeoutMs: number;
  retryDelayMs: number;
}

export interface PrometheusAnswer {
  data: unknown;
  warnings: string[];
}

/** Queries longer than this go in a form-encoded POST body, so proxies' URL length limits do not cut them. */
const MAX_GET_QUERY_LENGTH = 2_000;

export interface PrometheusHttp {
  /** The base URL without credentials, for messages. */
  readonly displayUrl: string;
  /** Which authentication is sent, for the status line. */
  readonly auth: 'none' | 'bearer token' | 'basic auth';
  call(operation: PrometheusOperation, params: Record<string, string>): Promise<PrometheusAnswer>;
}

export function createPrometheusHttp(options: PrometheusHttpOptions): PrometheusHttp {
  const { url: displayUrl, credentials } = splitUrl(options.baseUrl);
  // user:password in PROMETHEUS_URL is basic auth, made explicit so it cannot silently override a bearer token.
  const basicAuth = options.basicAuth ?? credentials ?? undefined;
  if (options.bearerToken && basicAuth) throw new Error('Prometheus: give a bearer token or basic auth (also in the URL), not both.');
  const secrets = [options.bearerToken, basicAuth?.password].filter((s): s is string => !!s);
  const client = buildClient(displayUrl, { ...options, basicAuth });
  const seconds = `${options.timeoutMs / 1000} s`;

  const fail = (operation: PrometheusOperation, outcome: string, reason: string, retryable: boolean) =>
    new PrometheusError(operation, scrub(reason, secrets), retryable, outcome);

  async function attempt(operation: PrometheusOperation, params: Record<string, string>): Promise<AxiosResponse<string>> {
    // axios' own timeout is a socket idle timeout in Node; the abort bounds the whole exchange.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), options.timeoutMs);
    try {
      const path = `api/v1/${operation}`;
      const long = (params.query ?? '').length > MAX_GET_QUERY_LENGTH;
      return long
        ? await client.post<string>(path, new URLSearchParams(params).toString(), {
            signal: abort.signal,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          })
        : await client.get<string>(path, { params, signal: abort.signal });
    } catch (err) {
      throw transportError(operation, err);
    } finally {
      clearTimeout(timer);
    }
  }

  function transportError(operation: PrometheusOperation, err: unknown): PrometheusError {
    const code = (err as { code?: unknown }).code;
    if (axios.isCancel(err) || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return fail(operation, 'client_timeout', `timed out after ${seconds} waiting for Prometheus at ${displayUrl}`, true);
    }
    const why = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
    return fail(operation, 'unreachable', `cannot reach Prometheus at ${displayUrl}: ${why}`, true);
  }

  function answerOf(operation: PrometheusOperation, response: AxiosResponse<string>): PrometheusAnswer {
    const body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const envelope = parseEnvelope(body);
    if (envelope?.status === 'success' && response.status < 300) return { data: envelope.data, warnings: envelope.warnings };
    if (envelope?.status === 'error') {
      const retryable = response.status === 503 || ['timeout', 'canceled', 'unavailable'].includes(envelope.errorType);
      throw fail(operation, envelope.errorType, `${envelope.errorType}: ${envelope.error}`, retryable);
    }
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const what = response.status < 300 ? 'an answer that is not the Prometheus API format' : 'no Prometheus API error';
    const outcome = response.status < 300 ? 'invalid_response' : `http_${response.status}`;
    const retryable = response.status >= 500 || response.status === 429;
    throw fail(operation, outcome, `${status} from ${displayUrl} with ${what}${snippet(body)}`, retryable);
  }

  return {
    displayUrl,
    auth: options.bearerToken ? 'bearer token' : basicAuth ? 'basic auth' : 'none',
    async call(operation, params) {
      let response = await attempt(operation, params);
      if (response.status === 503) {
        await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs));
        response = await attempt(operation, params);
      }
      return answerOf(operation, response);
    },
  };
}

function buildClient(baseUrl: string, options: PrometheusHttpOptions): AxiosInstance {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.bearerToken) headers.Authorization = `Bearer ${options.bearerToken}`;
  return axios.create({
    baseURL: `${baseUrl}/`,
    timeout: options.timeoutMs,
    headers,
    ...(options.basicAuth ? { auth: options.basicAuth } : {}),
    // Every status is an answer to read: Prometheus puts its errorType in 4xx/5xx bodies too.
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
  });
}

/** The base URL without user:password, query, fragment or trailing slash, and the credentials it carried. */
export function splitUrl(baseUrl: string): { url: string; credentials: { username: string; password: string } | null } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`PROMETHEUS_URL is not a URL: ${baseUrl.replace(/\/\/[^/@]*@/, '//')}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PROMETHEUS_URL must be http(s), not ${url.protocol}`);
  const credentials =
    url.username || url.password ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null;
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return { url: url.toString().replace(/\/+$/, ''), credentials };
}

function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('[REDACTED]'), text);
}
