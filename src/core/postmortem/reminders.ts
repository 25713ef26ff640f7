/** The postmortem reminder job: reminds the commander in the war room daily until the postmortem is published. */
import { recordAction } from '../incident/effects.js';
import type { Job } from '../ports.js';
import type { PostmortemDeps } from './deps.js';
import { POSTMORTEM_REMINDER_REPEAT_MS, schedulePostmortemReminder, type PostmortemReminderPayload } from './reminder-schedule.js';

function parsePayload(payload: Record<string, unknown>): PostmortemReminderPayload | null {
  const { incidentId, attempt, dueAt } = payload;
  if (typeof incidentId !== 'number' || typeof attempt !== 'number' || typeof dueAt !== 'string' || Number.isNaN(Date.parse(dueAt))) return null;
  return { incidentId, attempt, dueAt };
}

export function createPostmortemReminderHandler(deps: PostmortemDeps): (job: Job) => Promise<void> {
  const { store, logger } = deps;
  return async (job) => {
    const payload = parsePayload(job.payload);
    if (!payload) {
      logger.error({ jobId: job.id, key: job.key }, 'postmortem reminder with an unreadable payload; dropped');
      return;
    }
    const incident = await store.incidents.get(payload.incidentId);
    if (!incident || incident.state !== 'resolved') return; // published (postmortem, closed) or gone: nothing to chase
    const postmortem = await store.postmortems.getByIncident(incident.id);
    if (postmortem?.publishedAt) return;
    const commanderId = incident.roles[deps.incidentSettings.commanderRole] ?? null;
    // The timeline key claims this occurrence: a job that runs twice reminds once.
    const fresh = await recordAction(deps, incident, {
      key: `act:postmortem-reminder:${incident.id}:${payload.attempt}`,
      kind: 'reminder',
      actor: null,
      text: `Reminder ${payload.attempt}: the postmortem is due`,
      data: { postmortemReminder: true, attempt: payload.attempt, dueAt: payload.dueAt },
    });
    if (fresh && incident.channelId) {
      try {
        await deps.chat.postMessage(incident.channelId, deps.views.postmortemDue(incident, { commanderId, dueAt: new Date(payload.dueAt), attempt: payload.attempt }));
      } catch (err) {
        logger.warn({ err, incidentId: incident.id }, 'could not post the postmortem reminder');
      }
    }
    const next = { ...payload, attempt: payload.attempt + 1 };
    await schedulePostmortemReminder(deps, next, new Date(Math.max(job.runAt.getTime(), deps.clock.now().getTime()) + POSTMORTEM_REMINDER_REPEAT_MS));
  };
}
