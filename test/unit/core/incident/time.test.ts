import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { clockTime, compactDate, parseStarted, zonedTimeToUtc } from '../../../../src/core/incident/time.js';

// 14:00 UTC is 09:00 in New York (EST) and 19:30 in Kolkata.
const now = new Date('2026-03-02T14:00:00Z');

function refusal(input: string, zone = 'UTC', at = now): Error {
  try {
    parseStarted(input, at, zone);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`expected ${input} to be refused`);
}

describe('--started', () => {
  it('reads HH:MM as today in the configured zone', () => {
    expect(parseStarted('13:52', now, 'UTC').toISOString()).toBe('2026-03-02T13:52:00.000Z');
    expect(parseStarted('08:45', now, 'America/New_York').toISOString()).toBe('2026-03-02T13:45:00.000Z');
    expect(parseStarted('19:00', now, 'Asia/Kolkata').toISOString()).toBe('2026-03-02T13:30:00.000Z');
    expect(parseStarted('9:05', now, 'UTC').toISOString()).toBe('2026-03-02T09:05:00.000Z');
  });

  it('reads HH:MM as yesterday when today it would be in the future', () => {
    expect(parseStarted('09:30', now, 'America/New_York').toISOString()).toBe('2026-03-01T14:30:00.000Z');
    expect(parseStarted('20:00', now, 'Asia/Kolkata').toISOString()).toBe('2026-03-01T14:30:00.000Z');
    expect(parseStarted('14:01', now, 'UTC').toISOString()).toBe('2026-03-01T14:01:00.000Z');
  });

  it('crosses the date line of the zone, not of UTC', () => {
    // 02:00 UTC on March 2nd is still March 1st, 21:00, in New York.
    const early = new Date('2026-03-02T02:00:00Z');
    expect(parseStarted('20:30', early, 'America/New_York').toISOString()).toBe('2026-03-02T01:30:00.000Z');
    // …and already 07:30 on March 2nd in Kolkata.
    expect(parseStarted('07:00', early, 'Asia/Kolkata').toISOString()).toBe('2026-03-02T01:30:00.000Z');
  });

  it('follows daylight saving time in the zone', () => {
    // New York springs forward on 2026-03-08 at 02:00 (EST -5 → EDT -4).
    const afterChange = new Date('2026-03-08T12:00:00Z');
    expect(parseStarted('01:30', afterChange, 'America/New_York').toISOString()).toBe('2026-03-08T06:30:00.000Z');
    expect(parseStarted('03:30', afterChange, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads full ISO 8601 times with an offset or Z', () => {
    expect(parseStarted('2026-03-02T13:52:00Z', now, 'America/New_York').toISOString()).toBe('2026-03-02T13:52:00.000Z');
    expect(parseStarted('2026-03-02T08:52:00-05:00', now, 'UTC').toISOString()).toBe('2026-03-02T13:52:00.000Z');
    expect(parseStarted('2026-03-02T19:22+05:30', now, 'UTC').toISOString()).toBe('2026-03-02T13:52:00.000Z');
    expect(parseStarted('2026-03-02T13:52:10.500Z', now, 'UTC').toISOString()).toBe('2026-03-02T13:52:10.500Z');
  });

  it('reads an ISO time without offset in the configured zone', () => {
    expect(parseStarted('2026-03-02T08:52', now, 'America/New_York').toISOString()).toBe('2026-03-02T13:52:00.000Z');
  });

  it.each(['yesterday', '25:00', '12:75', '1352', '2026-02-30T10:00Z', '2026-13-01T10:00Z', '', 'now-5m'])('refuses %j, showing the accepted forms', (input) => {
    const err = refusal(input, 'Asia/Kolkata');
    expect(isDomainError(err, 'BAD_INPUT')).toBe(true);
    expect(err.message).toContain('Use HH:MM (24-hour, Asia/Kolkata time, e.g. 13:52) or a full ISO 8601 time such as 2026-03-01T13:52:00Z');
  });

  it('refuses a time after now', () => {
    const err = refusal('2026-03-02T14:00:01Z');
    expect(isDomainError(err, 'BAD_INPUT')).toBe(true);
    expect(err.message).toContain('is in the future');
  });
});

describe('zone helpers', () => {
  it('formats the date and clock time in the zone', () => {
    const late = new Date('2026-03-02T23:30:00Z');
    expect(compactDate(late, 'UTC')).toBe('20260302');
    expect(compactDate(late, 'Asia/Kolkata')).toBe('20260303');
    expect(compactDate(late, 'America/New_York')).toBe('20260302');
    expect(clockTime(late, 'Asia/Kolkata')).toBe('05:00');
  });

  it('converts wall time to an instant, rolling day 0 back a month', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 0, hour: 12, minute: 0 }, 'UTC').toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });
});
