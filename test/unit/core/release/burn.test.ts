import { describe, expect, it } from 'vitest';
import { BURN_WINDOWS, burnFactor, burnRateFrom, MULTIWINDOW_RULES, multiwindowAlert, ruleFactor } from '../../../../src/core/release/burn.js';
import type { BurnRate, BurnWindowLabel } from '../../../../src/core/release/model.js';

const DAYS_30 = 30 * 24 * 60;
const DAYS_28 = 28 * 24 * 60;

function burns(values: Partial<Record<BurnWindowLabel, number | null>>): BurnRate[] {
  return BURN_WINDOWS.map(({ label }) => {
    const burn = label in values ? (values[label] ?? null) : 0.5;
    return { window: label, errorRatio: burn === null ? null : burn * 0.001, burn };
  });
}

describe('burn windows and factors', () => {
  it('lists the seven windows in minutes', () => {
    expect(BURN_WINDOWS.map((w) => [w.label, w.minutes])).toEqual([
      ['5m', 5], ['30m', 30], ['1h', 60], ['2h', 120], ['6h', 360], ['1d', 1440], ['3d', 4320],
    ]);
  });

  it('2% of the budget in 1 h is 14.4 over 30 days and 13.44 over 28 days', () => {
    expect(burnFactor(0.02, 60, DAYS_30)).toBe(14.4);
    expect(burnFactor(0.02, 60, DAYS_28)).toBe(13.44);
  });

  it('gives the SRE Workbook factors over 30 days and scaled ones over 28', () => {
    expect(MULTIWINDOW_RULES.map((r) => ruleFactor(r, DAYS_30))).toEqual([14.4, 6, 3, 1]);
    expect(MULTIWINDOW_RULES.map((r) => ruleFactor(r, DAYS_28))).toEqual([13.44, 5.6, 2.8, 0.9333333333]);
  });

  it('computes a window burn as a multiple of the budget, null when unmeasured', () => {
    expect(burnRateFrom('1h', 0.0144, 0.001)).toEqual({ window: '1h', errorRatio: 0.0144, burn: 14.4 });
    expect(burnRateFrom('5m', null, 0.001)).toEqual({ window: '5m', errorRatio: null, burn: null });
    expect(burnRateFrom('5m', Number.NaN, 0.001)).toEqual({ window: '5m', errorRatio: null, burn: null });
  });
});

describe('multiwindowAlert', () => {
  it('pages when both 1 h and 5 m burn above 14.4 (30 days)', () => {
    expect(multiwindowAlert(burns({ '1h': 15, '5m': 20 }), DAYS_30)).toEqual({
      level: 'page',
      rule: '1h and 5m both burning above 14.4× the sustainable rate',
    });
  });

  it('pages when both 6 h and 30 m burn above 6', () => {
    expect(multiwindowAlert(burns({ '6h': 7, '30m': 8 }), DAYS_30)).toEqual({
      level: 'page',
      rule: '6h and 30m both burning above 6× the sustainable rate',
    });
  });

  it('does not page when only one window of a pair is above (a spike already over, or not yet sustained)', () => {
    expect(multiwindowAlert(burns({ '1h': 20, '5m': 2 }), DAYS_30)).toBeNull();
    expect(multiwindowAlert(burns({ '1h': 2, '5m': 20 }), DAYS_30)).toBeNull();
  });

  it('needs the burn to exceed the factor, not equal it', () => {
    expect(multiwindowAlert(burns({ '1h': 14.4, '5m': 14.4 }), DAYS_30)).toBeNull();
    // Float noise on an exact threshold does not fire either.
    expect(multiwindowAlert(burns({ '1h': 14.400000000000002, '5m': 14.400000000000002 }), DAYS_30)).toBeNull();
    expect(multiwindowAlert(burns({ '1h': 14.41, '5m': 14.41 }), DAYS_30)?.level).toBe('page');
  });

  it('files a ticket for 1 d and 2 h above 3, and for 3 d and 6 h above 1', () => {
    expect(multiwindowAlert(burns({ '1d': 3.5, '2h': 4 }), DAYS_30)).toEqual({
      level: 'ticket',
      rule: '1d and 2h both burning above 3× the sustainable rate',
    });
    expect(multiwindowAlert(burns({ '3d': 1.2, '6h': 1.5 }), DAYS_30)).toEqual({
      level: 'ticket',
      rule: '3d and 6h both burning above 1× the sustainable rate',
    });
  });

  it('prefers a page over a ticket', () => {
    const all = burns({ '5m': 20, '30m': 20, '1h': 20, '2h': 20, '6h': 20, '1d': 20, '3d': 20 });
    expect(multiwindowAlert(all, DAYS_30)?.level).toBe('page');
    expect(multiwindowAlert(burns({ '1d': 5, '2h': 5, '6h': 7, '30m': 7 }), DAYS_30)?.level).toBe('page');
  });

  it('uses the factors of the SLO window: 14 pages over 28 days but not over 30', () => {
    expect(multiwindowAlert(burns({ '1h': 14, '5m': 14 }), DAYS_28)?.rule).toBe('1h and 5m both burning above 13.44× the sustainable rate');
    expect(multiwindowAlert(burns({ '1h': 14, '5m': 14 }), DAYS_30)).toBeNull();
    expect(multiwindowAlert(burns({ '3d': 0.95, '6h': 0.95 }), DAYS_28)?.rule).toBe('3d and 6h both burning above 0.93× the sustainable rate');
  });

  it('says nothing for a healthy service', () => {
    expect(multiwindowAlert(burns({}), DAYS_30)).toBeNull();
  });

  it('cannot fire a pair with a missing window, but still fires another pair', () => {
    expect(multiwindowAlert(burns({ '1h': 20, '5m': null }), DAYS_30)).toBeNull();
    expect(multiwindowAlert(burns({ '1h': 20, '5m': null, '6h': 20, '30m': 20 }), DAYS_30)?.rule).toBe('6h and 30m both burning above 6× the sustainable rate');
    expect(multiwindowAlert(burns({ '1h': 20, '5m': null, '1d': 4, '2h': 4 }), DAYS_30)?.level).toBe('ticket');
    // A window absent from the list is missing too.
    expect(multiwindowAlert([{ window: '1h', errorRatio: 0.02, burn: 20 }], DAYS_30)).toBeNull();
    expect(multiwindowAlert([], DAYS_30)).toBeNull();
  });
});
