/**
 * Wall-clock math in an IANA time zone with Intl only (no date library), and `--started` parsing.
 * Durations stay in milliseconds: the views decide how to show them.
 */
import { DomainError } from '../errors.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at `date`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = zonedParts(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock of `timeZone` shows the given local time. Out-of-range days roll over (day 0 = last of previous month). */
export function zonedTimeToUtc(local: { year: number; month: number; day: number; hour: number; minute: number; second?: number }, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  const firstOffset = zoneOffsetMs(new Date(guess), timeZone);
  let instant = guess - firstOffset;
  // Around a DST change the offset at the guess and at the answer differ: one more pass settles it.
  const secondOffset = zoneOffsetMs(new Date(instant), timeZone);
  if (secondOffset !== firstOffset) instant = guess - secondOffset;
  return new Date(instant);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** YYYYMMDD in the zone, as channel names use it. */
export function compactDate(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}`;
}

/** HH:MM in the zone, for reasons such as "already resolved (at 14:02)". */
export function clockTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

const HH_MM = /^(\d{1,2}):(\d{2})$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** JavaScript rolls 2026-02-30 over to March 2nd; a person who typed it made a mistake. */
function isCalendarDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

function acceptedForms(timeZone: string): string {
  return `Use HH:MM (24-hour, ${timeZone} time, e.g. 13:52) or a full ISO 8601 time such as 2026-03-01T13:52:00Z or 2026-03-01T13:52:00-05:00.`;
}

function badStarted(input: string, why: string, timeZone: string): DomainError {
  return new DomainError('BAD_INPUT', `--started "${input}" ${why}. ${acceptedForms(timeZone)}`, { field: 'started' });
}

/**
 * When the impact started. `HH:MM` is today in `timeZone`, or yesterday when today's would be in the future;
 * an ISO time needs its offset (or Z), and one without is read in `timeZone`. Times after `now` are refused.
 */
export function parseStarted(input: string, now: Date, timeZone: string): Date {
  const text = input.trim();
  const clock = HH_MM.exec(text);
  if (clock) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    if (hour > 23 || minute > 59) throw badStarted(input, 'is not a time of day', timeZone);
    const today = zonedParts(now, timeZone);
    const candidate = zonedTimeToUtc({ year: today.year, month: today.month, day: today.day, hour, minute }, timeZone);
    if (candidate.getTime() <= now.getTime()) return candidate;
    return zonedTimeToUtc({ year: today.year, month: today.month, day: today.day - 1, hour, minute }, timeZone);
  }
  let parsed: Date | null = null;
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !isCalendarDate(text.slice(0, 10))) throw badStarted(input, 'is not a valid date and time', timeZone);
  if (ISO_WITH_OFFSET.test(text)) {
    parsed = new Date(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  } else {
    const local = ISO_LOCAL.exec(text);
    if (local) {
      const [year, month, day, hour, minute, second] = local.slice(1).map((v) => Number(v ?? 0));
      if (hour! > 23 || minute! > 59 || second! > 59) {
        throw badStarted(input, 'is not a valid date and time', timeZone);
      }
      parsed = zonedTimeToUtc({ year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! }, timeZone);
    }
  }
  if (!parsed || Number.isNaN(parsed.getTime())) throw badStarted(input, 'is not a time Warroom understands', timeZone);
  if (parsed.getTime() > now.getTime()) throw badStarted(input, 'is in the future; the impact must have started already', timeZone);
  return parsed;
}
