/**
 * Measures one SLO through the metrics port: the error ratio over the whole window (weighted by requests: the
 * window's error rate over its total rate), the burn-rate windows, how much history there is, and whether the
 * numbers can be trusted. Any doubt becomes `unknown` with the reason; it never becomes a number.
 */
import { describeError } from '../errors.js';
import type { MetricSample, MetricsPort } from '../ports.js';
import { budgetReport, errorBudget } from './budget.js';
import { BURN_WINDOWS, burnRateFrom, multiwindowAlert } from './burn.js';
import type { BurnRate, BurnWindowLabel, SloDefinition, SloReport } from './model.js';

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

async function burnRate(metrics: MetricsPort, slo: SloDefinition, window: BurnWindowLabel, at: Date, budget: number): Promise<BurnRate> {
  const ratio = single(await metrics.queryInstant(ratioQuery(slo, window), at), `${window} burn`);
  // NaN (0/0: no requests in this window) and no data make this window silent, not zero.
  return burnRateFrom(window, ratio === null || !Number.isFinite(ratio) ? null : ratio, budget);
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
    const [windowRatioSamples, totalSamples, freshSamples, history, burnRates] = await Promise.all([
      metrics.queryInstant(ratioQuery(slo, slo.windowLabel), at),
      slo.sli.kind === 'events' ? metrics.queryInstant(withWindow(slo.sli.totalQuery, slo.windowLabel), at) : Promise.resolve(null),
      metrics.queryInstant(presenceQuery(slo, `${options.staleAfterMinutes}m`), at),
      historyShortfall(metrics, slo, at),
      Promise.all(BURN_WINDOWS.map((w) => burnRate(metrics, slo, w.label, at, budget))),
    ]);
    report.burnRates = burnRates;
    report.historyMinutes = history;
    report.alert = multiwindowAlert(burnRates, slo.windowMinutes);

    const errorRatio = single(windowRatioSamples, 'error ratio');
    const totalRate = totalSamples === null ? null : single(totalSamples, 'total');
    if (errorRatio === null && (totalRate === null || totalSamples?.length === 0)) {
      throw new Untrusted(`no data: the SLI queries returned nothing at ${at.toISOString()} (is the series missing or misspelled?)`);
    }
    if (totalRate !== null) report.events = Math.round(totalRate * slo.windowMinutes * 60);
    if (totalRate === 0 || errorRatio === null || Number.isNaN(errorRatio)) throw new Untrusted(`no traffic over ${slo.windowLabel}: 0 requests, so the error ratio is undefined`);
    if (!Number.isFinite(errorRatio)) throw new Untrusted(`the error ratio is ${errorRatio} (a division by zero in the SLI queries?)`);
    if (errorRatio < 0 || errorRatio > 1) throw new Untrusted(`the error ratio ${errorRatio} is outside 0–1: check that the error query selects a subset of the total`);
    if (single(freshSamples, 'freshness') === null) throw new Untrusted(`stale: no samples in the last ${options.staleAfterMinutes} minutes`);
    if (history !== null) throw new Untrusted(`only about ${formatDays(history)} of history for a ${slo.windowLabel} window`);
    const minEvents = slo.minEvents ?? options.minEvents;
    if (report.events !== null && report.events < minEvents) {
      throw new Untrusted(`only ${report.events} requests over ${slo.windowLabel}, fewer than the ${minEvents} needed for a trustworthy ratio`);
    }
    const burn1h = burnRates.find((b) => b.window === '1h')?.burn ?? null;
    report.budget = budgetReport({ errorRatio, objective: slo.objective, windowMinutes: slo.windowMinutes, burn1h });
  } catch (err) {
    report.unknown = err instanceof Untrusted ? err.message : `Prometheus failed: ${describeError(err)}`;
  }
  return report;
}
