/** Suspects: the changes that landed shortly before the error rise, closest first. */
import type { Change, ChangeKind, Suspect } from './model.js';

/** On a tie, a rollout is the likelier culprit (it is what actually changed the running code), then the rest. */
const KIND_ORDER: Record<ChangeKind, number> = { rollout: 0, github_deployment: 1, config: 2, release: 3, pull_request: 4, deploy_check: 5 };

/**
 * Changes at or before `errorsRoseAt` and at most `windowMinutes` before it, ranked by closeness (rank 1 is the
 * closest). A change after the rise cannot have caused it. No rise → no suspects (the view says why).
 */
export function rankSuspects(changes: readonly Change[], errorsRoseAt: Date | null, windowMinutes: number): Suspect[] {
  if (!errorsRoseAt) return [];
  const rise = errorsRoseAt.getTime();
  const windowMs = windowMinutes * 60_000;
  return changes
    .map((change) => ({ change, before: rise - change.at.getTime() }))
    .filter(({ before }) => before >= 0 && before <= windowMs)
    .sort((a, b) => a.before - b.before || KIND_ORDER[a.change.kind] - KIND_ORDER[b.change.kind])
    .map(({ change, before }, index) => ({ change, minutesBeforeRise: Math.round(before / 60_000), rank: index + 1 }));
}
