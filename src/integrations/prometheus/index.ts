export {
  createPrometheusMetrics,
  DEFAULT_PROMETHEUS_CONCURRENCY,
  DEFAULT_PROMETHEUS_RETRY_DELAY_MS,
  DEFAULT_PROMETHEUS_TIMEOUT_MS,
  type PrometheusMetricsOptions,
  type QueryKind,
} from './prometheus-metrics.js';
export { PrometheusError } from './http-client.js';
