/**
 * Calendar days in the team's time zone. Due dates are local dates (YYYY-MM-DD), so "days overdue" counts
 * calendar days between two local dates: a 23- or 25-hour day around a daylight-saving change is still one day.
 */
import { zonedParts } from '../incident/time.js';

const DAY_MS = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The local date at `at` in `timeZone`, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (the date's own calendar, no zone involved); null when malformed. */
export function dayNumber(ymd: string): number | null {
  const match = YMD.exec(ymd);
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** Whole calendar days from `from` to `to` (positive when `to` is later); null when either is malformed. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** The local date `days` after `ymd`. */
export function addDays(ymd: string, days: number): string {
  const n = dayNumber(ymd);
  if (n === null) throw new Error(`not a YYYY-MM-DD date: ${ymd}`);
  return new Date((n + days) * DAY_MS).toISOString().slice(0, 10);
}
