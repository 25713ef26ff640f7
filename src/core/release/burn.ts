/**
 * Burn rates and the SRE Workbook multiwindow, multi-burn-rate alert test. A burn of 1 spends exactly the
 * budget over the SLO window; the alert thresholds are "share of the budget spent within the long window".
 */
import type { AlertLevel, BurnRate, BurnWindowLabel, MultiwindowAlert } from './model.js';
import { FRACTION_DECIMALS, formatNumber, roundTo } from './numbers.js';

export const BURN_WINDOWS: readonly { label: BurnWindowLabel; minutes: number }[] = [
  { label: '5m', minutes: 5 },
  { label: '30m', minutes: 30 },
  { label: '1h', minutes: 60 },
  { label: '2h', minutes: 120 },
  { label: '6h', minutes: 360 },
  { label: '1d', minutes: 1440 },
  { label: '3d', minutes: 4320 },
];

const minutesOf = (label: BurnWindowLabel): number => BURN_WINDOWS.find((w) => w.label === label)?.minutes ?? 0;

/**
 * The burn that spends `shareOfBudget` of the budget within `alertWindowMinutes`: share × SLO window / alert window.
 * 2% in 1 h is 14.4 over 30 days and 13.44 over 28 days. Rounded to 10 decimals to drop float noise.
 */
export function burnFactor(shareOfBudget: number, alertWindowMinutes: number, sloWindowMinutes: number): number {
  return roundTo((shareOfBudget * sloWindowMinutes) / alertWindowMinutes, 10);
}

export interface MultiwindowRule {
  level: AlertLevel;
  long: BurnWindowLabel;
  short: BurnWindowLabel;
  /** Share of the whole budget that, spent within the long window, fires the rule. */
  shareOfBudget: number;
}

/** SRE Workbook, chapter 5 (page rules first: a page beats a ticket). Factors over 30 days: 14.4, 6, 3, 1. */
export const MULTIWINDOW_RULES: readonly MultiwindowRule[] = [
  { level: 'page', long: '1h', short: '5m', shareOfBudget: 0.02 },
  { level: 'page', long: '6h', short: '30m', shareOfBudget: 0.05 },
  { level: 'ticket', long: '1d', short: '2h', shareOfBudget: 0.1 },
  { level: 'ticket', long: '3d', short: '6h', shareOfBudget: 0.1 },
];

/** The factor a rule uses for an SLO window. */
export function ruleFactor(rule: MultiwindowRule, sloWindowMinutes: number): number {
  return burnFactor(rule.shareOfBudget, minutesOf(rule.long), sloWindowMinutes);
}

/** One window's burn: the error ratio as a multiple of the budget; null when the ratio could not be measured. */
export function burnRateFrom(window: BurnWindowLabel, errorRatio: number | null, budget: number): BurnRate {
  const measurable = errorRatio !== null && Number.isFinite(errorRatio) && budget > 0;
  return { window, errorRatio: measurable ? errorRatio : null, burn: measurable ? roundTo(errorRatio / budget, FRACTION_DECIMALS) : null };
}

/**
 * The first rule whose long and short windows both burn above its factor ("exceed", strictly), page rules first.
 * A pair with an unmeasured window cannot fire. Burns are compared after rounding so float noise cannot fire a rule.
 */
export function multiwindowAlert(burns: BurnRate[], sloWindowMinutes: number): MultiwindowAlert | null {
  const burnOf = (label: BurnWindowLabel): number | null => burns.find((b) => b.window === label)?.burn ?? null;
  for (const rule of MULTIWINDOW_RULES) {
    const factor = ruleFactor(rule, sloWindowMinutes);
    const long = burnOf(rule.long);
    const short = burnOf(rule.short);
    if (long === null || short === null) continue;
    if (roundTo(long, 9) > roundTo(factor, 9) && roundTo(short, 9) > roundTo(factor, 9)) {
      return { level: rule.level, rule: `${rule.long} and ${rule.short} both burning above ${formatNumber(factor)}× the sustainable rate` };
    }
  }
  return null;
}
