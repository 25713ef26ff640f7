/**
 * MetricsPort over the Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics: same API). Queries share one
 * concurrency bound per adapter, so a deploy check with many SLOs cannot flood Prometheus.
 */
import { IntegrationError } from '../../core/errors.js';
import type { Logger, MetricSample, MetricSeries, MetricsPort } from '../../core/ports.js';
import { createPrometheusHttp, PrometheusError, type PrometheusOperation } from './http-client.js';
import { toSamples, toSeries, UnexpectedAnswer } from './parse-response.js';
import { createSemaphore } from './semaphore.js';

export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 10_000;
export const DEFAULT_PROMETHEUS_CONCURRENCY = 8;
export const DEFAULT_PROMETHEUS_RETRY_DELAY_MS = 250;

export type QueryKind = 'instant' | 'range';

export interface PrometheusMetricsOptions {
  /**
   * Base URL of the Prometheus API (PROMETHEUS_URL), e.g. http://prometheus:9090 or https://host/prometheus;
   * user:password in it is used as basic auth. A bearer token and basic auth together are refused.
   */
  baseUrl: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Queries in flight at once across all calls of this adapter; default 8. */
  concurrency?: number;
  /** Wait before the one retry after HTTP 503; default 250 ms. */
  retryDelayMs?: number;
  logger?: Logger;
  /**
   * Called once per query when it ends: its duration from the moment it got a concurrency slot (retry included),
   * and its outcome: `success`, Prometheus' errorType (`bad_data`, `execution`, …), `http_<status>`,
   * `unreachable`, `client_timeout` or `invalid_response`.
   */
  onQuery?: (kind: QueryKind, durationMs: number, outcome: string) => void;
}

export function createPrometheusMetrics(options: PrometheusMetricsOptions): MetricsPort {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS;
  const http = createPrometheusHttp({
    baseUrl: options.baseUrl,
    bearerToken: options.bearerToken,
    basicAuth: options.basicAuth,
    timeoutMs,
    retryDelayMs: options.retryDelayMs ?? DEFAULT_PROMETHEUS_RETRY_DELAY_MS,
  });
  const slots = createSemaphore(options.concurrency ?? DEFAULT_PROMETHEUS_CONCURRENCY);
  const logger = options.logger;
  const auth = http.auth === 'none' ? '' : `, ${http.auth}`;
  // Lets Prometheus stop evaluating when we stop waiting.
  const serverTimeout = `${Math.max(1, Math.ceil(timeoutMs / 1000))}s`;

  async function run<T>(kind: QueryKind, params: Record<string, string>, convert: (data: unknown) => T): Promise<T> {
    const operation: PrometheusOperation = kind === 'instant' ? 'query' : 'query_range';
    return slots.run(async () => {
      const started = performance.now();
      let outcome = 'success';
      try {
        const answer = await http.call(operation, { ...params, timeout: serverTimeout });
        for (const warning of answer.warnings) logger?.warn({ kind, query: params.query, warning }, 'Prometheus answered with a warning');
        try {
          return convert(answer.data);
        } catch (err) {
          if (!(err instanceof UnexpectedAnswer)) throw err;
          throw new PrometheusError(operation, `unexpected answer from ${http.displayUrl}: ${err.message}`, false, 'invalid_response');
        }
      } catch (err) {
        outcome = err instanceof PrometheusError ? err.outcome : 'error';
        const reason = err instanceof IntegrationError ? err.reason : String(err);
        logger?.warn({ kind, query: params.query, outcome, reason }, 'Prometheus query failed');
        throw err;
      } finally {
        const durationMs = performance.now() - started;
        logger?.debug({ kind, query: params.query, outcome, durationMs }, 'Prometheus query');
        try {
          options.onQuery?.(kind, durationMs, outcome);
        } catch {
          // A broken metrics callback must not fail the query.
        }
      }
    });
  }

  return {
    status: () => ({ configured: true, detail: `Prometheus at ${http.displayUrl}${auth}` }),

    queryInstant(query: string, at?: Date): Promise<MetricSample[]> {
      const params: Record<string, string> = { query };
      if (at) params.time = unixSeconds(at);
      return run('instant', params, toSamples);
    },

    queryRange(query: string, range: { start: Date; end: Date; stepSeconds: number }): Promise<MetricSeries[]> {
      const params = { query, start: unixSeconds(range.start), end: unixSeconds(range.end), step: String(range.stepSeconds) };
      return run('range', params, toSeries);
    },
  };
}

/** Unix seconds, fractional when the date has milliseconds (Prometheus accepts both). */
function unixSeconds(at: Date): string {
  return String(at.getTime() / 1000);
}
