/**
 * The deploy decision from the risk matrix, the SLO reports and the deploy freezes (issue 3, "Decision").
 * Precedence: BLOCKED (freeze, exhausted budget, page-level burn, two highs) > UNKNOWN > REVIEW > CAUTION > PROCEED.
 */
import {
  announceCondition,
  dimensionReason,
  EXHAUSTED_CONDITION,
  exhaustedReason,
  freezeCondition,
  freezeReason,
  overrideReason,
  pageBurnCondition,
  pageBurnReason,
  TWO_HIGHS_CONDITION,
  twoHighsReason,
  unknownDimensionReason,
  unknownSloReason,
} from './decision-reasons.js';
import type { DecisionOutcome, DimensionAssessment, Freeze, Override, SloReport } from './model.js';

export interface DecideInput {
  dimensions: DimensionAssessment[];
  slos: SloReport[];
  /** Only the open incidents (on the service, or global) whose severity freezes deploys. */
  freezes: Freeze[];
  unknownCountsAs: 'REVIEW' | 'BLOCKED';
  override: Override | null;
}

export const PROCEED_CONDITIONS = ['Progressive rollout'];
export const CAUTION_CONDITIONS = ['Extended canary: 24 h instead of 4 h', 'Deploy during business hours only'];
export const REVIEW_CONDITIONS = ['Change review board approval', 'Deploy in a maintenance window', 'Written rollback plan', 'On-call standing by'];
export const UNKNOWN_BLOCKED_CONDITION = 'Do not deploy until the numbers can be trusted: fix what is unknown and run the check again';
export const ON_CALL_CONDITION = 'On-call standing by';

/**
 * Approvals: 1 to proceed, 2 otherwise. BLOCKED keeps REVIEW's 2: a blocked deploy only goes ahead by breaking
 * glass, and the override lifts the block, not the four-eyes rule, so approvals do not change with an override.
 */
export const APPROVALS = { PROCEED: 1, CAUTION: 2, REVIEW: 2, BLOCKED: 2 } as const;

const unique = (items: string[]): string[] => [...new Set(items)];

export function decide(input: DecideInput): DecisionOutcome {
  const { dimensions, slos, freezes, unknownCountsAs, override } = input;
  const highs = dimensions.filter((d) => d.level === 'high');
  const mediums = dimensions.filter((d) => d.level === 'medium');
  const matrixReasons = [...highs, ...mediums].map(dimensionReason);

  // Only trustworthy numbers can prove a budget exhausted; a page-level burn is honoured whenever it was computed.
  const exhausted = slos.filter((s) => s.unknown === null && s.budget?.exhausted);
  const paging = slos.filter((s) => s.alert?.level === 'page');
  const blocks = [
    ...freezes.map((f) => ({ reason: freezeReason(f), condition: freezeCondition(f) })),
    ...exhausted.map((s) => ({ reason: exhaustedReason(s), condition: EXHAUSTED_CONDITION })),
    ...paging.map((s) => ({ reason: pageBurnReason(s), condition: pageBurnCondition(s) })),
    ...(highs.length >= 2 ? [{ reason: twoHighsReason(highs), condition: TWO_HIGHS_CONDITION }] : []),
  ];

  // The error budget row is unknown because of its SLOs when some SLO is: say it once, per SLO.
  const sloUnknown = slos.filter((s) => s.unknown !== null);
  const unknownReasons = [
    ...sloUnknown.map(unknownSloReason),
    ...dimensions.filter((d) => d.level === null && !(d.dimension === 'error_budget' && sloUnknown.length > 0)).map(unknownDimensionReason),
  ];

  let outcome: DecisionOutcome;
  if (blocks.length > 0) {
    outcome = {
      decision: 'BLOCKED',
      reasons: unique([...blocks.map((b) => b.reason), ...matrixReasons, ...unknownReasons]),
      conditions: unique(blocks.map((b) => b.condition)),
      approvalsRequired: APPROVALS.BLOCKED,
    };
  } else if (unknownReasons.length > 0) {
    outcome = {
      decision: 'UNKNOWN',
      reasons: [...unknownReasons, ...matrixReasons, `Until that is known, this check counts as ${unknownCountsAs}.`],
      conditions: unknownCountsAs === 'BLOCKED' ? [UNKNOWN_BLOCKED_CONDITION] : [...REVIEW_CONDITIONS],
      approvalsRequired: APPROVALS[unknownCountsAs],
    };
  } else if (highs.length === 1) {
    outcome = { decision: 'REVIEW', reasons: matrixReasons, conditions: [...REVIEW_CONDITIONS], approvalsRequired: APPROVALS.REVIEW };
  } else if (mediums.length > 0) {
    outcome = { decision: 'CAUTION', reasons: matrixReasons, conditions: [...CAUTION_CONDITIONS], approvalsRequired: APPROVALS.CAUTION };
  } else {
    outcome = { decision: 'PROCEED', reasons: ['Every dimension is low risk.'], conditions: [...PROCEED_CONDITIONS], approvalsRequired: APPROVALS.PROCEED };
  }

  const countsAsBlocked = outcome.decision === 'BLOCKED' || (outcome.decision === 'UNKNOWN' && unknownCountsAs === 'BLOCKED');
  if (override && countsAsBlocked) {
    // Break glass: the decision stays on record as computed; the main reason stays first.
    outcome.reasons.splice(1, 0, overrideReason(override));
    outcome.conditions = unique([...outcome.conditions, ON_CALL_CONDITION, announceCondition(freezes)]);
  }
  return outcome;
}
