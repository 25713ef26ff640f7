/** Leaf schemas of the deploy-check options: percentages, clock times, weekdays, freeze dates, windows, queries. */
import { z } from 'zod';
import { expected, text } from './fields.js';
import { parseWindow, queryProblem } from './slo-window.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const percent = () =>
  z
    .number({ error: expected('a percentage from 0 to 100') })
    .min(0, { error: (iss) => `expected a percentage from 0 to 100, got ${String(iss.input)}` })
    .max(100, { error: (iss) => `expected a percentage from 0 to 100, got ${String(iss.input)}` });

export function nonNegativeInt() {
  const what = 'a whole number, 0 or more';
  return z.int({ error: expected(what) }).nonnegative({ error: expected(what) });
}

/** "HH:MM" on a 24-hour clock; "9:00" is accepted and stored as "09:00". */
export const clock = () =>
  text('a time of day like 09:00')
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { error: (iss) => `expected a time of day HH:MM (24-hour, 00:00 to 23:59), got ${JSON.stringify(iss.input)}` })
    .transform((value) => value.padStart(5, '0'));

export const weekday = () =>
  z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(WEEKDAYS, { error: expected(`a day: ${WEEKDAYS.join(', ')}`) }));

function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** "YYYY-MM-DD" or an inclusive range "YYYY-MM-DD..YYYY-MM-DD". */
export const freezeDate = () =>
  text('a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD').superRefine((value, ctx) => {
    const match = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(value.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD, got ${JSON.stringify(value)}` });
      return;
    }
    const from = match[1] ?? '';
    const to = match[2] ?? from;
    for (const date of new Set([from, to])) {
      if (!isCalendarDate(date)) ctx.addIssue({ code: 'custom', message: `${date} is not a date on the calendar` });
    }
    if (to < from) ctx.addIssue({ code: 'custom', message: `the range ends before it starts (${from} is after ${to})` });
  });

export const sloWindow = () =>
  text('a duration like 30d').superRefine((value, ctx) => {
    const result = parseWindow(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

export const promQuery = () =>
  text('a PromQL query with {{.window}}').superRefine((value, ctx) => {
    const problem = queryProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A percent objective: 99.9, never 0.999 (that is OpenSLO's `target`; here it would mean 0.999%). */
export const objective = () =>
  z.number({ error: expected('a percentage between 0 and 100, like 99.9') }).superRefine((value, ctx) => {
    if (value === 100) ctx.addIssue({ code: 'custom', message: 'an objective of 100% leaves no error budget to measure (use e.g. 99.99)' });
    else if (!(value > 0 && value < 100)) ctx.addIssue({ code: 'custom', message: `expected a percentage between 0 and 100 (exclusive), like 99.9, got ${value}` });
    else if (value <= 1) ctx.addIssue({ code: 'custom', message: `${value} is a percent here (${value}%); did you mean ${Number((value * 100).toFixed(6))}?` });
  });
