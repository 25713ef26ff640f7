/**
 * Postmortem reminders as durable jobs, one key per occurrence: `postmortem:<incident>:<attempt>`. Kept free of
 * the rest of the postmortem core so the resolve transition can schedule the first one without a cycle.
 */
import type { Incident } from '../incident/model.js';
import type { SeverityPolicy } from '../incident/settings.js';
import type { Store } from '../ports.js';

export const POSTMORTEM_REMINDER_JOB_KIND = 'postmortem.reminder';
export const POSTMORTEM_REMINDER_REPEAT_MS = 24 * 60 * 60 * 1000;

export const postmortemReminderPrefix = (incidentId: number): string => `postmortem:${incidentId}:`;

export interface PostmortemReminderPayload {
  incidentId: number;
  attempt: number;
  /** When the postmortem is due (resolution + the severity's postmortemDueHours), ISO 8601. */
  dueAt: string;
}

export async function schedulePostmortemReminder(deps: { store: Pick<Store, 'jobs'> }, payload: PostmortemReminderPayload, runAt: Date): Promise<boolean> {
  return deps.store.jobs.schedule({ kind: POSTMORTEM_REMINDER_JOB_KIND, key: `${postmortemReminderPrefix(payload.incidentId)}${payload.attempt}`, runAt, payload: { ...payload } });
}

/** On resolution: the first reminder at the due time, when the severity requires a postmortem. */
export async function schedulePostmortemDue(deps: { store: Pick<Store, 'jobs'> }, incident: Incident, policy: SeverityPolicy): Promise<boolean> {
  if (!policy.postmortemRequired || policy.postmortemDueHours === null || !incident.resolvedAt) return false;
  const dueAt = new Date(incident.resolvedAt.getTime() + policy.postmortemDueHours * 60 * 60 * 1000);
  return schedulePostmortemReminder(deps, { incidentId: incident.id, attempt: 1, dueAt: dueAt.toISOString() }, dueAt);
}

export async function cancelPostmortemReminders(deps: { store: Pick<Store, 'jobs'> }, incidentId: number): Promise<number> {
  return deps.store.jobs.cancelPending(postmortemReminderPrefix(incidentId));
}
