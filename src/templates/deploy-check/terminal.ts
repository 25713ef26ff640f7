/** The deploy check for a terminal (a readable table) and for machines (a stable JSON document, `--json`). */
import type { Decision, DeployCheck } from '../../core/release/model.js';
import { budgetLine, burnMultiple, DIMENSION_LABEL, levelLabel } from './format.js';

/** Exit codes of `warroom deploy-check`, documented in the README; a pipeline gates on them. */
export const DEPLOY_CHECK_EXIT: Record<Decision, number> & { usage: number; config: number; failure: number } = {
  PROCEED: 0,
  CAUTION: 10,
  REVIEW: 20,
  BLOCKED: 30,
  UNKNOWN: 40,
  usage: 64,
  config: 78,
  failure: 1,
};

/** Slack's `<@U123>` becomes `@U123` in a terminal. */
const unslack = (text: string): string => text.replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1').replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, '#$1');

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join('  ').trimEnd());
}

export function deployCheckText(check: DeployCheck, options: { unknownCountsAs: 'REVIEW' | 'BLOCKED' }): string {
  const { decision, reasons, conditions, approvalsRequired } = check.outcome;
  const counted = decision === 'UNKNOWN' ? ` (counts as ${options.unknownCountsAs})` : '';
  const lines = [`Deploy check #${check.id} for ${check.service}: ${decision}${counted}`, ...reasons.map((r) => `  ${unslack(r)}`), ''];
  lines.push(...table([['DIMENSION', 'LEVEL', 'VALUE', 'WHY'], ...check.dimensions.map((d) => [DIMENSION_LABEL[d.dimension], levelLabel(d.level), d.value, d.why])]), '');
  lines.push(check.slos.length ? 'SLOs:' : 'SLOs: none configured');
  for (const slo of check.slos) {
    const head = `  ${slo.name} (${slo.objective}% over ${slo.windowLabel})`;
    if (slo.unknown) {
      lines.push(`${head}: unknown — ${slo.unknown}`);
      continue;
    }
    lines.push(`${head}: ${slo.budget ? budgetLine(slo.budget) : 'no budget figures'}`);
    lines.push(`    burn ${slo.burnRates.map((b) => `${b.window} ${burnMultiple(b.burn)}`).join('  ')}`);
    if (slo.alert) lines.push(`    ${slo.alert.level}-level burn: ${slo.alert.rule}`);
  }
  if (check.freezes.length) lines.push('', `Frozen by: ${check.freezes.map((f) => `incident #${f.incidentId} ${f.severity} "${f.title}"`).join('; ')}`);
  lines.push('', 'Conditions:', ...(conditions.length ? conditions.map((c) => `  - ${unslack(c)}`) : ['  - none']));
  lines.push(`Approvals: ${check.approvals.length} of ${approvalsRequired}${check.override ? `; glass broken by ${check.override.userId}: ${check.override.reason}` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** JSON cannot carry NaN or Infinity: they become null. */
const finite = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

export function deployCheckJson(check: DeployCheck, options: { unknownCountsAs: 'REVIEW' | 'BLOCKED' }): Record<string, unknown> {
  const { decision } = check.outcome;
  return {
    version: 1,
    id: check.id,
    service: check.service,
    decision,
    counts_as: decision === 'UNKNOWN' ? options.unknownCountsAs : decision,
    exit_code: DEPLOY_CHECK_EXIT[decision],
    reasons: check.outcome.reasons.map(unslack),
    conditions: check.outcome.conditions.map(unslack),
    approvals_required: check.outcome.approvalsRequired,
    approvals: check.approvals.map((a) => ({ user: a.userId, at: a.at.toISOString() })),
    override: check.override ? { user: check.override.userId, reason: check.override.reason, at: check.override.at.toISOString() } : null,
    requested_by: check.requestedBy,
    requested_at: check.requestedAt.toISOString(),
    origin: check.origin,
    risk: { blast_radius: check.risk.blastRadius, rollback: check.risk.rollback, coverage: check.risk.coverage, change: check.risk.change },
    dimensions: check.dimensions.map((d) => ({ dimension: d.dimension, level: d.level, value: d.value, why: d.why })),
    slos: check.slos.map((s) => ({
      name: s.name,
      objective: s.objective,
      window: s.windowLabel,
      source: s.source,
      unknown: s.unknown,
      events: s.events,
      history_minutes: s.historyMinutes,
      budget: s.budget && {
        error_ratio: finite(s.budget.errorRatio),
        remaining: finite(s.budget.remaining),
        budget_minutes: finite(s.budget.budgetMinutes),
        minutes_left: finite(s.budget.minutesLeft),
        exhausted: s.budget.exhausted,
        overspent_percent: finite(s.budget.overspentPercent),
        minutes_to_exhaustion: finite(s.budget.minutesToExhaustion),
      },
      burn_rates: Object.fromEntries(s.burnRates.map((b) => [b.window, finite(b.burn)])),
      alert: s.alert,
    })),
    freezes: check.freezes.map((f) => ({ incident_id: f.incidentId, severity: f.severity, title: f.title, on_service: f.onService })),
  };
}
