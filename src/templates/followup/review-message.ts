/** The weekly digest and `/incident actions`: one template, lists capped so the message stays within Slack's limits. */
import type { ActionItem } from '../../core/postmortem/model.js';
import type { ReviewItem, ReviewReport } from '../../core/followup/api.js';
import type { ChatMessage } from '../../core/ports.js';
import { header, message, sections } from '../blocks/kit.js';
import type { TemplateRenderer } from '../render.js';
import type { TimeFormat } from '../format.js';

/** Lines per list; the template says "and N more" past it. Keeps the digest to a handful of 3,000-char sections. */
export const LIST_LIMIT = 10;

const issueRef = (item: ActionItem): string => `${item.repository}#${item.issueNumber}`;

export function itemLine(r: ReviewItem): Record<string, unknown> {
  return {
    overdue: r.daysOverdue !== null ? `${r.daysOverdue} day${r.daysOverdue === 1 ? '' : 's'} overdue` : null,
    dueThisWeek: r.dueThisWeek,
    url: r.item.issueUrl,
    issue: issueRef(r.item),
    description: r.item.description,
    owner: r.item.ownerSlackId,
    due: r.item.dueDate,
    incident: r.incidentTitle,
    priority: r.item.priority,
    validation: r.item.validation,
  };
}

function capped<T, U>(list: T[], map: (t: T) => U, limit = LIST_LIMIT): { shown: U[]; more: number } {
  return { shown: list.slice(0, limit).map(map), more: Math.max(0, list.length - limit) };
}

function group(title: string, list: ReviewItem[]) {
  const { shown, more } = capped(list, itemLine);
  return { title, count: list.length, lines: shown, more };
}

function completionText(c: ReviewReport['completion']): string {
  if (c.percent === null) return `no items were due (target ${c.targetPercent}%)`;
  const mark = c.percent >= c.targetPercent ? ':white_check_mark:' : ':warning:';
  return `${mark} ${c.percent}% (${c.onTime} of ${c.due} on time; target ${c.targetPercent}%)`;
}

const closedLine = (i: ActionItem) => ({ url: i.issueUrl, issue: issueRef(i), description: i.description, unvalidated: i.flaggedUnvalidated });

function counts(entries: [string, ReviewItem[]][]) {
  return entries
    .map(([key, list]) => ({ key, list, open: list.length, overdue: list.filter((r) => r.daysOverdue !== null).length }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.key.localeCompare(b.key));
}

export function reviewData(report: ReviewReport, heading: string, time: TimeFormat): Record<string, unknown> {
  const owners = capped(counts(Object.entries(report.byOwner)), (o) => ({ id: o.key === 'unassigned' ? null : o.key, open: o.open, overdue: o.overdue }));
  const incidents = capped(counts(Object.entries(report.byIncident)), (o) => ({ title: o.list[0]?.incidentTitle ?? `Incident ${o.key}`, open: o.open, overdue: o.overdue }));
  const closedOnGitHub = capped(report.sync?.closedOnGitHub ?? [], closedLine);
  const completed = capped(report.completedLastWeek, closedLine);
  const groups = [group('Overdue', report.overdue), group('Due this week', report.dueThisWeek), group('Later', report.later)].filter((g) => g.count > 0);
  return {
    heading,
    day: time.day(report.generatedAt),
    note: report.sync?.note ?? null,
    completion: completionText(report.completion),
    groups: groups.length ? groups : [{ title: 'Open action items', count: 0, lines: [], more: 0 }],
    owners: owners.shown,
    ownersMore: owners.more,
    incidents: incidents.shown,
    incidentsMore: incidents.more,
    closedOnGitHub: closedOnGitHub.shown,
    closedOnGitHubMore: closedOnGitHub.more,
    completed: completed.shown,
    completedCount: report.completedLastWeek.length,
    completedMore: completed.more,
  };
}

export function reviewMessage(renderer: TemplateRenderer, time: TimeFormat, report: ReviewReport, heading: string): ChatMessage {
  const text = renderer.render('weekly-review.mrkdwn', reviewData(report, heading, time));
  const open = Object.values(report.byOwner).reduce((n, list) => n + list.length, 0);
  const fallback = `${heading}: ${open} open, ${report.overdue.length} overdue`;
  return message(fallback, [header(heading), ...sections(text)]);
}
