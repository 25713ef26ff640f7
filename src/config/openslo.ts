/**
 * OpenSLO `openslo/v1` documents: each `kind: SLO` with an inline `indicator` or an `indicatorRef` to a `kind: SLI`
 * document of the same file, one rolling `timeWindow`, `budgetingMethod: Occurrences`, and `objectives[]` with
 * `target` (0.999) or `targetPercent` (99.9). Each objective becomes one Warroom SLO. Other kinds (Service,
 * DataSource, alert policies) are valid OpenSLO and are skipped.
 */
import type { SloDefinition } from '../core/release/model.js';
import { sliFromIndicator } from './openslo-indicator.js';
import { type DocumentContext, describe, fractionToPercent, type ImportedSlo, isNode, type Node, objectiveProblem, pathIn, report, requireText, serviceOf, sourceIn } from './slo-import-shared.js';
import { parseWindow } from './slo-window.js';

export const OPENSLO_VERSION = 'openslo/v1';
const OTHER_KINDS = ['Service', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget'];

export interface OpenSloDocument {
  ctx: DocumentContext;
  doc: Node;
}

function windowOf(ctx: DocumentContext, spec: Node): { minutes: number; label: string } | null {
  if (spec.timeWindow === undefined) {
    const fallback = parseWindow(ctx.defaultWindow);
    return fallback.ok ? fallback : null;
  }
  if (!Array.isArray(spec.timeWindow) || spec.timeWindow.length !== 1) {
    report(ctx, 'spec.timeWindow', 'expected a list with exactly one time window');
    return null;
  }
  const tw: unknown = spec.timeWindow[0];
  if (!isNode(tw)) {
    report(ctx, 'spec.timeWindow[0]', 'expected a mapping with duration and isRolling: true');
    return null;
  }
  if (tw.calendar !== undefined || tw.isRolling !== true) {
    const path = tw.calendar !== undefined ? 'spec.timeWindow[0].calendar' : 'spec.timeWindow[0].isRolling';
    report(ctx, path, 'calendar windows are not supported: Warroom evaluates rolling windows (set isRolling: true and remove calendar)');
    return null;
  }
  const window = parseWindow(tw.duration, true);
  if (!window.ok) report(ctx, 'spec.timeWindow[0].duration', window.message);
  return window.ok ? window : null;
}

function budgetingOk(ctx: DocumentContext, spec: Node): boolean {
  const method = spec.budgetingMethod;
  if (method === 'Occurrences') return true;
  const message =
    method === 'Timeslices' || method === 'RatioTimeslices'
      ? `${method} budgets count good time slices, not events; Warroom computes budgets from event counts (Occurrences)`
      : method === undefined
        ? 'required (Occurrences: the ratio of good to total events over the window)'
        : `expected Occurrences, Timeslices or RatioTimeslices, got ${describe(method)}`;
  report(ctx, 'spec.budgetingMethod', message);
  return false;
}

function objectivePercent(ctx: DocumentContext, objective: unknown, path: string): number | null {
  if (!isNode(objective)) {
    report(ctx, path, 'expected a mapping with target or targetPercent');
    return null;
  }
  if (objective.indicator !== undefined || objective.indicatorRef !== undefined) {
    report(ctx, path, 'composite SLOs (an indicator per objective) are not supported: use one SLO document per indicator');
    return null;
  }
  const { target, targetPercent } = objective;
  if ((target === undefined) === (targetPercent === undefined)) {
    report(ctx, path, 'expected either target (e.g. 0.999) or targetPercent (e.g. 99.9), exactly one');
    return null;
  }
  const key = target !== undefined ? 'target' : 'targetPercent';
  const value = objective[key];
  if (typeof value !== 'number' || (key === 'target' && value >= 1)) {
    report(ctx, `${path}.${key}`, key === 'target' ? `expected a fraction below 1 like 0.999, got ${describe(value)}` : `expected a percentage like 99.9, got ${describe(value)}`);
    return null;
  }
  const percent = key === 'target' ? fractionToPercent(value) : value;
  const problem = objectiveProblem(percent);
  if (problem) report(ctx, `${path}.${key}`, problem);
  return problem ? null : percent;
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function sliOf(ctx: DocumentContext, spec: Node, slis: Map<string, OpenSloDocument>): SloDefinition['sli'] | null {
  const { indicator, indicatorRef } = spec;
  if ((indicator === undefined) === (indicatorRef === undefined)) {
    report(ctx, 'spec', 'expected either indicator (inline SLI) or indicatorRef (the name of an SLI document in this file), exactly one');
    return null;
  }
  if (indicator !== undefined) return sliFromIndicator(ctx, isNode(indicator) ? indicator.spec : indicator, 'spec.indicator.spec');
  const target = typeof indicatorRef === 'string' ? slis.get(indicatorRef) : undefined;
  if (!target) {
    const known = [...slis.keys()];
    report(ctx, 'spec.indicatorRef', `no kind: SLI document named ${describe(indicatorRef)} in this file${known.length > 0 ? ` (found ${known.join(', ')})` : ''}`);
    return null;
  }
  return sliFromIndicator(target.ctx, target.doc.spec, 'spec');
}

function fromSloDocument({ ctx, doc }: OpenSloDocument, slis: Map<string, OpenSloDocument>): ImportedSlo[] {
  const metadata = isNode(doc.metadata) ? doc.metadata : {};
  const name = requireText(ctx, metadata, 'name', 'metadata.name', 'the SLO name');
  if (!isNode(doc.spec)) {
    report(ctx, 'spec', 'required (service, indicator, timeWindow, budgetingMethod, objectives)');
    return [];
  }
  const spec = doc.spec;
  const service = serviceOf(ctx, spec, 'service', 'spec.service');
  const window = windowOf(ctx, spec);
  const budgeting = budgetingOk(ctx, spec);
  const sli = sliOf(ctx, spec, slis);
  const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
  if (objectives.length === 0) report(ctx, 'spec.objectives', 'required (a list with at least one target or targetPercent)');
  const percents = objectives.map((o, i) => objectivePercent(ctx, o, `spec.objectives[${i}]`));
  if (name === null || service === null || window === null || !budgeting || sli === null) return [];
  return objectives.flatMap((objective, i) => {
    const percent = percents[i];
    if (percent === null || percent === undefined) return [];
    const label = isNode(objective) && typeof objective.displayName === 'string' ? slug(objective.displayName) : '';
    const sloName = objectives.length === 1 ? name : `${name}-${label || i + 1}`;
    const at = objectives.length === 1 ? 'metadata.name' : `spec.objectives[${i}]`;
    return [{
      slo: { service, name: sloName, objective: percent, windowMinutes: window.minutes, windowLabel: window.label, sli, source: sourceIn(ctx, objectives.length === 1 ? '' : at) },
      namePath: pathIn(ctx, at),
    }];
  });
}

/** All SLOs of one file's OpenSLO documents (an indicatorRef resolves within the file). */
export function fromOpenSlo(documents: OpenSloDocument[]): ImportedSlo[] {
  const slis = new Map<string, OpenSloDocument>();
  for (const entry of documents) {
    const name = isNode(entry.doc.metadata) ? entry.doc.metadata.name : undefined;
    if (entry.doc.kind === 'SLI' && typeof name === 'string') slis.set(name, entry);
  }
  return documents.flatMap((entry) => {
    const kind = entry.doc.kind;
    if (kind === 'SLO') return fromSloDocument(entry, slis);
    if (kind !== 'SLI' && !OTHER_KINDS.includes(String(kind))) {
      report(entry.ctx, 'kind', `expected an OpenSLO v1 kind (SLO, SLI, ${OTHER_KINDS.join(', ')}), got ${describe(kind)}`);
    }
    return [];
  });
}
