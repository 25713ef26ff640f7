/** The Snooze button on a reminder: the next reminder comes `snoozeMinutes` later. */
import { DomainError } from '../errors.js';
import type { Actor, ChangeResult } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import { authorize } from './authorization.js';
import { recordAction } from './effects.js';
import { incidentRef } from './lifecycle.js';
import { cancelReminders, reminderKeyPrefix, scheduleReminder } from './reminder-jobs.js';
import { nextUpdateDue, reminderBasis, remindersActive, snoozedUntil } from './reminders.js';
import { policyOf } from './severity.js';

export function createSnoozeReminder(deps: IncidentDeps): (incidentId: number, actor: Actor) => Promise<ChangeResult & { until: Date }> {
  const { store, settings } = deps;
  return async (incidentId, actor) => {
    const incident = await store.incidents.get(incidentId);
    if (!incident) throw new DomainError('INCIDENT_NOT_FOUND', `There is no incident INC-${incidentId}.`, { incidentId });
    await authorize(deps, incident, actor, 'snooze reminders');
    const now = deps.clock.now();
    const policy = policyOf(settings.severities, incident.severity);
    if (!remindersActive(incident, policy)) {
      const why = incident.state !== 'investigating' ? `it is ${incident.state}` : `${incident.severity} has no update cadence`;
      return { incident, changed: false, reason: `${incidentRef(incident)} gets no status update reminders: ${why}.`, until: now };
    }
    const [next] = (await store.jobs.listPending(reminderKeyPrefix(incident.id))).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
    const until = snoozedUntil(next?.runAt ?? nextUpdateDue(incident, policy), now, settings.snoozeMinutes);
    const attempt = typeof next?.payload.attempt === 'number' ? next.payload.attempt : 1;
    await cancelReminders(deps, incident.id);
    await scheduleReminder(deps, incident.id, { runAt: until, attempt, basis: reminderBasis(incident) });
    await recordAction(deps, incident, {
      key: `act:snooze:${incident.id}:${now.getTime()}`,
      kind: 'reminder_snoozed',
      actor: actor.userId,
      text: `Reminders snoozed until ${until.toISOString()}`,
      data: { until: until.toISOString(), minutes: settings.snoozeMinutes },
    });
    return { incident, changed: true, until };
  };
}
