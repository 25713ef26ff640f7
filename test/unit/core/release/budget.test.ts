import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { budgetReport, errorBudget } from '../../../../src/core/release/budget.js';

const DAYS_30 = 30 * 24 * 60;
const DAYS_28 = 28 * 24 * 60;

const report = (errorRatio: number, objective = 99.9, windowMinutes = DAYS_30, burn1h: number | null = null) =>
  budgetReport({ errorRatio, objective, windowMinutes, burn1h });

describe('errorBudget', () => {
  it('is exact for decimal objectives', () => {
    expect(errorBudget(99.9)).toBe(0.001);
    expect(errorBudget(99.5)).toBe(0.005);
    expect(errorBudget(99.95)).toBe(0.0005);
    expect(errorBudget(99.99)).toBe(0.0001);
    expect(errorBudget(99.999)).toBe(0.00001);
    expect(errorBudget(99)).toBe(0.01);
    expect(errorBudget(95)).toBe(0.05);
    // The naive formula is off in the last digits: the point of the exact one.
    expect((100 - 99.9) / 100).not.toBe(0.001);
  });

  it.each([100, 0, -1, 101, Number.NaN])('refuses an objective of %s', (objective) => {
    let caught: unknown;
    try {
      errorBudget(objective);
    } catch (err) {
      caught = err;
    }
    expect(isDomainError(caught, 'BAD_INPUT')).toBe(true);
    expect((caught as Error).message).toContain('above 0 and below 100');
  });
});

describe('budgetReport, 99.9% over 30 days', () => {
  it('e = 0.0005 leaves 50% and 21.6 minutes of 43.2', () => {
    const r = report(0.0005);
    expect(r).toEqual({
      budget: 0.001,
      errorRatio: 0.0005,
      burn: 0.5,
      remaining: 0.5,
      budgetMinutes: 43.2,
      minutesLeft: 21.6,
      exhausted: false,
      overspentPercent: null,
      minutesToExhaustion: null,
    });
  });

  it('e = 0.0002 leaves 80% and 34.56 minutes', () => {
    const r = report(0.0002);
    expect(r.remaining).toBe(0.8);
    expect(r.minutesLeft).toBe(34.56);
  });

  it('e = 0.0008 leaves exactly 20%', () => {
    const r = report(0.0008);
    expect(r.remaining).toBe(0.2);
    expect(r.minutesLeft).toBe(8.64);
    expect(r.exhausted).toBe(false);
  });

  it('e = 0.00085 leaves 15%', () => {
    expect(report(0.00085).remaining).toBe(0.15);
    expect(report(0.00085).minutesLeft).toBe(6.48);
  });

  it('e = 0.001 spends it all: 0%, exhausted, overspent by 0', () => {
    const r = report(0.001);
    expect(r.remaining).toBe(0);
    expect(Object.is(r.remaining, -0)).toBe(false);
    expect(r.minutesLeft).toBe(0);
    expect(r.exhausted).toBe(true);
    expect(r.overspentPercent).toBe(0);
  });

  it('e = 0.0015 is −50%: exhausted, overspent by 50%, minutes left negative', () => {
    const r = report(0.0015);
    expect(r.burn).toBe(1.5);
    expect(r.remaining).toBe(-0.5);
    expect(r.minutesLeft).toBe(-21.6);
    expect(r.exhausted).toBe(true);
    expect(r.overspentPercent).toBe(50);
  });

  it('e = 0 leaves the whole budget', () => {
    const r = report(0);
    expect(r.remaining).toBe(1);
    expect(r.minutesLeft).toBe(43.2);
  });
});

describe('budgetReport, other objectives and windows', () => {
  it('99.5%, e = 0.001 leaves 80% and 172.8 minutes of 216', () => {
    const r = report(0.001, 99.5);
    expect(r.budget).toBe(0.005);
    expect(r.remaining).toBe(0.8);
    expect(r.budgetMinutes).toBe(216);
    expect(r.minutesLeft).toBe(172.8);
  });

  it('99.9% over 28 days, e = 0.00025 leaves 75% and 30.24 minutes of 40.32', () => {
    const r = report(0.00025, 99.9, DAYS_28);
    expect(r.remaining).toBe(0.75);
    expect(r.budgetMinutes).toBe(40.32);
    expect(r.minutesLeft).toBe(30.24);
  });
});

describe('minutesToExhaustion', () => {
  it('is remaining × window / 1 h burn', () => {
    // 50% left; at 10× the budget drains 10 × 43.2 / 43200 = 0.01 budget-minutes a minute: 21.6 / 0.01 = 2160.
    expect(report(0.0005, 99.9, DAYS_30, 10).minutesToExhaustion).toBe(2160);
    // At burn 1 the remaining half lasts half the window.
    expect(report(0.0005, 99.9, DAYS_30, 1).minutesToExhaustion).toBe(DAYS_30 / 2);
    // 80% left at 14.4×: 0.8 × 43200 / 14.4 = 2400.
    expect(report(0.0002, 99.9, DAYS_30, 14.4).minutesToExhaustion).toBe(2400);
    expect(report(0.00025, 99.9, DAYS_28, 2).minutesToExhaustion).toBe(15120);
  });

  it.each([null, 0, -1, Number.NaN])('is null when the 1 h burn is %s', (burn1h) => {
    expect(report(0.0005, 99.9, DAYS_30, burn1h).minutesToExhaustion).toBeNull();
  });

  it('is null when the budget is already gone', () => {
    expect(report(0.001, 99.9, DAYS_30, 5).minutesToExhaustion).toBeNull();
    expect(report(0.0015, 99.9, DAYS_30, 5).minutesToExhaustion).toBeNull();
  });
});

describe('budgetReport input checks', () => {
  it('refuses a NaN or negative error ratio and a non-positive window', () => {
    expect(() => report(Number.NaN)).toThrow(RangeError);
    expect(() => report(-0.1)).toThrow(RangeError);
    expect(() => report(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => report(0.0005, 99.9, 0)).toThrow(RangeError);
  });
});
