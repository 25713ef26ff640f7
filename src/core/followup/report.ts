/**
 * The review as pure data: which open items are overdue, due this week or later, grouped by owner and incident,
 * what was completed last week, and the on-time completion rate over the last quarter.
 */
import type { Incident } from '../incident/model.js';
import type { ActionItem } from '../postmortem/model.js';
import type { ReviewItem, ReviewReport, ReviewSync } from './api.js';
import { addDays, daysBetween, localDate } from './local-dates.js';

export const UNASSIGNED = 'unassigned';
const WEEK_DAYS = 7;
const QUARTER_DAYS = 90;

export interface ReportInput {
  now: Date;
  timeZone: string;
  targetPercent: number;
  /** Every item the report may speak of (open and closed); filtering is the caller's. */
  items: ActionItem[];
  incidents: Map<number, Pick<Incident, 'title' | 'service'>>;
  sync?: ReviewSync;
}

export function reviewItem(item: ActionItem, today: string, incident: Pick<Incident, 'title' | 'service'> | undefined): ReviewItem {
  const ahead = daysBetween(today, item.dueDate);
  return {
    item,
    incidentTitle: incident?.title ?? `Incident ${item.incidentId}`,
    service: incident?.service ?? null,
    daysOverdue: ahead !== null && ahead < 0 ? -ahead : null,
    dueThisWeek: ahead !== null && ahead >= 0 && ahead < WEEK_DAYS,
  };
}

/** Most days overdue first, then the nearest due date, then the oldest item: a stable, readable order. */
export function compareReviewItems(a: ReviewItem, b: ReviewItem): number {
  const rank = (r: ReviewItem) => (r.daysOverdue !== null ? 0 : r.dueThisWeek ? 1 : 2);
  return rank(a) - rank(b) || (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.item.dueDate.localeCompare(b.item.dueDate) || a.item.id - b.item.id;
}

function groupBy(items: ReviewItem[], keyOf: (r: ReviewItem) => string): Record<string, ReviewItem[]> {
  const groups: Record<string, ReviewItem[]> = {};
  for (const r of items) (groups[keyOf(r)] ??= []).push(r);
  return groups;
}

/** Closed on or before the due date, both read as local dates. */
export function closedOnTime(item: ActionItem, timeZone: string): boolean {
  return item.state === 'closed' && item.closedAt !== null && localDate(item.closedAt, timeZone) <= item.dueDate;
}

export function completionOf(items: ActionItem[], today: string, timeZone: string, targetPercent: number): ReviewReport['completion'] {
  const from = addDays(today, -QUARTER_DAYS);
  // Due in the last quarter and no longer in the future: an item due today can still be done on time.
  const due = items.filter((i) => i.dueDate >= from && i.dueDate < today);
  const onTime = due.filter((i) => closedOnTime(i, timeZone)).length;
  return { onTime, due: due.length, percent: due.length ? Math.round((onTime / due.length) * 1000) / 10 : null, targetPercent };
}

export function buildReport(input: ReportInput): ReviewReport {
  const { now, timeZone, items, incidents } = input;
  const today = localDate(now, timeZone);
  const open = items
    .filter((i) => i.state === 'open')
    .map((i) => reviewItem(i, today, incidents.get(i.incidentId)))
    .sort(compareReviewItems);
  const weekAgo = now.getTime() - WEEK_DAYS * 86_400_000;
  const completedLastWeek = items
    .filter((i) => i.state === 'closed' && i.closedAt !== null && i.closedAt.getTime() >= weekAgo)
    .sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0));
  return {
    generatedAt: now,
    overdue: open.filter((r) => r.daysOverdue !== null),
    dueThisWeek: open.filter((r) => r.dueThisWeek),
    later: open.filter((r) => r.daysOverdue === null && !r.dueThisWeek),
    byOwner: groupBy(open, (r) => r.item.ownerSlackId ?? UNASSIGNED),
    byIncident: groupBy(open, (r) => String(r.item.incidentId)),
    completedLastWeek,
    completion: completionOf(items, today, timeZone, input.targetPercent),
    ...(input.sync ? { sync: input.sync } : {}),
  };
}
