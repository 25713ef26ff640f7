/**
 * Rounding and formatting shared by the release math. Budgets, burns and percentages are compared and shown
 * after rounding to a fixed precision, so that float noise (0.49999999999999994 for an exact 0.5) never
 * changes a tier or leaks into a message.
 */

/** Decimals kept for fractions of a budget and burn multiples. */
export const FRACTION_DECIMALS = 12;
/** Decimals kept for minutes and percentages. */
export const MINUTE_DECIMALS = 9;
export const PERCENT_DECIMALS = 9;

/** `x` rounded to `decimals` places; −0 becomes 0, and values too large to scale come back unchanged. */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** decimals;
  const scaled = x * factor;
  if (Math.abs(scaled) >= Number.MAX_SAFE_INTEGER) return x;
  return Math.round(scaled) / factor + 0;
}

/** A fraction (0.42) as a percentage rounded for comparisons (42). */
export function toPercent(fraction: number): number {
  return roundTo(fraction * 100, PERCENT_DECIMALS);
}

/** At most `maxDecimals` decimals, trailing zeros dropped: 14.4, 13.44, 6, 0.93. */
export function formatNumber(x: number, maxDecimals = 2): string {
  return String(roundTo(x, maxDecimals));
}

/** A percentage (already ×100) for people: "42%", "87.5%", "-50%". */
export function formatPercent(percent: number, maxDecimals = 2): string {
  return `${formatNumber(percent, maxDecimals)}%`;
}
