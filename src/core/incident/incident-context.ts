/** Shared steps of the use cases run inside a war room: find the incident, check the actor, refresh what shows its state. */
import { DomainError } from '../errors.js';
import type { ChatMessage } from '../ports.js';
import type { Actor } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { authorize } from './authorization.js';
import { recordProblems, runSteps, type Step } from './effects.js';

export async function requireByChannel(deps: Pick<IncidentDeps, 'store'>, channelId: string): Promise<Incident> {
  const incident = await deps.store.incidents.findByChannel(channelId);
  if (!incident) {
    throw new DomainError('NOT_AN_INCIDENT_CHANNEL', 'Run this inside an incident channel, or use /incident list to find one.', { channelId });
  }
  return incident;
}

/** The war room's incident, once `actor` is known to be allowed to `action` on it. */
export async function loadForChange(deps: IncidentDeps, channelId: string, actor: Actor, action: string): Promise<Incident> {
  const incident = await requireByChannel(deps, channelId);
  await authorize(deps, incident, actor, action);
  return incident;
}

/** The announcement (edited in place), topic and purpose: everything that shows severity, state and commander. */
export function refreshSteps(deps: IncidentDeps, incident: Incident): Step[] {
  const steps: Step[] = [];
  const { announcement, channelId } = incident;
  if (announcement) {
    steps.push({
      description: 'update the announcement',
      run: () => deps.chat.updateMessage(announcement.channelId, announcement.ts, deps.views.announcement(incident)),
    });
  }
  if (channelId) {
    steps.push(
      { description: 'update the channel topic', run: () => deps.chat.setTopic(channelId, deps.views.topic(incident)) },
      { description: 'update the channel purpose', run: () => deps.chat.setPurpose(channelId, deps.views.purpose(incident)) },
    );
  }
  return steps;
}

/** A step that posts in the war room, when it has one. */
export function postInChannel(deps: IncidentDeps, incident: Incident, description: string, message: () => ChatMessage): Step[] {
  const { channelId } = incident;
  if (!channelId) return [];
  return [{ description, run: () => deps.chat.postMessage(channelId, message()) }];
}

/**
 * Runs the Slack steps of an already stored change; failures are logged and kept on the timeline, never thrown.
 * `extra` collects problems the steps report themselves (read once they have all settled).
 */
export async function applyEffects(deps: IncidentDeps, incident: Incident, action: string, steps: readonly Step[], extra: readonly string[] = []): Promise<string[]> {
  const failed = await runSteps(steps);
  const problems = [...failed, ...extra];
  if (problems.length > 0) await recordProblems(deps, incident, action, problems);
  return problems;
}

/** Runs `work` and logs instead of throwing: for bookkeeping that must not undo a stored change (reminder jobs). */
export async function quietly(deps: IncidentDeps, what: string, incidentId: number, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.logger.error({ err, incidentId }, `could not ${what}`);
  }
}
