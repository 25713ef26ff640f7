import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { assessTimeOfWeek as fromRisk } from '../../../../src/core/release/risk.js';
import { assessTimeOfWeek, parseClock, parseFreezeEntry, timeOfWeekProblems } from '../../../../src/core/release/time-of-week.js';
import { timeOfWeek } from './builders.js';

const berlin = timeOfWeek(); // business 09:00–17:00, Friday afternoon from 12:00, evening until 21:00
const newYork = timeOfWeek({ timeZone: 'America/New_York' });

const at = (iso: string, settings = berlin) => {
  const { value, level, why } = assessTimeOfWeek(new Date(iso), settings);
  return { value, level, why };
};

describe('time of week in Europe/Berlin across the end of summer time (2026-10-25, 03:00 CEST → 02:00 CET)', () => {
  it('Friday before the change: 11:59 CEST is low, 12:00 CEST is medium', () => {
    expect(at('2026-10-23T09:59:00Z')).toEqual({ value: 'Fri 11:59 Europe/Berlin', level: 'low', why: 'Friday morning, business hours (09:00–12:00)' });
    expect(at('2026-10-23T10:00:00Z')).toEqual({ value: 'Fri 12:00 Europe/Berlin', level: 'medium', why: 'Friday afternoon (from 12:00)' });
  });

  it('Friday after the change: 11:59 CET is low, 12:00 CET is medium (one UTC hour later than before)', () => {
    expect(at('2026-10-30T10:59:00Z')).toMatchObject({ value: 'Fri 11:59 Europe/Berlin', level: 'low' });
    expect(at('2026-10-30T11:00:00Z')).toMatchObject({ value: 'Fri 12:00 Europe/Berlin', level: 'medium' });
    // 10:00 UTC was noon a week earlier; now it is still morning.
    expect(at('2026-10-30T10:00:00Z')).toMatchObject({ value: 'Fri 11:00 Europe/Berlin', level: 'low' });
  });

  it('reads the repeated hour on both sides of the change as the same local time, a Sunday night', () => {
    expect(at('2026-10-25T00:30:00Z')).toEqual({ value: 'Sun 02:30 Europe/Berlin', level: 'high', why: 'weekend' });
    expect(at('2026-10-25T01:30:00Z')).toEqual({ value: 'Sun 02:30 Europe/Berlin', level: 'high', why: 'weekend' });
    expect(at('2026-10-25T21:30:00Z')).toEqual({ value: 'Sun 22:30 Europe/Berlin', level: 'high', why: 'weekend' });
  });

  it('opens Monday business hours at 09:00 CET, 08:00 UTC', () => {
    expect(at('2026-10-26T07:59:00Z')).toEqual({ value: 'Mon 08:59 Europe/Berlin', level: 'high', why: 'night (before 09:00)' });
    expect(at('2026-10-26T08:00:00Z')).toEqual({ value: 'Mon 09:00 Europe/Berlin', level: 'low', why: 'business hours (09:00–17:00) on a low-risk day' });
  });

  it('makes weekday evenings medium and later hours night', () => {
    expect(at('2026-10-22T14:59:00Z')).toMatchObject({ value: 'Thu 16:59 Europe/Berlin', level: 'low' });
    expect(at('2026-10-22T15:00:00Z')).toEqual({ value: 'Thu 17:00 Europe/Berlin', level: 'medium', why: 'evening (17:00–21:00)' });
    expect(at('2026-10-22T18:59:00Z')).toMatchObject({ value: 'Thu 20:59 Europe/Berlin', level: 'medium' });
    expect(at('2026-10-22T19:00:00Z')).toEqual({ value: 'Thu 21:00 Europe/Berlin', level: 'high', why: 'night (from 21:00)' });
    expect(at('2026-10-23T16:00:00Z')).toMatchObject({ value: 'Fri 18:00 Europe/Berlin', level: 'medium', why: 'evening (17:00–21:00)' });
    expect(at('2026-10-23T21:00:00Z')).toMatchObject({ value: 'Fri 23:00 Europe/Berlin', level: 'high' });
  });
});

describe('time of week in America/New_York across the start of daylight time (2026-03-08, 02:00 EST → 03:00 EDT)', () => {
  it('Friday before the change (EST): 11:59 low, 12:00 medium', () => {
    expect(at('2026-03-06T16:59:00Z', newYork)).toMatchObject({ value: 'Fri 11:59 America/New_York', level: 'low' });
    expect(at('2026-03-06T17:00:00Z', newYork)).toMatchObject({ value: 'Fri 12:00 America/New_York', level: 'medium' });
  });

  it('Friday after the change (EDT): 11:59 low, 12:00 medium', () => {
    expect(at('2026-03-13T15:59:00Z', newYork)).toMatchObject({ value: 'Fri 11:59 America/New_York', level: 'low' });
    expect(at('2026-03-13T16:00:00Z', newYork)).toMatchObject({ value: 'Fri 12:00 America/New_York', level: 'medium' });
  });

  it('skips from 01:59 to 03:00 on the Sunday, and Sunday night is high', () => {
    expect(at('2026-03-08T06:30:00Z', newYork)).toEqual({ value: 'Sun 01:30 America/New_York', level: 'high', why: 'weekend' });
    expect(at('2026-03-08T07:30:00Z', newYork)).toEqual({ value: 'Sun 03:30 America/New_York', level: 'high', why: 'weekend' });
    // 03:30 UTC on Monday is still Sunday night in New York.
    expect(at('2026-03-09T03:30:00Z', newYork)).toEqual({ value: 'Sun 23:30 America/New_York', level: 'high', why: 'weekend' });
    expect(at('2026-03-09T12:59:00Z', newYork)).toMatchObject({ value: 'Mon 08:59 America/New_York', level: 'high', why: 'night (before 09:00)' });
    expect(at('2026-03-09T13:00:00Z', newYork)).toMatchObject({ value: 'Mon 09:00 America/New_York', level: 'low' });
  });
});

describe('freeze dates', () => {
  const frozen = timeOfWeek({ freezeDates: ['2026-11-11', '2026-12-24..2027-01-02'] });

  it('makes a configured date high all day, by the date in the zone', () => {
    expect(at('2026-11-11T09:00:00Z', frozen)).toEqual({ value: 'Wed 10:00 Europe/Berlin', level: 'high', why: 'freeze date (2026-11-11)' });
    // 23:30 UTC on the 10th is already the 11th in Berlin…
    expect(at('2026-11-10T23:30:00Z', frozen)).toMatchObject({ value: 'Wed 00:30 Europe/Berlin', why: 'freeze date (2026-11-11)' });
    // …and 23:30 UTC on the 11th is the 12th: an ordinary night.
    expect(at('2026-11-11T23:30:00Z', frozen)).toMatchObject({ value: 'Thu 00:30 Europe/Berlin', why: 'night (before 09:00)' });
    expect(at('2026-11-12T09:00:00Z', frozen)).toMatchObject({ level: 'low' });
  });

  it('includes both ends of a range', () => {
    expect(at('2026-12-23T09:00:00Z', frozen)).toMatchObject({ level: 'low' });
    expect(at('2026-12-24T09:00:00Z', frozen)).toEqual({ value: 'Thu 10:00 Europe/Berlin', level: 'high', why: 'freeze date (2026-12-24..2027-01-02)' });
    expect(at('2027-01-02T09:00:00Z', frozen)).toMatchObject({ why: 'freeze date (2026-12-24..2027-01-02)' });
    expect(at('2027-01-04T09:00:00Z', frozen)).toMatchObject({ value: 'Mon 10:00 Europe/Berlin', level: 'low' });
  });

  it('parses entries strictly', () => {
    expect(parseFreezeEntry('2026-11-11')).toEqual({ from: '2026-11-11', to: '2026-11-11' });
    expect(parseFreezeEntry(' 2026-12-24..2027-01-02 ')).toEqual({ from: '2026-12-24', to: '2027-01-02' });
    for (const bad of ['2026-02-30', '2027-01-02..2026-12-24', '2026-1-1', '2026-11-11..', 'a..b..c', 'tomorrow']) expect(parseFreezeEntry(bad), bad).toBeNull();
  });
});

describe('configurable days and hours', () => {
  it('makes a working day outside the low-risk days medium', () => {
    expect(at('2026-10-22T08:00:00Z', timeOfWeek({ lowRiskDays: [1, 2, 3] }))).toEqual({
      value: 'Thu 10:00 Europe/Berlin',
      level: 'medium',
      why: 'business hours, but Thu is not a low-risk day',
    });
  });

  it('treats a weekend day listed as low-risk as a working day', () => {
    expect(at('2026-10-25T09:00:00Z', timeOfWeek({ lowRiskDays: [7, 1, 2, 3] }))).toMatchObject({ value: 'Sun 10:00 Europe/Berlin', level: 'low' });
  });

  it('follows configured hours', () => {
    const late = timeOfWeek({ businessStart: '10:30', businessEnd: '18:30', fridayAfternoonFrom: '14:00', eveningEnd: '23:00' });
    expect(at('2026-10-26T09:29:00Z', late)).toMatchObject({ level: 'high' });
    expect(at('2026-10-26T09:30:00Z', late)).toMatchObject({ level: 'low' });
    expect(at('2026-10-30T12:59:00Z', late)).toMatchObject({ value: 'Fri 13:59 Europe/Berlin', level: 'low' });
    expect(at('2026-10-30T13:00:00Z', late)).toMatchObject({ value: 'Fri 14:00 Europe/Berlin', level: 'medium' });
    expect(at('2026-10-26T21:59:00Z', late)).toMatchObject({ value: 'Mon 22:59 Europe/Berlin', level: 'medium' });
  });

  it('is also exported from the risk module', () => {
    expect(fromRisk).toBe(assessTimeOfWeek);
    expect(assessTimeOfWeek(new Date('2026-10-26T08:00:00Z'), berlin).dimension).toBe('time_of_week');
  });
});

describe('settings validation', () => {
  it('parses HH:MM', () => {
    expect(parseClock('09:00')).toBe(540);
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('23:59')).toBe(1439);
    for (const bad of ['24:00', '12:60', '12', 'noon', '']) expect(parseClock(bad), bad).toBeNull();
  });

  it('lists every problem', () => {
    const problems = timeOfWeekProblems(timeOfWeek({ timeZone: 'Mars/Olympus', businessStart: '18:00', lowRiskDays: [0, 1], freezeDates: ['2026-13-01'] }));
    expect(problems).toEqual([
      'business hours must start before they end, and evenings end at or after business end (got 18:00–17:00, evening until 21:00)',
      'low-risk day 0 is not an ISO weekday (1 = Monday … 7 = Sunday)',
      'freeze date "2026-13-01" is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (start before end)',
      'time zone "Mars/Olympus" is not an IANA zone (e.g. Europe/Berlin)',
    ]);
    expect(timeOfWeekProblems(timeOfWeek({ eveningEnd: '25:00' }))).toEqual(['eveningEnd "25:00" is not a time of day (HH:MM, 24-hour)']);
    expect(timeOfWeekProblems(berlin)).toEqual([]);
  });

  it('refuses to assess with broken settings rather than guess', () => {
    let caught: unknown;
    try {
      assessTimeOfWeek(new Date('2026-10-26T08:00:00Z'), timeOfWeek({ freezeDates: ['next friday'] }));
    } catch (err) {
      caught = err;
    }
    expect(isDomainError(caught, 'BAD_INPUT')).toBe(true);
    expect((caught as Error).message).toContain('freeze date "next friday"');
  });
});
