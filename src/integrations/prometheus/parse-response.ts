/**
 * The Prometheus HTTP API wire format (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * an envelope `{status, data: {resultType, result}, errorType, error, warnings}`; sample values are strings,
 * including "NaN", "+Inf" and "-Inf"; timestamps are Unix seconds, possibly fractional.
 */
import type { MetricSample, MetricSeries } from '../../core/ports.js';

export type Envelope =
  | { status: 'success'; data: unknown; warnings: string[] }
  | { status: 'error'; errorType: string; error: string };

/** A body that is not what Prometheus sends; the message says what was wrong. */
export class UnexpectedAnswer extends Error {}

/** The envelope of a JSON body, or null when the body is not a Prometheus API envelope (e.g. a proxy's HTML page). */
export function parseEnvelope(body: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  if (parsed.status === 'success') {
    const warnings = Array.isArray(parsed.warnings) ? parsed.warnings.map(String) : [];
    return { status: 'success', data: parsed.data, warnings };
  }
  if (parsed.status === 'error') {
    return {
      status: 'error',
      errorType: typeof parsed.errorType === 'string' && parsed.errorType !== '' ? parsed.errorType : 'error',
      error: typeof parsed.error === 'string' ? parsed.error : 'no error message',
    };
  }
  return null;
}

export function parseValue(raw: unknown): number {
  if (raw === 'NaN') return Number.NaN;
  if (raw === '+Inf' || raw === 'Inf') return Number.POSITIVE_INFINITY;
  if (raw === '-Inf') return Number.NEGATIVE_INFINITY;
  // Number('') is 0, so an empty string must be refused explicitly.
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (Number.isNaN(value)) throw new UnexpectedAnswer(`sample value ${JSON.stringify(raw)} is not a number`);
  return value;
}

/** An instant query's result: a vector, or a scalar as one sample without labels. */
export function toSamples(data: unknown): MetricSample[] {
  const { resultType, result } = resultOf(data);
  if (resultType === 'scalar') {
    const [at, value] = pointOf(result);
    return [{ labels: {}, value, at }];
  }
  if (resultType === 'vector') {
    return listOf(result).map((item) => {
      const [at, value] = pointOf(item.value);
      return { labels: labelsOf(item.metric), value, at };
    });
  }
  if (resultType === 'matrix') {
    throw new UnexpectedAnswer('the instant query returned a range vector (matrix); wrap the selector in a function such as rate()');
  }
  throw new UnexpectedAnswer(`the instant query returned a ${resultType}, not a vector or scalar`);
}

/** A range query's result: always a matrix. */
export function toSeries(data: unknown): MetricSeries[] {
  const { resultType, result } = resultOf(data);
  if (resultType !== 'matrix') throw new UnexpectedAnswer(`the range query returned a ${resultType}, not a matrix`);
  return listOf(result).map((item) => {
    if (!Array.isArray(item.values)) throw new UnexpectedAnswer('a matrix series has no "values" array');
    const points = item.values.map((raw) => {
      const [at, value] = pointOf(raw);
      return { at, value };
    });
    return { labels: labelsOf(item.metric), points };
  });
}

function resultOf(data: unknown): { resultType: string; result: unknown } {
  if (!isRecord(data) || typeof data.resultType !== 'string') throw new UnexpectedAnswer('"data.resultType" is missing');
  return { resultType: data.resultType, result: data.result };
}

function listOf(result: unknown): Record<string, unknown>[] {
  if (!Array.isArray(result) || !result.every(isRecord)) throw new UnexpectedAnswer('"data.result" is not a list of series');
  return result;
}

function pointOf(raw: unknown): [Date, number] {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'number') {
    throw new UnexpectedAnswer(`${JSON.stringify(raw)} is not a [timestamp, "value"] pair`);
  }
  // Rounded to the millisecond: 1748736000.123 * 1000 is not exactly an integer in floating point.
  return [new Date(Math.round(raw[0] * 1000)), parseValue(raw[1])];
}

function labelsOf(metric: unknown): Record<string, string> {
  if (metric === undefined) return {};
  if (!isRecord(metric)) throw new UnexpectedAnswer('a series has a "metric" that is not an object');
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(metric)) labels[name] = String(value);
  return labels;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
