/**
 * A MetricsPort that answers the query shapes deploy checks send for SLOs written as `err[{{.window}}]` /
 * `total[{{.window}}]`, from a table: error ratio per window, total request rate, history length, freshness.
 */
import { IntegrationError } from '../../../src/core/errors.js';
import type { MetricSample, MetricsPort } from '../../../src/core/ports.js';

export interface FakeMetricsTable {
  /** Error ratio by window label (`30d`, `5m`, `1h` …); a missing window falls back to `default`. */
  ratio: Record<string, number>;
  /** Requests per second. */
  totalRate: number;
  /** Minutes of history (default: plenty). */
  historyMinutes?: number;
  stale?: boolean;
  /** Every query fails as Prometheus being unreachable. */
  down?: boolean;
  /** The ratio query returns this many series. */
  series?: number;
}

export function fakeSloQueries(name: string): { errorQuery: string; totalQuery: string } {
  return { errorQuery: `err_${name}[{{.window}}]`, totalQuery: `total_${name}[{{.window}}]` };
}

export function createFakeMetrics(tables: Record<string, FakeMetricsTable>, options: { staleWindow?: string } = {}): MetricsPort & { queries: string[] } {
  const queries: string[] = [];
  const staleWindow = options.staleWindow ?? '10m';
  const sample = (value: number, labels: Record<string, string> = {}): MetricSample => ({ labels, value, at: new Date(0) });
  const tableOf = (name: string): FakeMetricsTable => {
    const table = tables[name];
    if (!table) throw new Error(`fake metrics: no table for ${name}`);
    return table;
  };
  /** One part: `(err_x[W]) / (total_x[W])`, `err_x[W]` or `total_x[W]`. */
  function answer(expr: string): MetricSample[] {
    const ratio = /^\(err_(\w+)\[(\w+)\]\) \/ \(total_\w+\[\w+\]\)$/.exec(expr);
    const single = /^(err|total)_(\w+)\[(\w+)\]$/.exec(expr);
    const table = tableOf(ratio?.[1] ?? single?.[2] ?? '');
    if (table.down) throw new IntegrationError('prometheus', 'query', 'cannot reach Prometheus at http://prometheus:9090: ECONNREFUSED', true);
    const windowRatio = (window: string) => table.ratio[window] ?? table.ratio.default ?? 0;
    if (ratio) {
      const count = table.series ?? 1;
      return Array.from({ length: count }, (_, i) => sample(table.totalRate === 0 ? Number.NaN : windowRatio(ratio[2] as string), count > 1 ? { pod: `p${i}` } : {}));
    }
    if (!single) throw new Error(`fake metrics: unexpected expression ${expr}`);
    const [, kind, , window = ''] = single;
    if (kind === 'total') return window === staleWindow && table.stale ? [] : [sample(table.totalRate)];
    const count = table.series ?? 1;
    return Array.from({ length: count }, (_, i) => sample(table.totalRate * windowRatio(window), count > 1 ? { pod: `p${i}` } : {}));
  }

  return {
    queries,
    status: () => ({ configured: true, detail: 'fake Prometheus' }),
    async queryInstant(query, at) {
      queries.push(query);
      // Deploy checks send one `or` of tagged parts per SLO: label_replace(<expr>, "warroom_q", "<part>", "", "").
      const parts = [...query.matchAll(/label_replace\((.*?), "warroom_q", "(\w+)", "", ""\)/g)];
      if (parts.length === 0) throw new Error(`fake metrics: unexpected query ${query} at ${at?.toISOString()}`);
      return parts.flatMap(([, expr = '', part = '']) => answer(expr).map((s) => ({ ...s, labels: { ...s.labels, warroom_q: part } })));
    },
    async queryRange(query, range) {
      queries.push(query);
      const name = /^total_(\w+)\[/.exec(query)?.[1] ?? '';
      const table = tableOf(name);
      if (table.down) throw new IntegrationError('prometheus', 'query_range', 'cannot reach Prometheus', true);
      const start = table.historyMinutes === undefined ? range.start.getTime() : Math.max(range.start.getTime(), range.end.getTime() - table.historyMinutes * 60_000);
      const points = [];
      for (let t = start; t <= range.end.getTime(); t += range.stepSeconds * 1000) points.push({ at: new Date(t), value: table.totalRate });
      return [{ labels: {}, points }];
    },
  };
}
