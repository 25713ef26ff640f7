/**
 * Status-update cadence, as pure schedule math. An update is due one cadence after the last update
 * (or the declaration); while it stays missing the commander is reminded again every repeat interval.
 * Only investigating incidents get reminders: mitigation and resolution stop them.
 */
import { MINUTE_MS } from './time.js';
import type { Incident } from './model.js';
import type { IncidentSettings, SeverityPolicy } from './settings.js';

export interface ReminderPlan {
  runAt: Date;
  /** 1 for the first reminder after an update fell due, then 2, 3 … while it stays missing. */
  attempt: number;
  /** What the plan was computed from; a job whose basis no longer matches the incident is stale. */
  basis: string;
}

type ReminderFields = Pick<Incident, 'state' | 'severity' | 'declaredAt' | 'lastUpdateAt'>;

export function remindersActive(incident: Pick<Incident, 'state'>, policy: SeverityPolicy): boolean {
  return incident.state === 'investigating' && policy.updateCadenceMinutes !== null;
}

/** When the next status update is due; null when the severity has no cadence or the incident is not being investigated. */
export function nextUpdateDue(incident: ReminderFields, policy: SeverityPolicy): Date | null {
  if (!remindersActive(incident, policy) || policy.updateCadenceMinutes === null) return null;
  const since = incident.lastUpdateAt ?? incident.declaredAt;
  return new Date(since.getTime() + policy.updateCadenceMinutes * MINUTE_MS);
}

/** Changes whenever the schedule must start over: a new update, or a severity with another cadence. */
export function reminderBasis(incident: ReminderFields): string {
  return `${incident.severity}@${(incident.lastUpdateAt ?? incident.declaredAt).toISOString()}`;
}

/** The first reminder for the incident as it stands, or null when no reminders apply. */
export function planFirstReminder(incident: ReminderFields, policy: SeverityPolicy): ReminderPlan | null {
  const due = nextUpdateDue(incident, policy);
  if (!due) return null;
  return { runAt: due, attempt: 1, basis: reminderBasis(incident) };
}

export function repeatMinutes(policy: SeverityPolicy, settings: Pick<IncidentSettings, 'reminderRepeatMinutes'>): number | null {
  return settings.reminderRepeatMinutes ?? policy.updateCadenceMinutes;
}

/** The reminder after attempt `attempt` fired at `firedAt`, while the update is still missing. */
export function planRepeatReminder(
  incident: ReminderFields,
  policy: SeverityPolicy,
  settings: Pick<IncidentSettings, 'reminderRepeatMinutes'>,
  firedAt: Date,
  attempt: number,
): ReminderPlan | null {
  const repeat = repeatMinutes(policy, settings);
  if (!remindersActive(incident, policy) || repeat === null) return null;
  return { runAt: new Date(firedAt.getTime() + repeat * MINUTE_MS), attempt: attempt + 1, basis: reminderBasis(incident) };
}

/** A snooze pushes the next reminder back by `snoozeMinutes` (from now, when the reminder was already due). */
export function snoozedUntil(nextReminderAt: Date | null, now: Date, snoozeMinutes: number): Date {
  const from = nextReminderAt && nextReminderAt.getTime() > now.getTime() ? nextReminderAt : now;
  return new Date(from.getTime() + snoozeMinutes * MINUTE_MS);
}

/** Whole minutes the update is overdue at `now` (0 when not yet due). */
export function overdueMinutes(due: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - due.getTime()) / MINUTE_MS));
}
