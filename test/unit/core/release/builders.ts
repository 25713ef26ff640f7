/** Builders for release-domain values in unit tests. */
import { budgetReport } from '../../../../src/core/release/budget.js';
import type { DimensionAssessment, DimensionName, Freeze, Level, SloReport, TimeOfWeekSettings } from '../../../../src/core/release/model.js';

export const DAYS_30 = 30 * 24 * 60;

/** An SLO of checkout at 99.9% over 30 days with the given error ratio (budget numbers computed for real). */
export function slo(name: string, errorRatio: number, extra: Partial<SloReport> = {}): SloReport {
  return {
    service: 'checkout',
    name,
    objective: 99.9,
    windowLabel: '30d',
    source: `warroom.yml services[checkout].slos[${name}]`,
    unknown: null,
    events: 1_000_000,
    budget: budgetReport({ errorRatio, objective: 99.9, windowMinutes: DAYS_30, burn1h: null }),
    burnRates: [],
    alert: null,
    historyMinutes: null,
    ...extra,
  };
}

/** An SLO whose numbers cannot be trusted. */
export function unknownSlo(name: string, why: string): SloReport {
  return slo(name, 0, { unknown: why, budget: null, events: null });
}

const VALUES: Record<DimensionName, string> = {
  blast_radius: 'namespace',
  reversibility: 'instant',
  test_coverage: '95%',
  error_budget: '80% left (availability)',
  time_of_week: 'Tue 10:00 Europe/Berlin',
};

export function dim(dimension: DimensionName, level: Level | null, why = `${level ?? 'unknown'} ${dimension}`): DimensionAssessment {
  return { dimension, value: VALUES[dimension], level, why };
}

/** The five rows, all low unless overridden. */
export function matrix(levels: Partial<Record<DimensionName, Level | null>> = {}): DimensionAssessment[] {
  const names: DimensionName[] = ['blast_radius', 'reversibility', 'test_coverage', 'error_budget', 'time_of_week'];
  return names.map((name) => dim(name, name in levels ? (levels[name] ?? null) : 'low'));
}

export function freeze(extra: Partial<Freeze> = {}): Freeze {
  return { incidentId: 42, severity: 'SEV1', title: 'Checkout returns 500s', channelId: 'C042', onService: true, ...extra };
}

export function timeOfWeek(extra: Partial<TimeOfWeekSettings> = {}): TimeOfWeekSettings {
  return {
    timeZone: 'Europe/Berlin',
    lowRiskDays: [1, 2, 3, 4],
    businessStart: '09:00',
    businessEnd: '17:00',
    fridayAfternoonFrom: '12:00',
    eveningEnd: '21:00',
    freezeDates: [],
    ...extra,
  };
}
