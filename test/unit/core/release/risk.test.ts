import { describe, expect, it } from 'vitest';
import type { BudgetReport } from '../../../../src/core/release/model.js';
import { assessBlastRadius, assessCoverage, assessErrorBudget, assessReversibility, budgetLevel } from '../../../../src/core/release/risk.js';
import { slo, unknownSlo } from './builders.js';

const tiers = { lowAtLeast: 90, mediumAtLeast: 50 };

describe('blast radius and reversibility', () => {
  it('maps each value to its tier', () => {
    expect(assessBlastRadius('namespace')).toEqual({ dimension: 'blast_radius', value: 'namespace', level: 'low', why: 'one namespace' });
    expect(assessBlastRadius('multi-namespace')).toEqual({ dimension: 'blast_radius', value: 'multi-namespace', level: 'medium', why: 'several namespaces' });
    expect(assessBlastRadius('cluster')).toEqual({ dimension: 'blast_radius', value: 'cluster', level: 'high', why: 'the whole cluster or all nodes' });
    expect(assessReversibility('instant')).toEqual({ dimension: 'reversibility', value: 'instant', level: 'low', why: 'instant rollback' });
    expect(assessReversibility('fast')).toEqual({ dimension: 'reversibility', value: 'fast', level: 'medium', why: 'rollback takes under 15 minutes' });
    expect(assessReversibility('slow')).toEqual({ dimension: 'reversibility', value: 'slow', level: 'high', why: 'rollback takes hours' });
  });
});

describe('test coverage', () => {
  it.each([
    [100, 'low'], [90, 'low'], [89.99, 'medium'], [50, 'medium'], [49.99, 'high'], [0, 'high'],
  ] as const)('%s%% is %s', (coverage, level) => {
    expect(assessCoverage(coverage, tiers).level).toBe(level);
  });

  it('shows the value and the tier it fell in', () => {
    expect(assessCoverage(87.5, tiers)).toEqual({ dimension: 'test_coverage', value: '87.5%', level: 'medium', why: 'between 50% and 90%' });
    expect(assessCoverage(95, tiers).why).toBe('at least 90%');
    expect(assessCoverage(42, tiers).why).toBe('below 50%');
  });

  it('counts unknown coverage as high', () => {
    expect(assessCoverage(null, tiers)).toEqual({ dimension: 'test_coverage', value: 'unknown', level: 'high', why: 'coverage unknown' });
  });

  it('uses the configured tiers and ignores float noise at the boundary', () => {
    expect(assessCoverage(80, { lowAtLeast: 80, mediumAtLeast: 60 }).level).toBe('low');
    expect(assessCoverage(59.9, { lowAtLeast: 80, mediumAtLeast: 60 }).level).toBe('high');
    expect(assessCoverage(0.1 * 3 * 300, tiers).level).toBe('low'); // 90.00000000000001
    expect(assessCoverage(89.99999999999999, tiers).level).toBe('low');
  });
});

describe('error budget tiers', () => {
  it.each([
    [1, 'low'], [0.5001, 'low'], [0.5, 'medium'], [0.35, 'medium'], [0.2, 'medium'], [0.1999, 'high'], [0.15, 'high'], [0, 'high'], [-0.5, 'high'],
  ] as const)('remaining %s is %s', (remaining, level) => {
    expect(budgetLevel(remaining)).toBe(level);
  });

  it('puts exactly 50% and 20% in medium whatever order the arithmetic ran', () => {
    const fifty = [1 - 0.0005 / 0.001, (0.001 - 0.0005) / 0.001, 1 - 0.5, 0.5000000000000001, 0.49999999999999994, (1 - 0.9995) / (1 - 0.999) - 0.5 + 0.5, 0.1 * 5, 1 - 0.05 * 10];
    for (const remaining of fifty) expect(budgetLevel(remaining), String(remaining)).toBe('medium');
    const twenty = [1 - 0.0008 / 0.001, (0.001 - 0.0008) / 0.001, 1 - 0.8, 0.1 + 0.1, 0.2 * 3 - 0.4, 0.20000000000000004, 0.19999999999999996];
    for (const remaining of twenty) expect(budgetLevel(remaining), String(remaining)).toBe('medium');
    // The same through the SLO pipeline: 99.9% with e = 0.0005 and e = 0.0008, and 99.95% with e = 0.00025.
    expect(assessErrorBudget([slo('availability', 0.0005)]).level).toBe('medium');
    expect(assessErrorBudget([slo('availability', 0.0008)]).level).toBe('medium');
  });
});

describe('assessErrorBudget', () => {
  it('reports the issue examples at their tiers', () => {
    expect(assessErrorBudget([slo('availability', 0.0002)])).toEqual({
      dimension: 'error_budget',
      value: '80% left (availability)',
      level: 'low',
      why: 'more than 50% of the error budget left',
    });
    expect(assessErrorBudget([slo('availability', 0.0005)])).toMatchObject({ value: '50% left (availability)', level: 'medium', why: 'between 20% and 50% of the error budget left' });
    expect(assessErrorBudget([slo('availability', 0.0008)])).toMatchObject({ value: '20% left (availability)', level: 'medium' });
    expect(assessErrorBudget([slo('availability', 0.00085)])).toMatchObject({
      value: '15% left (availability)',
      level: 'high',
      why: 'less than 20% of the error budget left (the reserve)',
    });
  });

  it('says when the budget is exhausted, and by how much it is overspent', () => {
    expect(assessErrorBudget([slo('availability', 0.001)])).toMatchObject({ value: '0% left (availability)', level: 'high', why: 'error budget exhausted (nothing left)' });
    expect(assessErrorBudget([slo('availability', 0.0015)])).toMatchObject({ value: '-50% left (availability)', level: 'high', why: 'error budget exhausted, overspent by 50%' });
  });

  it('takes the worst SLO', () => {
    const result = assessErrorBudget([slo('availability', 0.0002), slo('latency', 0.00085), slo('freshness', 0.0005)]);
    expect(result).toMatchObject({ value: '15% left (latency)', level: 'high' });
  });

  it('leaves out untrustworthy SLOs but names them', () => {
    const result = assessErrorBudget([slo('availability', 0.0002), unknownSlo('latency', 'no traffic over 30d')]);
    expect(result).toEqual({
      dimension: 'error_budget',
      value: '80% left (availability)',
      level: 'low',
      why: 'more than 50% of the error budget left; not counted: latency: no traffic over 30d',
    });
  });

  it('is unknown when no SLO has trustworthy numbers, listing why', () => {
    const result = assessErrorBudget([unknownSlo('availability', 'Prometheus failed: connect ECONNREFUSED'), unknownSlo('latency', 'stale: no samples in the last 10 minutes')]);
    expect(result).toEqual({
      dimension: 'error_budget',
      value: 'unknown',
      level: null,
      why: 'no trustworthy SLO numbers (availability: Prometheus failed: connect ECONNREFUSED; latency: stale: no samples in the last 10 minutes)',
    });
  });

  it('is unknown when the service has no SLOs', () => {
    expect(assessErrorBudget([], 'checkout')).toEqual({ dimension: 'error_budget', value: 'unknown', level: null, why: 'no SLOs configured for checkout' });
    expect(assessErrorBudget([])).toMatchObject({ level: null, why: 'no SLOs configured' });
  });

  it('treats a report without budget numbers as untrustworthy', () => {
    const noBudget = { ...slo('availability', 0), budget: null as BudgetReport | null };
    expect(assessErrorBudget([noBudget])).toMatchObject({ level: null, why: 'no trustworthy SLO numbers (availability: no budget computed)' });
  });
});
