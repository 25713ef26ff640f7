/**
 * An OpenSLO v1 SLI (`ratioMetric`) as Warroom's SLI. Each metric's `metricSource.spec.query` is PromQL; Warroom
 * runs it over many windows, so a query must carry Sloth's `{{.window}}` placeholder. One exception: with
 * `counter: true`, a bare counter selector such as `http_requests_total{code="500"}` is read as
 * `sum(rate(<selector>[{{.window}}]))`, which is what a counter over a window means. Anything else is rejected
 * with the expected form, never guessed.
 */
import type { SloDefinition } from '../core/release/model.js';
import { type DocumentContext, describe, isNode, report } from './slo-import-shared.js';
import { queryProblem } from './slo-window.js';

/** `metric_name`, `metric_name{label="value",…}` or `{__name__="…",…}`: one series selector and nothing else. */
const SELECTOR = /^\s*(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})\s*$/;

function metricQuery(ctx: DocumentContext, metric: unknown, path: string, counter: boolean): string | null {
  const source = isNode(metric) ? metric.metricSource : undefined;
  if (!isNode(metric) || !isNode(source)) {
    report(ctx, isNode(metric) ? `${path}.metricSource` : path, 'expected metricSource with type: Prometheus and spec.query');
    return null;
  }
  if (source.type !== undefined && (typeof source.type !== 'string' || source.type.toLowerCase() !== 'prometheus')) {
    report(ctx, `${path}.metricSource.type`, `metric source ${describe(source.type)} cannot be queried: Warroom reads Prometheus (type: Prometheus)`);
    return null;
  }
  const spec = source.spec;
  const query = isNode(spec) ? spec.query : undefined;
  if (typeof query !== 'string' || query.trim() === '') {
    const found = isNode(spec) ? Object.keys(spec) : [];
    const hint = found.length > 0 ? ` (found ${found.join(', ')})` : '';
    report(ctx, `${path}.metricSource.spec.query`, `required: the PromQL query${hint}`);
    return null;
  }
  if (counter && SELECTOR.test(query)) return `sum(rate(${query.trim()}[{{.window}}]))`;
  const problem = queryProblem(query);
  if (problem) {
    const counterHint = SELECTOR.test(query) ? '; or, when it is a counter, set ratioMetric.counter: true and Warroom reads it as sum(rate(<selector>[{{.window}}]))' : '';
    report(ctx, `${path}.metricSource.spec.query`, `${problem}${counterHint}`);
    return null;
  }
  return query.trim();
}

/** `spec` of an SLI (inline `indicator.spec` or an SLI document's `spec`) → an events or ratio SLI. */
export function sliFromIndicator(ctx: DocumentContext, spec: unknown, path: string): SloDefinition['sli'] | null {
  if (!isNode(spec)) {
    report(ctx, path, 'expected a mapping with ratioMetric');
    return null;
  }
  if (spec.thresholdMetric !== undefined) {
    report(ctx, `${path}.thresholdMetric`, 'threshold SLIs compare single values to a threshold and have no error budget to burn; Warroom needs ratioMetric (good or bad, and total)');
    return null;
  }
  const ratio: unknown = spec.ratioMetric;
  const at = `${path}.ratioMetric`;
  if (!isNode(ratio)) {
    report(ctx, at, ratio === undefined ? 'required (good or bad, and total)' : 'expected a mapping with good or bad, and total');
    return null;
  }
  const counter = ratio.counter === true;
  if (ratio.raw !== undefined) {
    if (ratio.good !== undefined || ratio.bad !== undefined || ratio.total !== undefined) {
      report(ctx, `${at}.raw`, 'raw is a precomputed ratio and cannot be combined with good, bad or total');
      return null;
    }
    if (ratio.rawType !== 'success' && ratio.rawType !== 'failure') {
      report(ctx, `${at}.rawType`, `expected success or failure with raw, got ${describe(ratio.rawType)}`);
      return null;
    }
    // A precomputed ratio is a value, not a counter: counter has no effect with raw (OpenSLO spec).
    const raw = metricQuery(ctx, ratio.raw, `${at}.raw`, false);
    if (raw === null) return null;
    return { kind: 'ratio', errorRatioQuery: ratio.rawType === 'failure' ? raw : `1 - (${raw})` };
  }
  const numerator = ratio.good !== undefined && ratio.bad !== undefined ? 'both' : ratio.good !== undefined ? 'good' : ratio.bad !== undefined ? 'bad' : null;
  if (numerator === 'both' || numerator === null) {
    report(ctx, at, numerator === 'both' ? 'give good or bad, not both' : 'expected good or bad, with total (or raw with rawType)');
    return null;
  }
  if (ratio.total === undefined) {
    report(ctx, `${at}.total`, `required with ${numerator} (the ratio is ${numerator} / total)`);
    return null;
  }
  const part = metricQuery(ctx, ratio[numerator], `${at}.${numerator}`, counter);
  const total = metricQuery(ctx, ratio.total, `${at}.total`, counter);
  if (part === null || total === null) return null;
  // Warroom measures errors: with good, errors are what the total has beyond the good.
  return { kind: 'events', errorQuery: numerator === 'bad' ? part : `(${total}) - (${part})`, totalQuery: total };
}
