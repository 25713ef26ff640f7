import { describe, expect, it } from 'vitest';
import { createReminderHandler, REMINDER_JOB_KIND } from '../../../../src/core/incident/create-incident-service.js';
import { scheduleReminder } from '../../../../src/core/incident/reminder-jobs.js';
import { createJobRunner } from '../../../../src/core/jobs/job-runner.js';
import { alice, declared, messageTexts } from './declared.js';

async function withRunner(options: Parameters<typeof declared>[0] = {}) {
  const d = await declared(options);
  const runner = createJobRunner({
    jobs: d.store.jobs,
    clock: d.clock,
    logger: d.logger,
    owner: 'test',
    leaseMs: 60_000,
    handlers: { [REMINDER_JOB_KIND]: createReminderHandler(d.deps) },
  });
  const reminders = () => messageTexts(d, d.channelId).filter((t) => t.startsWith('reminder'));
  const at = async (hhmm: string) => {
    d.clock.set(`2026-03-02T${hhmm}:00Z`);
    await runner.runDue();
  };
  return { ...d, runner, reminders, at };
}

describe('status update reminders', () => {
  it('reminds the commander in the channel once the update is due, once', async () => {
    const d = await withRunner();
    await d.at('14:29');
    expect(d.reminders()).toEqual([]);
    await d.at('14:30');
    expect(d.reminders()).toEqual(['reminder INC-1 attempt 1 for <@U0ALICE>: overdue 0 min (snooze 15)']);
    await d.at('14:31');
    expect(d.reminders()).toHaveLength(1);
    const event = (await d.store.timeline.list(1)).find((e) => e.kind === 'reminder');
    expect(event).toMatchObject({ data: { attempt: 1, overdueMinutes: 0 } });
    expect(event?.key).toMatch(/^act:reminder:1:\d+$/);
  });

  it('repeats with a higher attempt while the update stays missing', async () => {
    const d = await withRunner({ settings: { reminderRepeatMinutes: 10 } });
    await d.at('14:30');
    await d.at('14:40');
    await d.at('14:50');
    expect(d.reminders()).toEqual([
      'reminder INC-1 attempt 1 for <@U0ALICE>: overdue 0 min (snooze 15)',
      'reminder INC-1 attempt 2 for <@U0ALICE>: overdue 10 min (snooze 15)',
      'reminder INC-1 attempt 3 for <@U0ALICE>: overdue 20 min (snooze 15)',
    ]);
  });

  it('starts over after an update', async () => {
    const d = await withRunner();
    await d.at('14:30');
    d.clock.set('2026-03-02T14:35:00Z');
    await d.incidents.postUpdate(d.channelId, 'still digging', alice);
    await d.at('15:00'); // the old repeat would have fired here
    expect(d.reminders()).toHaveLength(1);
    await d.at('15:05');
    expect(d.reminders().at(-1)).toBe('reminder INC-1 attempt 1 for <@U0ALICE>: overdue 0 min (snooze 15)');
  });

  it('stops when the incident is mitigated', async () => {
    const d = await withRunner();
    await d.at('14:30');
    d.clock.set('2026-03-02T14:40:00Z');
    await d.incidents.markMitigated(d.channelId, null, alice);
    await d.at('16:00');
    expect(d.reminders()).toHaveLength(1);
  });

  it('follows a severity change', async () => {
    const d = await withRunner();
    d.clock.set('2026-03-02T14:05:00Z');
    await d.incidents.changeSeverity(d.channelId, 'SEV1', alice);
    await d.at('14:15');
    expect(d.reminders()).toEqual(['reminder INC-1 attempt 1 for <@U0ALICE>: overdue 0 min (snooze 15)']);
    await d.at('14:30'); // SEV1 repeats every 15 minutes
    expect(d.reminders()).toHaveLength(2);
  });

  it('ignores stale jobs: an old basis, a mitigated incident, an update since', async () => {
    const d = await withRunner();
    const handler = createReminderHandler(d.deps);
    const stale = { runAt: new Date('2026-03-02T14:30:00Z'), attempt: 1, basis: 'SEV3@2026-03-02T14:00:00.000Z' };
    await scheduleReminder(d.deps, 1, stale);
    await d.at('14:30');
    expect(d.reminders()).toHaveLength(1); // only the real one

    const job = { id: 99, kind: REMINDER_JOB_KIND, key: 'reminder:1:1', runAt: new Date(), attempts: 1, payload: { incidentId: 1, attempt: 1, basis: 'SEV2@2026-03-02T14:00:00.000Z' } };
    await d.incidents.postUpdate(d.channelId, 'update', alice);
    await handler(job);
    await d.incidents.markMitigated(d.channelId, null, alice);
    await handler({ ...job, key: 'reminder:1:2', payload: { ...job.payload, basis: 'SEV2@2026-03-02T14:30:00.000Z' } });
    await handler({ ...job, key: 'reminder:1:3', payload: { incidentId: 404, attempt: 1, basis: 'x' } });
    await handler({ ...job, key: 'reminder:1:4', payload: { nonsense: true } });
    expect(d.reminders()).toHaveLength(1);
  });

  it('posts once when the same job runs twice', async () => {
    const d = await withRunner();
    const handler = createReminderHandler(d.deps);
    const [pending] = await d.store.jobs.listPending('reminder:1:');
    d.clock.set('2026-03-02T14:30:00Z');
    await handler(pending!);
    await handler(pending!);
    expect(d.reminders()).toHaveLength(1);
    expect(await d.store.jobs.listPending('reminder:1:')).toHaveLength(1); // the cadence goes on
  });

  it('records a failed reminder post as a problem and keeps the cadence', async () => {
    const d = await withRunner();
    d.chat.failOn('postMessage', 'not_in_channel');
    await d.at('14:30');
    const problems = (await d.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem');
    expect(problems.map((e) => e.text)).toEqual(['Could not post the status update reminder: slack chat.postMessage failed: not_in_channel']);
    expect((await d.store.jobs.listPending('reminder:1:')).map((j) => j.runAt)).toEqual([new Date('2026-03-02T15:00:00Z')]);
  });
});

describe('snoozeReminder', () => {
  it('pushes the next reminder back and keeps its attempt', async () => {
    const d = await withRunner();
    await d.at('14:30');
    d.clock.set('2026-03-02T14:31:00Z');
    const result = await d.incidents.snoozeReminder(1, alice);
    expect(result).toMatchObject({ changed: true, until: new Date('2026-03-02T15:15:00Z') });
    const pending = await d.store.jobs.listPending('reminder:1:');
    expect(pending.map((j) => [j.runAt, j.payload.attempt])).toEqual([[new Date('2026-03-02T15:15:00Z'), 2]]);
    expect((await d.store.timeline.list(1)).find((e) => e.kind === 'reminder_snoozed')).toMatchObject({ actor: 'U0ALICE' });
    await d.at('15:00');
    expect(d.reminders()).toHaveLength(1);
    await d.at('15:15');
    expect(d.reminders().at(-1)).toBe('reminder INC-1 attempt 2 for <@U0ALICE>: overdue 45 min (snooze 15)');
  });

  it('changes nothing when reminders are off', async () => {
    const d = await withRunner();
    await d.incidents.markMitigated(d.channelId, null, alice);
    const result = await d.incidents.snoozeReminder(1, alice);
    expect(result).toMatchObject({ changed: false, reason: 'INC-1 gets no status update reminders: it is mitigated.' });
    expect(await d.store.jobs.listPending('reminder:1:')).toEqual([]);
  });

  it('refuses an unknown incident', async () => {
    const d = await withRunner();
    await expect(d.incidents.snoozeReminder(77, alice)).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
  });
});
