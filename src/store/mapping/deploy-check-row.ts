/** deploy_checks and deploy_check_approvals rows ↔ DeployCheck. */
import type { Insertable, Selectable } from 'kysely';
import type {
  Approval,
  ChangeRisk,
  DecisionOutcome,
  DeployCheck,
  DimensionAssessment,
  Freeze,
  NewDeployCheck,
  Override,
  SloReport,
} from '../../core/release/model.js';
import type { DeployCheckApprovalsTable, DeployChecksTable } from '../db/schema.js';
import { toDate, toNumber } from './values.js';

/**
 * JSON has no NaN, Infinity or -0 (JSON.stringify writes null for the first two and 0 for the last), yet burn rates
 * and ratios over no traffic are exactly those. They are written as `{"$numberDouble": "NaN"}` (MongoDB Extended
 * JSON's spelling), so a stored check reads back exactly as it was computed, and a real null stays null.
 */
const NUMBER_TAG = '$numberDouble';
const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0 };

export function stringifyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'number' || (Number.isFinite(v) && !Object.is(v, -0))) return v;
    return { [NUMBER_TAG]: Object.is(v, -0) ? '-0' : String(v) };
  });
}

export function parseJsonNumbers<T>(text: string, column: string): T {
  try {
    return JSON.parse(text, (_key, v: unknown) => decodeNumber(v) ?? v) as T;
  } catch {
    throw new Error(`Column ${column} holds invalid JSON`);
  }
}

/** The number a tagged object stands for; undefined for anything else (a wrapped null would be a different bug). */
function decodeNumber(v: unknown): number | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== NUMBER_TAG) return undefined;
  const tag = (v as Record<string, unknown>)[NUMBER_TAG];
  return typeof tag === 'string' && Object.hasOwn(NON_FINITE, tag) ? NON_FINITE[tag] : undefined;
}

export function deployCheckToInsert(check: NewDeployCheck, now: Date): Insertable<DeployChecksTable> {
  return {
    service: check.service,
    requested_by: check.requestedBy,
    origin: check.origin,
    requested_at: check.requestedAt.getTime(),
    decision: check.outcome.decision,
    risk: stringifyJson(check.risk),
    dimensions: stringifyJson(check.dimensions),
    slos: stringifyJson(check.slos),
    freezes: stringifyJson(check.freezes),
    outcome: stringifyJson(check.outcome),
    created_at: now.getTime(),
  };
}

export function deployCheckFromRow(
  row: Selectable<DeployChecksTable>,
  approvals: readonly Selectable<DeployCheckApprovalsTable>[],
): DeployCheck {
  return {
    id: toNumber(row.id),
    service: row.service,
    requestedBy: row.requested_by,
    origin: row.origin as DeployCheck['origin'],
    requestedAt: toDate(row.requested_at),
    risk: parseJsonNumbers<ChangeRisk>(row.risk, 'deploy_checks.risk'),
    dimensions: parseJsonNumbers<DimensionAssessment[]>(row.dimensions, 'deploy_checks.dimensions'),
    slos: parseJsonNumbers<SloReport[]>(row.slos, 'deploy_checks.slos'),
    freezes: parseJsonNumbers<Freeze[]>(row.freezes, 'deploy_checks.freezes'),
    outcome: parseJsonNumbers<DecisionOutcome>(row.outcome, 'deploy_checks.outcome'),
    approvals: approvals.map(approvalFromRow),
    override: overrideFromRow(row),
  };
}

function approvalFromRow(row: Selectable<DeployCheckApprovalsTable>): Approval {
  return { userId: row.user_id, at: toDate(row.at) };
}

function overrideFromRow(row: Selectable<DeployChecksTable>): Override | null {
  // The table's check constraint keeps the three columns set or null together.
  if (row.override_user === null || row.override_reason === null || row.override_at === null) return null;
  return { userId: row.override_user, reason: row.override_reason, at: toDate(row.override_at) };
}
