/**
 * The time-of-week dimension, read on the wall clock of the service's (or team's) zone, so that a Friday
 * afternoon in Berlin stays a Friday afternoon on both sides of a daylight-saving change.
 */
import { DomainError } from '../errors.js';
import { zonedParts } from '../incident/time.js';
import type { DimensionAssessment, Level, TimeOfWeekSettings } from './model.js';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const FRIDAY = 5;
const WEEKEND = [6, 7];

const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "HH:MM" as minutes after midnight, or null when it is not a time of day. */
export function parseClock(text: string): number | null {
  const match = CLOCK.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function isCalendarDate(ymd: string): boolean {
  if (!DATE.test(ymd)) return false;
  const [year, month, day] = ymd.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

/** A freeze entry, "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" (inclusive), as a date range; null when malformed. */
export function parseFreezeEntry(entry: string): { from: string; to: string } | null {
  const parts = entry.trim().split('..');
  const from = parts[0] ?? '';
  const to = parts[1] ?? from;
  if (parts.length > 2 || !isCalendarDate(from) || !isCalendarDate(to) || to < from) return null;
  return { from, to };
}

/** Everything wrong with the settings, for config validation; empty when they are usable. */
export function timeOfWeekProblems(settings: TimeOfWeekSettings): string[] {
  const problems: string[] = [];
  const clocks = ['businessStart', 'businessEnd', 'fridayAfternoonFrom', 'eveningEnd'] as const;
  for (const key of clocks) {
    if (parseClock(settings[key]) === null) problems.push(`${key} "${settings[key]}" is not a time of day (HH:MM, 24-hour)`);
  }
  const [start, end, , evening] = clocks.map((key) => parseClock(settings[key]));
  if (start != null && end != null && evening != null && !(start < end && end <= evening)) {
    problems.push(`business hours must start before they end, and evenings end at or after business end (got ${settings.businessStart}–${settings.businessEnd}, evening until ${settings.eveningEnd})`);
  }
  for (const day of settings.lowRiskDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) problems.push(`low-risk day ${day} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
  }
  for (const entry of settings.freezeDates) {
    if (!parseFreezeEntry(entry)) problems.push(`freeze date "${entry}" is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (start before end)`);
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone });
  } catch {
    problems.push(`time zone "${settings.timeZone}" is not an IANA zone (e.g. Europe/Berlin)`);
  }
  return problems;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function assessment(value: string, level: Level, why: string): DimensionAssessment {
  return { dimension: 'time_of_week', value, level, why };
}

/**
 * Rules, first match wins: freeze date → high; weekend (Sat/Sun unless configured as low-risk) → high;
 * night (before business start, or from evening end) → high; evening → medium; Friday from
 * `fridayAfternoonFrom` → medium; business hours on a low-risk day → low. Friday morning inside business
 * hours is low too: the table lists only the afternoon as medium, and Friday is a business day.
 * Any other working day that is not configured as low-risk is medium.
 */
export function assessTimeOfWeek(at: Date, settings: TimeOfWeekSettings): DimensionAssessment {
  const problems = timeOfWeekProblems(settings);
  if (problems.length > 0) throw new DomainError('BAD_INPUT', `Time-of-week settings are invalid: ${problems.join('; ')}.`, { field: 'time_of_week' });
  const local = zonedParts(at, settings.timeZone);
  const isoDay = ((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1;
  const dayName = DAY_NAMES[isoDay - 1]!;
  const minute = local.hour * 60 + local.minute;
  const value = `${dayName} ${pad(local.hour)}:${pad(local.minute)} ${settings.timeZone}`;
  const date = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
  const clock = (text: string): number => parseClock(text)!;

  const freeze = settings.freezeDates.find((entry) => {
    const range = parseFreezeEntry(entry)!;
    return range.from <= date && date <= range.to;
  });
  if (freeze) return assessment(value, 'high', `freeze date (${freeze.trim()})`);
  if (WEEKEND.includes(isoDay) && !settings.lowRiskDays.includes(isoDay)) return assessment(value, 'high', 'weekend');
  if (minute < clock(settings.businessStart)) return assessment(value, 'high', `night (before ${settings.businessStart})`);
  if (minute >= clock(settings.eveningEnd)) return assessment(value, 'high', `night (from ${settings.eveningEnd})`);
  if (minute >= clock(settings.businessEnd)) return assessment(value, 'medium', `evening (${settings.businessEnd}–${settings.eveningEnd})`);
  if (isoDay === FRIDAY && minute >= clock(settings.fridayAfternoonFrom)) return assessment(value, 'medium', `Friday afternoon (from ${settings.fridayAfternoonFrom})`);
  const hours = `${settings.businessStart}–${settings.businessEnd}`;
  if (settings.lowRiskDays.includes(isoDay)) return assessment(value, 'low', `business hours (${hours}) on a low-risk day`);
  if (isoDay === FRIDAY) return assessment(value, 'low', `Friday morning, business hours (${settings.businessStart}–${settings.fridayAfternoonFrom})`);
  return assessment(value, 'medium', `business hours, but ${dayName} is not a low-risk day`);
}
