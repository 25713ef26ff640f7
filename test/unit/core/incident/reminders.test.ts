import { describe, expect, it } from 'vitest';
import {
  nextUpdateDue,
  overdueMinutes,
  planFirstReminder,
  planRepeatReminder,
  reminderBasis,
  snoozedUntil,
} from '../../../../src/core/incident/reminders.js';
import { DEFAULT_SEVERITIES } from '../../../../src/core/incident/severity.js';
import { buildIncident } from './builders.js';

const [sev1, sev2, , sev4] = DEFAULT_SEVERITIES as [typeof DEFAULT_SEVERITIES[0], typeof DEFAULT_SEVERITIES[0], unknown, typeof DEFAULT_SEVERITIES[0]];
const at = (hhmm: string): Date => new Date(`2026-03-02T${hhmm}:00Z`);

describe('reminder schedule', () => {
  it('makes the next update due one cadence after the declaration', () => {
    expect(nextUpdateDue(buildIncident(), sev2)).toEqual(at('14:30'));
    expect(nextUpdateDue(buildIncident({ severity: 'SEV1' }), sev1)).toEqual(at('14:15'));
  });

  it('counts from the last update once there is one', () => {
    expect(nextUpdateDue(buildIncident({ lastUpdateAt: at('14:20') }), sev2)).toEqual(at('14:50'));
  });

  it('has nothing due without a cadence, or once mitigated or resolved', () => {
    expect(nextUpdateDue(buildIncident({ severity: 'SEV4' }), sev4)).toBeNull();
    expect(nextUpdateDue(buildIncident({ state: 'mitigated' }), sev2)).toBeNull();
    expect(nextUpdateDue(buildIncident({ state: 'resolved' }), sev2)).toBeNull();
    expect(planFirstReminder(buildIncident({ state: 'mitigated' }), sev2)).toBeNull();
  });

  it('plans the first reminder at the due time as attempt 1', () => {
    const incident = buildIncident();
    expect(planFirstReminder(incident, sev2)).toEqual({ runAt: at('14:30'), attempt: 1, basis: 'SEV2@2026-03-02T14:00:00.000Z' });
  });

  it('repeats every cadence while the update stays missing, or every reminderRepeatMinutes when set', () => {
    const incident = buildIncident();
    expect(planRepeatReminder(incident, sev2, { reminderRepeatMinutes: null }, at('14:30'), 1)).toMatchObject({ runAt: at('15:00'), attempt: 2 });
    expect(planRepeatReminder(incident, sev2, { reminderRepeatMinutes: 10 }, at('14:30'), 2)).toMatchObject({ runAt: at('14:40'), attempt: 3 });
    expect(planRepeatReminder(buildIncident({ state: 'mitigated' }), sev2, { reminderRepeatMinutes: 10 }, at('14:30'), 2)).toBeNull();
  });

  it('changes the basis when an update arrives or the severity changes', () => {
    const base = reminderBasis(buildIncident());
    expect(reminderBasis(buildIncident({ lastUpdateAt: at('14:20') }))).not.toBe(base);
    expect(reminderBasis(buildIncident({ severity: 'SEV1' }))).not.toBe(base);
    expect(reminderBasis(buildIncident({ title: 'other' }))).toBe(base);
  });

  it('pushes the next reminder back by the snooze, from now when it was already due', () => {
    expect(snoozedUntil(at('15:00'), at('14:31'), 15)).toEqual(at('15:15'));
    expect(snoozedUntil(at('14:30'), at('14:40'), 15)).toEqual(at('14:55'));
    expect(snoozedUntil(null, at('14:40'), 15)).toEqual(at('14:55'));
  });

  it('counts whole overdue minutes', () => {
    expect(overdueMinutes(at('14:30'), at('14:30'))).toBe(0);
    expect(overdueMinutes(at('14:30'), new Date('2026-03-02T14:59:59Z'))).toBe(29);
    expect(overdueMinutes(at('14:30'), at('14:10'))).toBe(0);
  });
});
