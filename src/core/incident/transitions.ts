/** Marking an incident mitigated or resolved: stored first, then shown everywhere; reminders stop. */
import type { Actor, ChangeResult, Durations } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import { computeDurations } from './durations.js';
import { recordAction } from './effects.js';
import { applyEffects, loadForChange, postInChannel, quietly, refreshSteps } from './incident-context.js';
import { transition, type TransitionTarget } from './lifecycle.js';
import { cancelReminders } from './reminder-jobs.js';
import { cancelAckDeadlines } from './ack-deadline.js';
import { transitionSteps } from './oncall-sync.js';
import { policyOf } from './severity.js';
import { schedulePostmortemDue } from '../postmortem/reminder-schedule.js';

const ACTIONS: Record<TransitionTarget, { may: string; text: string }> = {
  mitigated: { may: 'mark the incident mitigated', text: 'Marked mitigated' },
  resolved: { may: 'resolve the incident', text: 'Resolved' },
};

async function move(deps: IncidentDeps, channelId: string, noteInput: string | null, actor: Actor, to: TransitionTarget): Promise<ChangeResult> {
  const incident = await loadForChange(deps, channelId, actor, ACTIONS[to].may);
  const now = deps.clock.now();
  const outcome = transition(incident, to, now, deps.settings.timeZone);
  if (!outcome.ok) return { incident, changed: false, reason: outcome.reason };
  const note = noteInput?.trim() || null;
  const updated = await deps.store.incidents.update(incident.id, outcome.patch);
  await recordAction(deps, updated, {
    key: `act:${to}:${incident.id}:${now.getTime()}`,
    kind: to,
    actor: actor.userId,
    text: note ? `${ACTIONS[to].text}: ${note}` : ACTIONS[to].text,
    data: { from: incident.state, note },
  });
  await quietly(deps, 'cancel status update reminders', incident.id, () => cancelReminders(deps, incident.id));
  if (to === 'resolved') {
    await quietly(deps, 'cancel acknowledgement deadlines', incident.id, () => cancelAckDeadlines(deps, incident.id));
    // SEV1/SEV2 (by policy): the commander is reminded from the due time until the postmortem is published.
    await quietly(deps, 'schedule the postmortem reminder', incident.id, () => schedulePostmortemDue(deps, updated, policyOf(deps.settings.severities, updated.severity)));
  }
  const steps = [
    ...refreshSteps(deps, updated),
    ...postInChannel(deps, updated, `post that the incident is ${to}`, () => deps.views.stateChanged(updated, { actor: actor.userId, note })),
    ...transitionSteps(deps, updated, to, note, actor.userId),
  ];
  const problems = await applyEffects(deps, updated, to, steps);
  return { incident: updated, changed: true, problems };
}

export function createMarkMitigated(deps: IncidentDeps): (channelId: string, note: string | null, actor: Actor) => Promise<ChangeResult> {
  return (channelId, note, actor) => move(deps, channelId, note, actor, 'mitigated');
}

export function createResolve(deps: IncidentDeps): (channelId: string, note: string | null, actor: Actor) => Promise<ChangeResult & { durations: Durations }> {
  return async (channelId, note, actor) => {
    const result = await move(deps, channelId, note, actor, 'resolved');
    return { ...result, durations: computeDurations(result.incident, deps.clock.now()) };
  };
}
