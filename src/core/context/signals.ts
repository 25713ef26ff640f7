/** Signals from Prometheus: error ratios now and yesterday, p99 latency, SLO budgets and burns, and when errors rose. */
import type { MetricSample, MetricsPort } from '../ports.js';
import { measureSlo, withWindow } from '../release/measure.js';
import type { ServiceReleaseSettings, SloDefinition, SloReport } from '../release/model.js';
import { firstRise } from './change-point.js';
import type { ContextSettings, Signals } from './model.js';
import { NotConfigured } from './source.js';

type ServiceContext = ContextSettings['services'][number];

const DAY_MS = 24 * 60 * 60_000;
const RISE_LOOKBACK_MS = 6 * 60 * 60_000;

export interface SignalsInput {
  metrics: MetricsPort;
  at: Date;
  context: ServiceContext | null;
  release: ServiceReleaseSettings | null;
  riseMultiple: number;
  minEvents: number;
  staleAfterMinutes: number;
}

/** The error-ratio PromQL for a window: the service's context queries, else its first SLO's SLI; null when neither exists. */
export function errorRatioQuery(context: ServiceContext | null, slos: readonly SloDefinition[]): ((window: string) => string) | null {
  if (context?.errorQuery && context.totalQuery) {
    const { errorQuery, totalQuery } = context;
    return (w) => `(${withWindow(errorQuery, w)}) / (${withWindow(totalQuery, w)})`;
  }
  const sli = (slos.find((s) => s.sli.kind === 'events') ?? slos[0])?.sli;
  if (!sli) return null;
  return sli.kind === 'events' ? (w) => `(${withWindow(sli.errorQuery, w)}) / (${withWindow(sli.totalQuery, w)})` : (w) => withWindow(sli.errorRatioQuery, w);
}

/** The single finite value of an instant query; anything else (no series, NaN: no traffic) is unknown. */
function valueOf(samples: MetricSample[]): number | null {
  const value = samples[0]?.value;
  return value !== undefined && Number.isFinite(value) ? value : null;
}

async function riseOf(metrics: MetricsPort, query: string, at: Date, multiple: number): Promise<Date | null> {
  const range = (end: Date) => ({ start: new Date(end.getTime() - RISE_LOOKBACK_MS), end, stepSeconds: 60 });
  const [today, yesterday] = await Promise.all([metrics.queryRange(query, range(at)), metrics.queryRange(query, range(new Date(at.getTime() - DAY_MS)))]);
  return firstRise(today[0]?.points ?? [], yesterday[0]?.points ?? [], multiple);
}

export async function gatherSignals(input: SignalsInput): Promise<Signals> {
  const { metrics, at, context } = input;
  const status = metrics.status();
  if (!status.configured) throw new NotConfigured(status.detail);
  const slos = input.release?.slos ?? [];
  const ratio = errorRatioQuery(context, slos);
  if (!ratio && !context?.latencyQuery && slos.length === 0) throw new NotConfigured('the service has no SLO and no error or latency query in its context settings');
  const yesterday = new Date(at.getTime() - DAY_MS);
  const instant = async (query: string | null, when: Date) => (query ? valueOf(await metrics.queryInstant(query, when)) : null);
  const latency = context?.latencyQuery ? withWindow(context.latencyQuery, '5m') : null;
  const options = { at, minEvents: input.minEvents, staleAfterMinutes: input.staleAfterMinutes };
  const [errorRatio5m, errorRatio1h, errorRatio1hYesterday, latencyP99Now, latencyP99Yesterday, sloReports, errorsRoseAt] = await Promise.all([
    instant(ratio?.('5m') ?? null, at),
    instant(ratio?.('1h') ?? null, at),
    instant(ratio?.('1h') ?? null, yesterday),
    instant(latency, at),
    instant(latency, yesterday),
    Promise.all(slos.map((slo): Promise<SloReport> => measureSlo(metrics, slo, options))),
    ratio ? riseOf(metrics, ratio('5m'), at, input.riseMultiple) : Promise.resolve(null),
  ]);
  return { errorRatio5m, errorRatio1h, errorRatio1hYesterday, latencyP99Now, latencyP99Yesterday, slos: sloReports, errorsRoseAt };
}
