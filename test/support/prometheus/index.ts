export * from '../../../src/playground/prometheus/index.js';
export { prometheusBinariesForTests } from './binaries.js';
export { emptyVector, errorOf, startFakePrometheus, vectorOf, type FakePrometheus, type FakeReply, type FakeRequest } from './fake-prometheus.js';
