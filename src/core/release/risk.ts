/** The risk matrix, one dimension at a time: each row says the value looked at, its level and why. */
import type { BlastRadius, DimensionAssessment, Level, ReleaseSettings, Reversibility, SloReport } from './model.js';
import { formatPercent, roundTo, toPercent } from './numbers.js';

export { assessTimeOfWeek } from './time-of-week.js';

const BLAST_RADIUS: Record<BlastRadius, { level: Level; why: string }> = {
  namespace: { level: 'low', why: 'one namespace' },
  'multi-namespace': { level: 'medium', why: 'several namespaces' },
  cluster: { level: 'high', why: 'the whole cluster or all nodes' },
};

const REVERSIBILITY: Record<Reversibility, { level: Level; why: string }> = {
  instant: { level: 'low', why: 'instant rollback' },
  fast: { level: 'medium', why: 'rollback takes under 15 minutes' },
  slow: { level: 'high', why: 'rollback takes hours' },
};

export function assessBlastRadius(radius: BlastRadius): DimensionAssessment {
  return { dimension: 'blast_radius', value: radius, ...BLAST_RADIUS[radius] };
}

export function assessReversibility(rollback: Reversibility): DimensionAssessment {
  return { dimension: 'reversibility', value: rollback, ...REVERSIBILITY[rollback] };
}

/** Unknown coverage counts as high: nothing shows the change is tested. */
export function assessCoverage(coverage: number | null, tiers: ReleaseSettings['coverage']): DimensionAssessment {
  if (coverage === null || !Number.isFinite(coverage)) return { dimension: 'test_coverage', value: 'unknown', level: 'high', why: 'coverage unknown' };
  const value = formatPercent(coverage);
  const percent = roundTo(coverage, 9);
  if (percent >= roundTo(tiers.lowAtLeast, 9)) return { dimension: 'test_coverage', value, level: 'low', why: `at least ${tiers.lowAtLeast}%` };
  if (percent >= roundTo(tiers.mediumAtLeast, 9)) {
    return { dimension: 'test_coverage', value, level: 'medium', why: `between ${tiers.mediumAtLeast}% and ${tiers.lowAtLeast}%` };
  }
  return { dimension: 'test_coverage', value, level: 'high', why: `below ${tiers.mediumAtLeast}%` };
}

/** Tier of a remaining budget fraction, compared as a percentage rounded to 9 decimals: 50% and 20% exactly are medium. */
export function budgetLevel(remaining: number): Level {
  const percent = toPercent(remaining);
  if (percent > 50) return 'low';
  if (percent >= 20) return 'medium';
  return 'high';
}

function budgetWhy(remaining: number, overspentPercent: number | null): string {
  const percent = toPercent(remaining);
  if (percent <= 0) return overspentPercent ? `error budget exhausted, overspent by ${formatPercent(overspentPercent)}` : 'error budget exhausted (nothing left)';
  if (percent > 50) return 'more than 50% of the error budget left';
  if (percent >= 20) return 'between 20% and 50% of the error budget left';
  return 'less than 20% of the error budget left (the reserve)';
}

/**
 * The worst remaining budget among the SLOs whose numbers can be trusted. SLOs that cannot be trusted are named
 * in `why`; with none trustworthy (or none configured) the level is null, which makes the decision UNKNOWN.
 * `service` names the service when it has no SLOs at all.
 */
export function assessErrorBudget(slos: SloReport[], service?: string): DimensionAssessment {
  const owner = service ?? slos[0]?.service;
  if (slos.length === 0) return { dimension: 'error_budget', value: 'unknown', level: null, why: owner ? `no SLOs configured for ${owner}` : 'no SLOs configured' };
  const measured = slos.filter((slo) => slo.unknown === null && slo.budget !== null);
  const untrusted = slos
    .filter((slo) => !measured.includes(slo))
    .map((slo) => `${slo.name}: ${slo.unknown ?? 'no budget computed'}`)
    .join('; ');
  if (measured.length === 0) return { dimension: 'error_budget', value: 'unknown', level: null, why: `no trustworthy SLO numbers (${untrusted})` };
  const worst = measured.reduce((a, b) => (toPercent(b.budget!.remaining) < toPercent(a.budget!.remaining) ? b : a));
  const budget = worst.budget!;
  const why = budgetWhy(budget.remaining, budget.overspentPercent) + (untrusted ? `; not counted: ${untrusted}` : '');
  return { dimension: 'error_budget', value: `${formatPercent(toPercent(budget.remaining))} left (${worst.name})`, level: budgetLevel(budget.remaining), why };
}
