import { describe, expect, it } from 'vitest';
import { buildReport, localDate, reviewItem } from '../../../../src/core/followup/index.js';
import type { ActionItem } from '../../../../src/core/postmortem/model.js';
import { newItem } from './followup-fixtures.js';

const item = (over: Partial<ActionItem> = {}): ActionItem => ({ ...newItem(), id: 1, updatedAt: new Date(0), ...over });
const overdueAt = (dueDate: string, now: string, timeZone: string) => reviewItem(item({ dueDate }), localDate(new Date(now), timeZone), undefined).daysOverdue;

describe('days overdue in the team zone', () => {
  it('counts one local day across the Berlin autumn change (25-hour day)', () => {
    // Due Saturday 24 Oct; clocks go back at 03:00 on Sunday 25 Oct; 22:30Z that Sunday is 23:30 CET, 24.5 h after.
    expect(overdueAt('2026-10-24', '2026-10-25T22:30:00Z', 'Europe/Berlin')).toBe(1);
    // Monday 26 Oct 09:00 CET is 08:00Z.
    expect(overdueAt('2026-10-25', '2026-10-26T08:00:00Z', 'Europe/Berlin')).toBe(1);
    expect(overdueAt('2026-10-24', '2026-10-26T08:00:00Z', 'Europe/Berlin')).toBe(2);
  });

  it('counts one local day across the New York spring change (23-hour day)', () => {
    // Clocks go forward on Sunday 8 Mar; Monday 9 Mar 00:30 EDT is 04:30Z, only 23.5 hours after Sunday 00:00 EST.
    expect(overdueAt('2026-03-08', '2026-03-09T04:30:00Z', 'America/New_York')).toBe(1);
    expect(overdueAt('2026-03-07', '2026-03-08T05:30:00Z', 'America/New_York')).toBe(1);
    expect(overdueAt('2026-03-08', '2026-03-09T03:59:00Z', 'America/New_York')).toBeNull(); // still Sunday 23:59 EDT
  });

  it('reads "today" in the team zone, not in UTC', () => {
    const now = '2026-03-09T23:30:00Z'; // Tuesday 00:30 in Berlin, Monday 19:30 in New York
    expect(overdueAt('2026-03-09', now, 'Europe/Berlin')).toBe(1);
    expect(overdueAt('2026-03-09', now, 'America/New_York')).toBeNull();
    expect(overdueAt('2026-03-09', now, 'Asia/Tokyo')).toBe(1);
  });

  it('marks due this week for today through the next six days', () => {
    const today = '2026-03-09';
    const at = (dueDate: string) => reviewItem(item({ dueDate }), today, undefined);
    expect(at('2026-03-09').dueThisWeek).toBe(true);
    expect(at('2026-03-15').dueThisWeek).toBe(true);
    expect(at('2026-03-16').dueThisWeek).toBe(false);
    expect(at('2026-03-08').dueThisWeek).toBe(false);
  });
});

describe('the report', () => {
  const now = new Date('2026-03-09T08:00:00Z');
  const incidents = new Map([
    [1, { title: 'Checkout down', service: 'checkout' }],
    [2, { title: 'Search slow', service: 'search' }],
  ]);

  it('orders overdue (most days first), then due this week, then later, and groups by owner and incident', () => {
    const items = [
      item({ id: 1, dueDate: '2026-04-01' }),
      item({ id: 2, dueDate: '2026-03-05', ownerSlackId: 'U0BOB' }),
      item({ id: 3, dueDate: '2026-03-11', incidentId: 2 }),
      item({ id: 4, dueDate: '2026-02-20', ownerSlackId: null, incidentId: 2 }),
      item({ id: 5, dueDate: '2026-03-01', state: 'closed', closedAt: new Date('2026-03-04T10:00:00Z') }),
    ];
    const report = buildReport({ now, timeZone: 'Europe/Berlin', targetPercent: 90, items, incidents });
    expect(report.overdue.map((r) => [r.item.id, r.daysOverdue])).toEqual([
      [4, 17],
      [2, 4],
    ]);
    expect(report.dueThisWeek.map((r) => r.item.id)).toEqual([3]);
    expect(report.later.map((r) => r.item.id)).toEqual([1]);
    expect(Object.keys(report.byOwner).sort()).toEqual(['U0ALICE', 'U0BOB', 'unassigned']);
    expect(report.byOwner.U0ALICE?.map((r) => r.item.id)).toEqual([3, 1]);
    expect(report.byIncident['2']?.map((r) => r.incidentTitle)).toEqual(['Search slow', 'Search slow']);
    expect(report.completedLastWeek.map((i) => i.id)).toEqual([5]);
  });

  it('computes on-time completion over items due in the last 90 days against the target', () => {
    const closed = (id: number, dueDate: string, closedAt: string) => item({ id, dueDate, state: 'closed', closedAt: new Date(closedAt) });
    const items = [
      closed(1, '2026-03-01', '2026-03-01T22:30:00Z'), // 23:30 in Berlin on the due date: on time
      closed(2, '2026-03-01', '2026-03-01T23:30:00Z'), // 00:30 the next day in Berlin: late
      closed(3, '2026-02-01', '2026-01-20T10:00:00Z'),
      item({ id: 4, dueDate: '2026-02-15' }), // still open, overdue
      closed(5, '2025-11-01', '2025-10-01T10:00:00Z'), // due before the quarter
      item({ id: 6, dueDate: '2026-03-09' }), // due today: not yet counted
    ];
    const report = buildReport({ now, timeZone: 'Europe/Berlin', targetPercent: 90, items, incidents });
    expect(report.completion).toEqual({ onTime: 2, due: 4, percent: 50, targetPercent: 90 });
  });
});
