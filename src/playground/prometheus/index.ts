/** A real Prometheus over synthetic, backfilled history: for the playground's demo SLOs and the tests. */
export { findPrometheusBinaries, type PrometheusBinaries, type PrometheusLookup } from './binaries.js';
export { formatLabels, seriesLines, writeOpenMetrics } from './openmetrics.js';
export { startPrometheus, type PrometheusInstance, type StartPrometheusOptions } from './prometheus-server.js';
export {
  errorRatioBetween,
  increaseBetween,
  requestsSeries,
  switchAt,
  timeAt,
  timelineOf,
  type RequestsSeriesOptions,
  type Schedule,
  type SyntheticSeries,
  type Timeline,
} from './synthetic-series.js';
