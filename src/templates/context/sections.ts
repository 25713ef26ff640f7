/** The text of each section of the context snapshot (mrkdwn; every external string escaped). */
import type { Change, PeopleAndState, Signals, Suspect } from '../../core/context/model.js';
import { escapeMrkdwn, isSlackUserId } from '../escape.js';
import type { TimeFormat } from '../format.js';

/** Beyond this many changes the list ends with "and N more" (Block Kit sections hold 3,000 characters). */
export const MAX_CHANGES = 15;
export const MAX_SUSPECTS = 5;

const percent = (ratio: number | null): string => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(ratio < 0.001 ? 3 : 2)}%`);
const latency = (seconds: number | null): string => (seconds === null ? 'n/a' : seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`);

export const person = (who: string): string => (isSlackUserId(who) ? `<@${who}>` : escapeMrkdwn(who));

const KIND_LABEL: Record<Change['kind'], string> = {
  deploy_check: 'deploy check', rollout: 'rollout', github_deployment: 'deployment', release: 'release', pull_request: 'PR', config: 'config',
};

/** A link whose label is escaped; a URL with characters Slack would misread is shown as text. */
function linked(text: string, url: string | null): string {
  const label = escapeMrkdwn(text);
  if (!url || !/^https?:\/\/[^\s<>|]+$/.test(url)) return label;
  return `<${url}|${label.replace(/\|/g, '¦')}>`;
}

export function changeLine(change: Change, time: TimeFormat): string {
  const by = change.author ? ` by ${person(change.author)}` : '';
  return `• ${time.time(change.at)} _${KIND_LABEL[change.kind]}_ ${linked(change.title, change.link)}${by}`;
}

export function signalsText(s: Signals, time: TimeFormat): string {
  const lines = [
    `Error ratio: *${percent(s.errorRatio5m)}* (5m), ${percent(s.errorRatio1h)} (1h), yesterday same hour ${percent(s.errorRatio1hYesterday)}`,
  ];
  if (s.latencyP99Now !== null || s.latencyP99Yesterday !== null) lines.push(`p99 latency: *${latency(s.latencyP99Now)}* now, ${latency(s.latencyP99Yesterday)} yesterday`);
  for (const slo of s.slos) {
    const name = escapeMrkdwn(slo.name);
    if (slo.unknown || !slo.budget) {
      lines.push(`SLO ${name} (${slo.objective}%): unknown — ${escapeMrkdwn(slo.unknown ?? 'no numbers')}`);
      continue;
    }
    const burns = slo.burnRates.filter((b) => b.burn !== null && ['5m', '1h', '6h'].includes(b.window)).map((b) => `${b.window} ${(b.burn as number).toFixed(1)}×`);
    lines.push(`SLO ${name} (${slo.objective}%): ${Math.round(slo.budget.remaining * 100)}% budget left${burns.length ? `, burn ${burns.join(', ')}` : ''}${slo.alert ? ` — *${slo.alert.level}*` : ''}`);
  }
  lines.push(s.errorsRoseAt ? `:chart_with_upwards_trend: *errors rose at ${time.time(s.errorsRoseAt)}*` : 'No error rise in the last 6 hours.');
  return lines.join('\n');
}

export function changesText(changes: Change[], since: Date, time: TimeFormat): string {
  if (changes.length === 0) return `No changes since ${time.dateTime(since)}.`;
  const shown = changes.slice(0, MAX_CHANGES).map((c) => changeLine(c, time));
  if (changes.length > MAX_CHANGES) shown.push(`_and ${changes.length - MAX_CHANGES} more_`);
  return shown.join('\n');
}

export function peopleText(p: PeopleAndState, time: TimeFormat): string {
  const onCall = p.onCall.length
    ? p.onCall.map((o) => `L${o.level} ${o.slackUserId ? `<@${o.slackUserId}>` : escapeMrkdwn(o.name)}${o.until ? ` until ${time.time(o.until)}` : ''}`).join(', ')
    : 'nobody known';
  const others = p.otherOpenIncidents.slice(0, 10).map((i) => `${escapeMrkdwn(i.severity)} #${i.id} ${escapeMrkdwn(i.title)}${i.channelId ? ` <#${i.channelId}>` : ''}`);
  const more = p.otherOpenIncidents.length > 10 ? [`and ${p.otherOpenIncidents.length - 10} more`] : [];
  const freezes = p.freezes.map((f) => `#${f.incidentId} (${escapeMrkdwn(f.severity)})`);
  return [
    `On call: ${onCall}`,
    `Other open incidents: ${others.length ? [...others, ...more].join('; ') : 'none'}`,
    `Deploy freezes: ${freezes.length ? freezes.join(', ') : 'none'}`,
  ].join('\n');
}

export function suspectLine(s: Suspect, time: TimeFormat): string {
  return `*${s.rank}.* ${s.minutesBeforeRise} min before the rise: ${changeLine(s.change, time).slice(2)}`;
}
