/** Sentences for the deploy decision: written for a person at a terminal or in Slack (only `<@U…>` as markup). */
import type { DimensionAssessment, DimensionName, Freeze, Override, SloReport } from './model.js';
import { formatPercent } from './numbers.js';

export const DIMENSION_LABELS: Record<DimensionName, string> = {
  blast_radius: 'Blast radius',
  reversibility: 'Reversibility',
  test_coverage: 'Test coverage',
  error_budget: 'Error budget',
  time_of_week: 'Time of week',
};

/** Ends `text` with a full stop unless it already ends a sentence. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function freezeReason(freeze: Freeze): string {
  const what = `incident #${freeze.incidentId} (${freeze.severity}: "${freeze.title}")`;
  return freeze.onService
    ? `Open ${what} is on this service, and ${freeze.severity} freezes deploys.`
    : `Open global ${what} freezes deploys on every service (${freeze.severity}).`;
}

export function freezeCondition(freeze: Freeze): string {
  return `Wait until incident #${freeze.incidentId} is resolved or no longer at a severity that freezes deploys`;
}

export function exhaustedReason(slo: SloReport): string {
  const overspent = slo.budget?.overspentPercent;
  const how = overspent ? `overspent by ${formatPercent(overspent)}` : 'nothing left';
  return `The error budget of SLO ${slo.name} is exhausted (${how}): changes halt except P0 and security fixes until the service is back within its SLO.`;
}

export const EXHAUSTED_CONDITION = 'Halt changes except P0 and security fixes until the service is back within its SLO';

export function pageBurnReason(slo: SloReport): string {
  return sentence(`SLO ${slo.name} is burning its error budget at page level right now: ${slo.alert?.rule ?? 'fast burn'}`);
}

export function pageBurnCondition(slo: SloReport): string {
  return `Wait until SLO ${slo.name} no longer burns at page level`;
}

export function twoHighsReason(highs: DimensionAssessment[]): string {
  const names = joinWords(highs.map((d) => DIMENSION_LABELS[d.dimension].toLowerCase()));
  return `${highs.length} dimensions are high risk (${names}): not this week.`;
}

export const TWO_HIGHS_CONDITION = 'Not this week: split the change, raise coverage first';

export function dimensionReason(d: DimensionAssessment): string {
  return `${DIMENSION_LABELS[d.dimension]} is ${d.level ?? 'unknown'} risk: ${d.value} (${d.why}).`;
}

export function unknownDimensionReason(d: DimensionAssessment): string {
  return sentence(`${DIMENSION_LABELS[d.dimension]} is unknown: ${d.why}`);
}

export function unknownSloReason(slo: SloReport): string {
  return sentence(`The numbers of SLO ${slo.name} cannot be trusted: ${slo.unknown ?? 'unknown'}`);
}

export function overrideReason(override: Override): string {
  return sentence(`Overridden by <@${override.userId}>: ${override.reason}`);
}

export function announceCondition(freezes: Freeze[]): string {
  if (freezes.length === 0) return 'Announce the override in the incident channel if an incident is open';
  return `Announce the override in the channel of incident ${joinWords(freezes.map((f) => `#${f.incidentId}`))}`;
}
