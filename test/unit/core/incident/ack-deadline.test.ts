import { describe, expect, it } from 'vitest';
import { createAckDeadlineHandler } from '../../../../src/core/incident/create-incident-service.js';
import { testOnCallSchedules } from '../../../support/fakes/fake-oncall.js';
import { alice, onCallHarness, webhookEvent } from './oncall-setup.js';

async function declaredSev1() {
  const h = onCallHarness();
  const { incident } = await h.incidents.declare({ title: 'Checkout returns 500', severity: 'SEV1', service: 'checkout' }, alice);
  h.chat.calls.length = 0;
  return { ...h, incident, channelId: incident.channelId! };
}

describe('acknowledgement deadline', () => {
  it('nothing happens before the deadline', async () => {
    const h = await declaredSev1();
    h.clock.advance({ minutes: 4, seconds: 59 });
    await h.runJobs();
    expect(h.oncall.escalations).toEqual([]);
    expect(h.posted(h.channelId, 'ack overdue')).toEqual([]);
  });

  it('unacknowledged: tells the channel and the commander, escalates to level 2 and plans its deadline', async () => {
    const h = await declaredSev1();
    h.clock.advance({ minutes: 5 });
    await h.runJobs();

    const told = 'ack overdue INC-1 level 1 (5 min) for <@U0ALICE>: escalated to level 2 (<@U0SECOND> (L2))';
    expect(h.posted(h.channelId, 'ack overdue')).toEqual([told]);
    expect(h.chat.directMessages).toEqual([{ userId: 'U0ALICE', message: { text: told } }]);
    expect(h.oncall.escalations).toEqual([{ externalId: 'P1', level: 2 }]);
    expect(h.oncall.byId('P1')?.level).toBe(2);
    expect(await h.store.timeline.findByKey('act:page-escalated:P1:2')).toMatchObject({ kind: 'page_escalated', data: { from: 1, to: 2 } });
    expect(await h.store.timeline.findByKey('act:ack-overdue:P1:1')).toMatchObject({ kind: 'bot_action', text: 'Nobody acknowledged the page within 5 min (level 1)' });
    expect(h.chat.callsTo('invite')).toEqual([[h.channelId, ['U0SECOND']]]);
    const pending = await h.store.jobs.listPending('oncall-ack:1:');
    expect(pending.map((j) => [j.key, j.runAt, j.payload.level, j.payload.escalations])).toEqual([['oncall-ack:1:SEV1:2', new Date('2026-03-02T14:10:00Z'), 2, 1]]);
  });

  it('goes level by level and stops after the last level known from who is on call', async () => {
    const h = await declaredSev1();
    for (let i = 0; i < 4; i++) {
      h.clock.advance({ minutes: 5 });
      await h.runJobs();
    }
    expect(h.oncall.escalations.map((e) => e.level)).toEqual([2, 3]);
    expect(h.posted(h.channelId, 'ack overdue')).toEqual([
      'ack overdue INC-1 level 1 (5 min) for <@U0ALICE>: escalated to level 2 (<@U0SECOND> (L2))',
      'ack overdue INC-1 level 2 (5 min) for <@U0ALICE>: escalated to level 3 (Nora NoSlack (L3))',
      'ack overdue INC-1 level 3 (5 min) for <@U0ALICE>: not escalated: level 3 is the last level of the escalation policy',
    ]);
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);
  });

  it('stops after three escalations, however deep the policy', async () => {
    const h = onCallHarness();
    const [first] = testOnCallSchedules().PEPCHECKOUT!;
    h.oncall.schedules.PEPCHECKOUT = [1, 2, 3, 4, 5, 6].map((level) => ({ ...first!, level, person: { id: `PU${level}`, name: `Level ${level}`, email: null } }));
    await h.incidents.declare({ title: 'Checkout returns 500', severity: 'SEV1', service: 'checkout' }, alice);
    for (let i = 0; i < 6; i++) {
      h.clock.advance({ minutes: 5 });
      await h.runJobs();
    }
    expect(h.oncall.escalations.map((e) => e.level)).toEqual([2, 3, 4]);
    expect(h.posted('C000001', 'ack overdue').at(-1)).toBe('ack overdue INC-1 level 4 (5 min) for <@U0ALICE>: not escalated: it was already escalated 3 times');
  });

  it('does nothing once the page was acknowledged before the deadline', async () => {
    const h = await declaredSev1();
    h.clock.advance({ minutes: 3 });
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.acknowledged'))).toBe('handled');
    h.clock.advance({ minutes: 2 });
    await h.runJobs();
    expect(h.oncall.escalations).toEqual([]);
    expect(h.posted(h.channelId, 'ack overdue')).toEqual([]);
    expect(h.chat.directMessages).toEqual([]);
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);
  });

  it('does nothing for a resolved incident or a severity that no longer pages', async () => {
    const resolved = await declaredSev1();
    await resolved.incidents.resolve(resolved.channelId, null, alice);
    expect(await resolved.store.jobs.listPending('oncall-ack:')).toEqual([]); // cancelled
    // Even a job that was already claimed finds nothing to do.
    await resolved.store.jobs.schedule({ kind: 'oncall.ack-deadline', key: 'oncall-ack:1:SEV1:9', runAt: resolved.clock.now(), payload: { incidentId: 1, severity: 'SEV1', level: 1, escalations: 0, externalId: 'P1', escalationPolicyId: null } });
    resolved.clock.advance({ minutes: 5 });
    expect(await resolved.runJobs()).toBe(1);
    expect(resolved.oncall.escalations).toEqual([]);

    const lowered = await declaredSev1();
    await lowered.incidents.changeSeverity(lowered.channelId, 'SEV4', alice);
    lowered.clock.advance({ minutes: 5 });
    await lowered.runJobs();
    expect(lowered.oncall.escalations).toEqual([]);
    expect(lowered.posted(lowered.channelId, 'ack overdue')).toEqual([]);
  });

  it('a failing escalation is told and recorded, and plans no further deadline', async () => {
    const h = await declaredSev1();
    h.oncall.failOn('escalate', '400 Bad Request');
    h.clock.advance({ minutes: 5 });
    await h.runJobs();
    const problem = 'Could not escalate the page to level 2: pagerduty escalate failed: 400 Bad Request';
    expect(h.posted(h.channelId, 'ack overdue')).toEqual([`ack overdue INC-1 level 1 (5 min) for <@U0ALICE>: not escalated: ${problem}`]);
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem').map((e) => e.text)).toEqual([problem]);
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);
  });

  it('a job that runs twice tells people once', async () => {
    const h = await declaredSev1();
    const [job] = await h.store.jobs.listPending('oncall-ack:1:');
    h.clock.advance({ minutes: 5 });
    await h.runJobs();
    await createAckDeadlineHandler(h.deps)({ ...job!, attempts: 2 });
    expect(h.posted(h.channelId, 'ack overdue')).toHaveLength(1);
    expect(h.chat.directMessages).toHaveLength(1);
    expect(h.oncall.escalations).toHaveLength(1);
  });
});
