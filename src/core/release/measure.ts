/**
 * Measures one SLO through the metrics port: the error ratio over the whole window (weighted by requests: the
 * window's error rate over its total rate), the burn-rate windows, how much history there is, and whether the
 * numbers can be trusted. Any doubt becomes `unknown` with the reason; it never becomes a number.
 */
import { describeError } from '../errors.js';
import type { MetricSample, MetricsPort } from '../ports.js';
import { budgetReport, errorBudget } from './budget.js';
import { BURN_WINDOWS, burnRateFrom, multiwindowAlert } from './burn.js';
import type { BurnRate, SloDefinition, SloReport } from './model.js';

export interface MeasureOptions {
  at: Date;
  minEvents: number;
  staleAfterMinutes: number;
}

/** `{{.window}}` (Sloth's placeholder, any spacing) replaced by a Prometheus duration. */
export function withWindow(query: string, window: string): string {
  return query.replace(/\{\{\s*\.window\s*\}\}/g, window);
}

class Untrusted extends Error {}

function labelsOf(sample: MetricSample): string {
  const entries = Object.entries(sample.labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v}"`).join(', ')}}` : '{}';
}

/** The single value a query must return; several series or none are reasons not to trust it. */
function single(samples: MetricSample[], what: string): number | null {
  if (samples.length === 0) return null;
  if (samples.length > 1) {
    const shown = samples.slice(0, 3).map(labelsOf).join(', ');
    throw new Untrusted(`the ${what} query returned ${samples.length} series (${shown}${samples.length > 3 ? ', …' : ''}) where one was expected: aggregate it, e.g. with sum()`);
  }
  return (samples[0] as MetricSample).value;
}

function ratioQuery(slo: SloDefinition, window: string): string {
  return slo.sli.kind === 'events' ? `(${withWindow(slo.sli.errorQuery, window)}) / (${withWindow(slo.sli.totalQuery, window)})` : withWindow(slo.sli.errorRatioQuery, window);
}

/** A series for "is there data, since when": total traffic for event SLIs, the ratio itself otherwise. */
function presenceQuery(slo: SloDefinition, window: string): string {
  return slo.sli.kind === 'events' ? withWindow(slo.sli.totalQuery, window) : withWindow(slo.sli.errorRatioQuery, window);
}

const formatDays = (minutes: number): string => (minutes >= 2 * 1440 ? `${(minutes / 1440).toFixed(1)} days` : `${Math.round(minutes / 60)} hours`);

/** The label that tells the parts of the combined query apart. */
export const PART_LABEL = 'warroom_q';

/**
 * Every instant value one SLO needs, as the parts of a single PromQL `or` query, each tagged with PART_LABEL:
 * the window's error and total rates (or its ratio), freshness, and the seven burn windows. One round trip per SLO
 * instead of eleven, and every part is evaluated at the same instant.
 */
function instantParts(slo: SloDefinition, staleWindow: string): Record<string, string> {
  const parts: Record<string, string> =
    slo.sli.kind === 'events'
      ? { window_errors: withWindow(slo.sli.errorQuery, slo.windowLabel), window_total: withWindow(slo.sli.totalQuery, slo.windowLabel) }
      : { window_ratio: withWindow(slo.sli.errorRatioQuery, slo.windowLabel) };
  parts.fresh = presenceQuery(slo, staleWindow);
  for (const w of BURN_WINDOWS) parts[`burn_${w.label}`] = ratioQuery(slo, w.label);
  return parts;
}

export function combinedQuery(parts: Record<string, string>): string {
  return Object.entries(parts)
    .map(([key, expr]) => `label_replace(${expr}, "${PART_LABEL}", "${key}", "", "")`)
    .join(' or ');
}

/** The samples of each part, with the tag removed so messages show the series' own labels. */
function splitParts(samples: MetricSample[]): Map<string, MetricSample[]> {
  const byPart = new Map<string, MetricSample[]>();
  for (const sample of samples) {
    const { [PART_LABEL]: part, ...labels } = sample.labels;
    if (part === undefined) continue;
    byPart.set(part, [...(byPart.get(part) ?? []), { ...sample, labels }]);
  }
  return byPart;
}

function burnRates(parts: Map<string, MetricSample[]>, budget: number): BurnRate[] {
  return BURN_WINDOWS.map((w) => {
    const ratio = single(parts.get(`burn_${w.label}`) ?? [], `${w.label} burn`);
    // NaN (0/0: no requests in this window) and no data make this window silent, not zero.
    return burnRateFrom(w.label, ratio === null || !Number.isFinite(ratio) ? null : ratio, budget);
  });
}

/** The window's error ratio, weighted by requests (error rate over total rate), and its event count. */
function windowRatio(slo: SloDefinition, parts: Map<string, MetricSample[]>, at: Date): { errorRatio: number; events: number | null } {
  if (slo.sli.kind === 'ratio') {
    const ratio = single(parts.get('window_ratio') ?? [], 'error ratio');
    if (ratio === null) throw new Untrusted(`no data: the SLI query returned nothing at ${at.toISOString()} (is the series missing or misspelled?)`);
    if (Number.isNaN(ratio)) throw new Untrusted(`no traffic over ${slo.windowLabel}: the error ratio is undefined`);
    return { errorRatio: ratio, events: null };
  }
  const total = single(parts.get('window_total') ?? [], 'total');
  if (total === null) throw new Untrusted(`no data: the SLI queries returned nothing at ${at.toISOString()} (is the series missing or misspelled?)`);
  const events = Math.round(total * slo.windowMinutes * 60);
  if (total === 0 || Number.isNaN(total)) throw new Untrusted(`no traffic over ${slo.windowLabel}: 0 requests, so the error ratio is undefined`);
  // No error series at all (nothing has ever failed) is a ratio of zero, not missing data.
  const errors = single(parts.get('window_errors') ?? [], 'errors') ?? 0;
  return { errorRatio: errors / total, events };
}

/** Minutes of data within the window, when less than the window; null when the window is covered. */
async function historyShortfall(metrics: MetricsPort, slo: SloDefinition, at: Date): Promise<number | null> {
  const stepSeconds = Math.max(60, Math.round((slo.windowMinutes * 60) / 120));
  const start = new Date(at.getTime() - slo.windowMinutes * 60_000);
  const series = await metrics.queryRange(presenceQuery(slo, `${stepSeconds}s`), { start, end: at, stepSeconds });
  const first = Math.min(...series.flatMap((s) => s.points.map((p) => p.at.getTime())));
  if (!Number.isFinite(first)) return 0;
  const covered = (at.getTime() - first) / 60_000;
  // One step of slack: the first evaluation point lands up to a step after the window's start.
  return covered + stepSeconds / 60 >= slo.windowMinutes ? null : covered;
}

export async function measureSlo(metrics: MetricsPort, slo: SloDefinition, options: MeasureOptions): Promise<SloReport> {
  const report: SloReport = { service: slo.service, name: slo.name, objective: slo.objective, windowLabel: slo.windowLabel, source: slo.source, unknown: null, events: null, budget: null, burnRates: [], alert: null, historyMinutes: null };
  const { at } = options;
  try {
    const budget = errorBudget(slo.objective);
    const [samples, history] = await Promise.all([
      metrics.queryInstant(combinedQuery(instantParts(slo, `${options.staleAfterMinutes}m`)), at),
      historyShortfall(metrics, slo, at),
    ]);
    const parts = splitParts(samples);
    report.burnRates = burnRates(parts, budget);
    report.historyMinutes = history;
    report.alert = multiwindowAlert(report.burnRates, slo.windowMinutes);

    const { errorRatio, events } = windowRatio(slo, parts, at);
    report.events = events;
    if (!Number.isFinite(errorRatio)) throw new Untrusted(`the error ratio is ${errorRatio} (a division by zero in the SLI queries?)`);
    if (errorRatio < 0 || errorRatio > 1) throw new Untrusted(`the error ratio ${errorRatio} is outside 0–1: check that the error query selects a subset of the total`);
    if (single(parts.get('fresh') ?? [], 'freshness') === null) throw new Untrusted(`stale: no samples in the last ${options.staleAfterMinutes} minutes`);
    if (history !== null) throw new Untrusted(`only about ${formatDays(history)} of history for a ${slo.windowLabel} window`);
    const minEvents = slo.minEvents ?? options.minEvents;
    if (events !== null && events < minEvents) {
      throw new Untrusted(`only ${events} requests over ${slo.windowLabel}, fewer than the ${minEvents} needed for a trustworthy ratio`);
    }
    const burn1h = report.burnRates.find((b) => b.window === '1h')?.burn ?? null;
    report.budget = budgetReport({ errorRatio, objective: slo.objective, windowMinutes: slo.windowMinutes, burn1h });
  } catch (err) {
    report.unknown = err instanceof Untrusted ? err.message : `Prometheus failed: ${describeError(err)}`;
  }
  return report;
}
