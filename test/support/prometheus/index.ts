export { findPrometheusBinaries, prometheusBinariesForTests, type PrometheusBinaries, type PrometheusLookup } from './binaries.js';
export { emptyVector, errorOf, startFakePrometheus, vectorOf, type FakePrometheus, type FakeReply, type FakeRequest } from './fake-prometheus.js';
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
