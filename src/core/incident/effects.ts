/**
 * Best-effort side effects. Once an incident is stored, a failing Slack call must not lose the state
 * change: it becomes a problem sentence, a log line and an `integration_problem` timeline event.
 */
import { describeError } from '../errors.js';
import type { Incident, NewTimelineEvent, TimelineKind } from './model.js';
import type { IncidentDeps } from './incident-deps.js';

export interface Step {
  /** Completes "Could not …", e.g. "invite users to the channel". */
  description: string;
  run: () => Promise<unknown>;
}

export function problemSentence(description: string, err: unknown): string {
  return `Could not ${description}: ${describeError(err)}`;
}

/** Runs independent steps concurrently (Slack latency adds up otherwise); one problem sentence per failure. */
export async function runSteps(steps: readonly Step[]): Promise<string[]> {
  const results = await Promise.allSettled(steps.map((step) => step.run()));
  return results.flatMap((result, i) => (result.status === 'rejected' ? [problemSentence(steps[i]!.description, result.reason)] : []));
}

/** Runs one step; returns its problem sentence, or null when it worked. */
export async function tryStep(description: string, run: () => Promise<unknown>): Promise<string | null> {
  const [problem] = await runSteps([{ description, run }]);
  return problem ?? null;
}

/** Appends a bot action; a retried action (same key) is a no-op. Returns whether it was new. */
export async function recordAction(
  deps: Pick<IncidentDeps, 'store' | 'clock'>,
  incident: Pick<Incident, 'id' | 'channelId'>,
  event: { key: string; kind: TimelineKind; actor: string | null; text: string; data?: Record<string, unknown>; occurredAt?: Date },
): Promise<boolean> {
  const entry: NewTimelineEvent = {
    incidentId: incident.id,
    channelId: incident.channelId,
    key: event.key,
    kind: event.kind,
    occurredAt: event.occurredAt ?? deps.clock.now(),
    actor: event.actor,
    text: event.text,
    data: event.data ?? {},
  };
  const { inserted } = await deps.store.timeline.append(entry);
  return inserted;
}

/** Logs each problem and keeps it on the timeline; never throws (the problems are already the bad news). */
export async function recordProblems(deps: IncidentDeps, incident: Incident, action: string, problems: readonly string[]): Promise<void> {
  const stamp = deps.clock.now().getTime();
  await Promise.all(
    problems.map(async (problem, index) => {
      deps.logger.warn({ incidentId: incident.id, action, problem }, 'incident side effect failed');
      try {
        await recordAction(deps, incident, {
          key: `act:problem:${incident.id}:${action}:${stamp}:${index}`,
          kind: 'integration_problem',
          actor: null,
          text: problem,
          data: { action },
        });
      } catch (err) {
        deps.logger.error({ err, incidentId: incident.id, problem }, 'could not record an integration problem on the timeline');
      }
    }),
  );
}
