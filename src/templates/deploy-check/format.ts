/** Number formatting shared by the Slack and terminal renderings of a deploy check. */
import type { BudgetReport, Decision, DimensionName, Level } from '../../core/release/model.js';

export const DECISION_EMOJI: Record<Decision, string> = {
  PROCEED: ':large_green_circle:',
  CAUTION: ':large_yellow_circle:',
  REVIEW: ':large_orange_circle:',
  BLOCKED: ':red_circle:',
  UNKNOWN: ':grey_question:',
};

export const DIMENSION_LABEL: Record<DimensionName, string> = {
  blast_radius: 'Blast radius',
  reversibility: 'Reversibility',
  test_coverage: 'Test coverage',
  error_budget: 'Error budget',
  time_of_week: 'Time of week',
};

export const levelLabel = (level: Level | null): string => level ?? 'unknown';

/** 0.4999999 → "50%", 0.1234 → "12.3%": one decimal only where it says something. */
export function percent(fraction: number): string {
  const value = fraction * 100;
  const rounded = Math.abs(value) >= 10 ? Math.round(value * 10) / 10 : Math.round(value * 100) / 100;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : String(rounded)}%`;
}

export function minutes(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1440 * 2) return `${(value / 1440).toFixed(1)} d`;
  if (abs >= 120) return `${(value / 60).toFixed(1)} h`;
  return `${Math.round(value * 100) / 100} min`;
}

export function burnMultiple(burn: number | null): string {
  if (burn === null) return 'n/a';
  return burn >= 10 ? `${burn.toFixed(0)}×` : `${burn.toFixed(2)}×`;
}

/** "42% left (9.1 min of 43.2 min)" or "exhausted, overspent by 50%". */
export function budgetLine(budget: BudgetReport): string {
  if (budget.exhausted) {
    return budget.overspentPercent && budget.overspentPercent > 0 ? `exhausted, overspent by ${percent(budget.overspentPercent / 100)}` : 'exhausted (0% left)';
  }
  const toExhaustion = budget.minutesToExhaustion !== null ? `; at the last hour's burn, gone in ${minutes(budget.minutesToExhaustion)}` : '';
  return `${percent(budget.remaining)} left (${minutes(budget.minutesLeft)} of ${minutes(budget.budgetMinutes)})${toExhaustion}`;
}
