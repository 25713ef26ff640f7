/**
 * Interfaces the core needs from the outside world. Adapters in src/integrations and src/store implement them;
 * src/deps.ts picks which implementation (real, or "not configured") each port gets. The larger groups live in
 * ports/ (chat, views, on-call, storage) and are re-exported here, so everything imports from this one module.
 */
import type { IntegrationStatus } from './ports/status.js';

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// ---------------------------------------------------------------- other integrations



/** One sample of an instant vector. `value` may be NaN or ±Infinity (Prometheus sends "NaN", "+Inf", "-Inf"). */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
  at: Date;
}

export interface MetricSeries {
  labels: Record<string, string>;
  points: { at: Date; value: number }[];
}

/**
 * PromQL over the Prometheus HTTP API. Errors are IntegrationError('prometheus', …) whose reason starts with
 * Prometheus' `errorType` (bad_data, execution, timeout, unavailable …) or the transport failure.
 */
export interface MetricsPort {
  status(): IntegrationStatus;
  queryInstant(query: string, at?: Date): Promise<MetricSample[]>;
  queryRange(query: string, range: { start: Date; end: Date; stepSeconds: number }): Promise<MetricSeries[]>;
}


export type * from './ports/chat.js';
export type * from './ports/status.js';
export type * from './ports/views.js';
export type * from './ports/oncall.js';
export type * from './ports/storage.js';
export type * from './ports/cluster.js';
export type * from './ports/code-host.js';
