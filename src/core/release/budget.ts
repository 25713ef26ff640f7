/** Error budget of one SLO over its window: how much is spent, what is left, and how long it lasts at the current burn. */
import { DomainError } from '../errors.js';
import type { BudgetReport } from './model.js';
import { FRACTION_DECIMALS, MINUTE_DECIMALS, PERCENT_DECIMALS, roundTo } from './numbers.js';

/** Decimals written in `x` (99.95 → 2), or null for exponent notation. */
function decimalsOf(x: number): number | null {
  const text = String(x);
  if (/e/i.test(text)) return null;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * B = (100 − objective) / 100, exact for decimal objectives: 99.9 gives 0.001, not 0.0010000000000000009.
 * The objective is scaled to an integer by a power of ten first, so the only rounding is the final division.
 */
export function errorBudget(objectivePercent: number): number {
  if (!Number.isFinite(objectivePercent) || objectivePercent <= 0 || objectivePercent >= 100) {
    throw new DomainError('BAD_INPUT', `An SLO objective must be a percentage above 0 and below 100 (got ${objectivePercent}); 100% leaves no error budget.`, {
      field: 'objective',
    });
  }
  const decimals = decimalsOf(objectivePercent);
  if (decimals === null || decimals > 12) return Number(((100 - objectivePercent) / 100).toPrecision(12));
  const k = 10 ** decimals;
  return (100 * k - Math.round(objectivePercent * k)) / (100 * k);
}

export interface BudgetInput {
  /** Errors / total over the whole SLO window, weighted by requests. */
  errorRatio: number;
  /** Percent, e.g. 99.9. */
  objective: number;
  windowMinutes: number;
  /** Burn over the last hour (multiple of the sustainable rate); null when unmeasured. */
  burn1h: number | null;
}

/**
 * The budget report of one SLO. Time to exhaustion: at burn r the budget drains r × budgetMinutes / windowMinutes
 * budget-minutes a minute, so minutesLeft lasts remaining × windowMinutes / r minutes.
 */
export function budgetReport(input: BudgetInput): BudgetReport {
  const { errorRatio, objective, windowMinutes, burn1h } = input;
  // NaN or a negative ratio means the caller missed an unknown case (no traffic, bad series): a bug, not a state.
  if (!Number.isFinite(errorRatio) || errorRatio < 0) throw new RangeError(`error ratio must be a finite number ≥ 0, got ${errorRatio}`);
  if (!Number.isFinite(windowMinutes) || windowMinutes <= 0) throw new RangeError(`window must be a positive number of minutes, got ${windowMinutes}`);
  const budget = errorBudget(objective);
  const burn = roundTo(errorRatio / budget, FRACTION_DECIMALS);
  const remaining = roundTo(1 - burn, FRACTION_DECIMALS);
  const exhausted = remaining <= 0;
  const burning = burn1h !== null && Number.isFinite(burn1h) && burn1h > 0;
  return {
    budget,
    errorRatio,
    burn,
    remaining,
    budgetMinutes: roundTo(budget * windowMinutes, MINUTE_DECIMALS),
    minutesLeft: roundTo(remaining * budget * windowMinutes, MINUTE_DECIMALS),
    exhausted,
    overspentPercent: exhausted ? roundTo(-remaining * 100, PERCENT_DECIMALS) : null,
    minutesToExhaustion: burning && !exhausted ? roundTo((remaining * windowMinutes) / burn1h, MINUTE_DECIMALS) : null,
  };
}
