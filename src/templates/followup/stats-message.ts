/** `/incident stats` as an ephemeral message. */
import type { DurationStats, StatsReport } from '../../core/followup/api.js';
import type { ChatMessage } from '../../core/ports.js';
import { message, sections } from '../blocks/kit.js';
import type { TimeFormat } from '../format.js';
import type { TemplateRenderer } from '../render.js';

const CATEGORY_LABELS: Record<string, string> = {
  code_defect: 'code defect',
  config_or_flag: 'config or flag error',
  capacity: 'capacity',
  dependency_or_external: 'dependency or external',
  data: 'data',
  deploy_or_change: 'deploy or change',
  unknown: 'unknown',
};

const durationRow = (label: string, d: DurationStats) => ({ label, count: d.count, median: d.median, p90: d.p90 });

export function statsMessage(renderer: TemplateRenderer, time: TimeFormat, stats: StatsReport): ChatMessage {
  const severities = Object.entries(stats.incidentsBySeverity)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => ({ name, count }));
  const total = severities.reduce((n, s) => n + s.count, 0);
  const { closed, total: items, percent } = stats.actionItems;
  const text = renderer.render('incident-stats.mrkdwn', {
    since: time.day(stats.since),
    total,
    severities,
    durations: [
      durationRow('Time to detect', stats.timeToDetect),
      durationRow('Time to acknowledge', stats.timeToAcknowledge),
      durationRow('Time to mitigate', stats.timeToMitigate),
      durationRow('Time to resolve', stats.timeToResolve),
    ],
    actionItems: percent === null ? 'none yet' : `${percent}% (${closed} of ${items})`,
    recurring: stats.recurringRootCauses.map((r) => ({ service: r.service, category: CATEGORY_LABELS[r.category] ?? r.category, count: r.count })),
  });
  return message(`Incident stats: ${total} incidents since ${time.day(stats.since)}`, sections(text));
}
