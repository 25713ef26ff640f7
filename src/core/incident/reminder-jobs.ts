/**
 * Status-update reminders as durable jobs. Every schedule change cancels the pending reminder and plans
 * the next; the handler re-reads the incident, so a stale or duplicated job never posts a wrong reminder.
 */
import type { Job } from '../ports.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { problemSentence, recordAction, recordProblems } from './effects.js';
import { nextUpdateDue, overdueMinutes, planFirstReminder, planRepeatReminder, reminderBasis, type ReminderPlan } from './reminders.js';
import { policyOf } from './severity.js';

export const REMINDER_JOB_KIND = 'incident.reminder';

export const reminderKeyPrefix = (incidentId: number): string => `reminder:${incidentId}:`;

export interface ReminderPayload {
  incidentId: number;
  attempt: number;
  basis: string;
}

type JobDeps = Pick<IncidentDeps, 'store' | 'clock'>;

/**
 * Schedules one reminder under `reminder:<id>:<n>`. n starts at the current time in ms and moves up past
 * keys already used (a cancelled job keeps its key), so n only grows and every occurrence has its own key.
 */
export async function scheduleReminder(deps: JobDeps, incidentId: number, plan: ReminderPlan): Promise<string> {
  const payload: ReminderPayload = { incidentId, attempt: plan.attempt, basis: plan.basis };
  let n = deps.clock.now().getTime();
  for (let tries = 0; tries < 100; tries++, n++) {
    const key = `${reminderKeyPrefix(incidentId)}${n}`;
    if (await deps.store.jobs.schedule({ kind: REMINDER_JOB_KIND, key, runAt: plan.runAt, payload: { ...payload } })) return key;
  }
  throw new Error(`could not find a free reminder job key for incident ${incidentId}`);
}

export async function cancelReminders(deps: JobDeps, incidentId: number): Promise<number> {
  return deps.store.jobs.cancelPending(reminderKeyPrefix(incidentId));
}

/** Cancels what is pending and plans from the incident as it now stands. Returns the new plan, if any. */
export async function rescheduleReminders(deps: Pick<IncidentDeps, 'store' | 'clock' | 'settings'>, incident: Incident): Promise<ReminderPlan | null> {
  await cancelReminders(deps, incident.id);
  const plan = planFirstReminder(incident, policyOf(deps.settings.severities, incident.severity));
  if (plan) await scheduleReminder(deps, incident.id, plan);
  return plan;
}

function parsePayload(payload: Record<string, unknown>): ReminderPayload | null {
  const { incidentId, attempt, basis } = payload;
  if (typeof incidentId !== 'number' || typeof attempt !== 'number' || typeof basis !== 'string') return null;
  return { incidentId, attempt, basis };
}

export function createReminderHandler(deps: IncidentDeps): (job: Job) => Promise<void> {
  const { store, clock, logger, settings } = deps;
  return async (job) => {
    const payload = parsePayload(job.payload);
    if (!payload) {
      logger.error({ jobId: job.id, key: job.key, payload: job.payload }, 'reminder job has an unreadable payload; dropped');
      return;
    }
    const incident = await store.incidents.get(payload.incidentId);
    if (!incident) {
      logger.warn({ jobId: job.id, incidentId: payload.incidentId }, 'reminder for an unknown incident; dropped');
      return;
    }
    const now = clock.now();
    const policy = policyOf(settings.severities, incident.severity);
    const due = nextUpdateDue(incident, policy);
    // Stale: the state, the severity or the last update changed since the job was planned.
    if (!due || reminderBasis(incident) !== payload.basis || now.getTime() < due.getTime()) {
      logger.debug({ jobId: job.id, incidentId: incident.id, basis: payload.basis }, 'stale reminder skipped');
      return;
    }
    const occurrence = job.key.slice(reminderKeyPrefix(incident.id).length);
    const overdue = overdueMinutes(due, now);
    // The timeline key claims this occurrence: a job that runs twice posts once.
    const fresh = await recordAction(deps, incident, {
      key: `act:reminder:${incident.id}:${occurrence}`,
      kind: 'reminder',
      actor: deps.botUserId ?? null,
      text: `Reminder ${payload.attempt}: status update overdue by ${overdue} min`,
      data: { attempt: payload.attempt, overdueMinutes: overdue, basis: payload.basis },
    });
    if (fresh && incident.channelId) {
      try {
        const message = deps.views.reminder(incident, { attempt: payload.attempt, overdueMinutes: overdue, snoozeMinutes: settings.snoozeMinutes });
        await deps.chat.postMessage(incident.channelId, message);
      } catch (err) {
        await recordProblems(deps, incident, 'reminder', [problemSentence('post the status update reminder', err)]);
      }
    }
    // A duplicate run still makes sure the cadence goes on (the first run may have died before this point).
    if (!fresh && (await store.jobs.listPending(reminderKeyPrefix(incident.id))).length > 0) return;
    await cancelReminders(deps, incident.id);
    const next = planRepeatReminder(incident, policy, settings, now, payload.attempt);
    if (next) await scheduleReminder(deps, incident.id, next);
  };
}
