/** Calendar dates (YYYY-MM-DD) in the team's time zone, for due dates. */
import { zonedParts } from '../incident/time.js';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const match = YMD.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Today's date in `timeZone`. */
export function todayIn(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days (no time zone involved: dates are dates). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The later of two YYYY-MM-DD dates (they sort as strings). */
export const laterDate = (a: string, b: string): string => (a > b ? a : b);
