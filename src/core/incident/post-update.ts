/** Status updates (war room, announcement thread, reminder reset) and notes (timeline only). */
import { DomainError } from '../errors.js';
import type { Actor, ChangeResult } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import type { Step } from './effects.js';
import { recordAction } from './effects.js';
import { applyEffects, loadForChange, postInChannel, quietly } from './incident-context.js';
import { incidentRef, isOpen } from './lifecycle.js';
import { rescheduleReminders } from './reminder-jobs.js';
import { nextUpdateDue } from './reminders.js';
import { policyOf } from './severity.js';

type TextUseCase = (channelId: string, text: string, actor: Actor) => Promise<ChangeResult>;

export function createPostUpdate(deps: IncidentDeps): TextUseCase {
  const { store, settings, chat, views } = deps;
  return async (channelId, input, actor) => {
    const incident = await loadForChange(deps, channelId, actor, 'post status updates');
    const text = input.trim();
    if (text === '') {
      throw new DomainError('BAD_INPUT', 'Write the update after the subcommand, e.g. `/incident update Rolled back 1.42; error rate is falling`.', { field: 'text' });
    }
    if (!isOpen(incident)) {
      return { incident, changed: false, reason: `${incidentRef(incident)} is ${incident.state}: status updates are for open incidents. Use \`/incident note\` to add to its timeline.` };
    }
    const now = deps.clock.now();
    const updated = await store.incidents.update(incident.id, { lastUpdateAt: now, lastUpdateText: text });
    await recordAction(deps, updated, { key: `act:update:${incident.id}:${now.getTime()}`, kind: 'status_update', actor: actor.userId, text });
    const message = () => views.statusUpdate(updated, { text, actor: actor.userId, nextUpdateDue: nextUpdateDue(updated, policyOf(settings.severities, updated.severity)) });
    const steps: Step[] = postInChannel(deps, updated, 'post the status update in the channel', message);
    const { announcement } = updated;
    if (announcement) {
      steps.push(
        { description: "post the status update in the announcement's thread", run: () => chat.postMessage(announcement.channelId, message(), { threadTs: announcement.ts }) },
        { description: 'update the announcement', run: () => chat.updateMessage(announcement.channelId, announcement.ts, views.announcement(updated)) },
      );
    }
    const problems = await applyEffects(deps, updated, 'update', steps);
    await quietly(deps, 'reschedule status update reminders', updated.id, () => rescheduleReminders(deps, updated));
    return { incident: updated, changed: true, problems };
  };
}

export function createAddNote(deps: IncidentDeps): TextUseCase {
  return async (channelId, input, actor) => {
    const incident = await loadForChange(deps, channelId, actor, 'add notes');
    const text = input.trim();
    if (text === '') {
      throw new DomainError('BAD_INPUT', 'Write the note after the subcommand, e.g. `/incident note Disabled the EU canary`.', { field: 'text' });
    }
    const now = deps.clock.now();
    await recordAction(deps, incident, { key: `act:note:${incident.id}:${actor.userId}:${now.getTime()}`, kind: 'note', actor: actor.userId, text });
    return { incident, changed: true };
  };
}
