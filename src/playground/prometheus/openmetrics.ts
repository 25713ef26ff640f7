/**
 * OpenMetrics text as `promtool tsdb create-blocks-from openmetrics` reads it: each family's `# HELP`/`# TYPE` lines
 * followed by all of its samples (families must not interleave), every sample with a timestamp in Unix seconds,
 * and `# EOF` as the last line:
 *
 *   # HELP http_requests Synthetic requests.
 *   # TYPE http_requests counter
 *   http_requests_total{code="200",service="checkout"} 0 1746100800
 *   http_requests_total{code="200",service="checkout"} 600 1746100860
 *   # EOF
 */
import { open } from 'node:fs/promises';
import { timeAt, type SyntheticSeries, type Timeline } from './synthetic-series.js';

/** Writes the file one series at a time (30 days of minute samples for 40 series is over 100 MB); returns the sample count. */
export async function writeOpenMetrics(path: string, series: SyntheticSeries[], timeline: Timeline): Promise<number> {
  const file = await open(path, 'w');
  let samples = 0;
  try {
    for (const [family, members] of groupByFamily(series)) {
      await file.write(`# HELP ${family} Synthetic ${family} for Warroom tests.\n# TYPE ${family} counter\n`);
      for (const s of members) {
        const { text, count } = seriesLines(s, timeline);
        samples += count;
        await file.write(text);
      }
    }
    await file.write('# EOF\n');
  } finally {
    await file.close();
  }
  return samples;
}

export function seriesLines(series: SyntheticSeries, timeline: Timeline): { text: string; count: number } {
  const prefix = `${series.family}_total${formatLabels(series.labels)} `;
  const values = series.values(timeline);
  const lines: string[] = [];
  for (let i = 0; i < timeline.count; i++) {
    const v = values[i] ?? Number.NaN;
    if (!Number.isNaN(v)) lines.push(`${prefix}${v} ${timeAt(timeline, i)}\n`);
  }
  return { text: lines.join(''), count: lines.length };
}

export function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabelValue(labels[name] ?? '')}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Groups by family in first-seen order; the same series twice would be two conflicting histories. */
function groupByFamily(series: SyntheticSeries[]): Map<string, SyntheticSeries[]> {
  const families = new Map<string, SyntheticSeries[]>();
  const seen = new Set<string>();
  for (const s of series) {
    const id = `${s.family}${formatLabels(s.labels)}`;
    if (seen.has(id)) throw new Error(`writeOpenMetrics: series ${id} given twice`);
    seen.add(id);
    families.set(s.family, [...(families.get(s.family) ?? []), s]);
  }
  return families;
}
