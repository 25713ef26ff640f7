import { describe, expect, it } from 'vitest';
import { alice, onCallHarness } from './oncall-setup.js';

async function declared(severity: string) {
  const h = onCallHarness();
  const { incident } = await h.incidents.declare({ title: 'Checkout returns 500', severity, service: 'checkout' }, alice);
  h.chat.calls.length = 0;
  h.oncall.lookups.length = 0;
  return { ...h, incident, channelId: incident.channelId! };
}

describe('severity raised', () => {
  it('SEV3 → SEV1: urgency high, the whole policy invited, noted, and a deadline planned; no second page', async () => {
    const h = await declared('SEV3');
    h.clock.advance({ minutes: 10 });
    const result = await h.incidents.changeSeverity(h.channelId, 'SEV1', alice);
    expect(result).toMatchObject({ changed: true, direction: 'raised', problems: [] });

    expect(h.oncall.pages).toHaveLength(1);
    expect(h.oncall.urgencyChanges).toEqual([{ externalId: 'P1', urgency: 'high' }]);
    expect(h.oncall.byId('P1')?.urgency).toBe('high');
    expect(h.oncall.lookups).toEqual([{ escalationPolicyId: 'PEPCHECKOUT' }]);
    expect(h.chat.callsTo('invite')).toEqual([[h.channelId, ['U0PRIMARY', 'U0SECOND']]]);
    expect(await h.store.timeline.findByKey('act:page-urgency:P1:high')).toMatchObject({ kind: 'bot_action', actor: 'U0ALICE', text: 'Raised the on-call urgency to high for SEV1' });
    expect(await h.store.timeline.findByKey('act:page-responders:P1:SEV1')).toMatchObject({
      kind: 'bot_action',
      text: 'On-call for SEV1 invited: Priya Primary (level 1), Sam Second (level 2), Nora NoSlack (level 3)',
      data: { invited: ['U0PRIMARY', 'U0SECOND'] },
    });
    expect((await h.store.jobs.listPending('oncall-ack:1:')).map((j) => [j.key, j.runAt])).toEqual([['oncall-ack:1:SEV1:1', new Date('2026-03-02T14:15:00Z')]]);
  });

  it('SEV2 → SEV1: already high, so only the responders follow', async () => {
    const h = await declared('SEV2');
    await h.incidents.changeSeverity(h.channelId, 'SEV1', alice);
    expect(h.oncall.urgencyChanges).toEqual([]);
    expect(h.chat.channels.get(h.channelId)!.members).toContain('U0SECOND');
  });

  it('SEV4 → SEV2: nothing was paged, so it pages now, as on declare', async () => {
    const h = await declared('SEV4');
    await h.incidents.changeSeverity(h.channelId, 'SEV2', alice);
    expect(h.oncall.pages.map((p) => p.policy.name)).toEqual(['SEV2']);
    expect(h.posted(h.channelId, 'paged')).toEqual(['paged INC-1 SEV2 high: <@U0PRIMARY> (L1) | ack by 2026-03-02T14:15:00.000Z | https://pd.example/incidents/P1']);
    expect((await h.store.incidents.get(1))?.links.pagerdutyId).toBe('P1');
  });

  it('a failing urgency change is a problem of the raise, never a refusal', async () => {
    const h = await declared('SEV3');
    h.oncall.failOn('setUrgency', '500 Internal Server Error');
    const result = await h.incidents.changeSeverity(h.channelId, 'SEV1', alice);
    const problem = 'Could not raise the urgency of the on-call incident: pagerduty setUrgency failed: 500 Internal Server Error';
    expect(result.incident.severity).toBe('SEV1');
    expect(result.problems).toEqual([problem]);
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem').map((e) => e.text)).toEqual([problem]);
    expect(h.chat.channels.get(h.channelId)!.members).toContain('U0SECOND'); // the responders still came
  });

  it('a failing first page on a raise is reported with its Retry', async () => {
    const h = await declared('SEV4');
    h.oncall.failOn('pageForIncident', '503 Service Unavailable');
    const result = await h.incidents.changeSeverity(h.channelId, 'SEV1', alice);
    const reason = 'Could not page on-call for SEV1 (escalation_policy): pagerduty pageForIncident failed: 503 Service Unavailable';
    expect(result.problems).toEqual([reason]);
    expect(h.posted(h.channelId, 'page failed')).toEqual([`page failed INC-1 SEV1: ${reason} [retry 1]`]);
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem').map((e) => e.text)).toEqual([reason]);
  });
});

describe('severity lowered', () => {
  it('un-pages nobody; notes it on the timeline and on the on-call incident', async () => {
    const h = await declared('SEV1');
    const result = await h.incidents.changeSeverity(h.channelId, 'SEV3', alice);
    expect(result.problems).toEqual([]);
    expect(h.oncall.notes).toEqual([{ externalId: 'P1', text: 'Severity lowered from SEV1 to SEV3 in Warroom by alice@example.com. Nobody was un-paged.' }]);
    expect(h.oncall.urgencyChanges).toEqual([]);
    expect(h.oncall.resolved).toEqual([]);
    const note = (await h.store.timeline.list(1)).find((e) => e.data.action === 'page_note');
    expect(note).toMatchObject({ kind: 'bot_action', text: 'Severity lowered to SEV3: nobody was un-paged (noted on the on-call incident)' });
  });

  it('touches no on-call incident when nothing was paged', async () => {
    const h = onCallHarness();
    h.oncall.configured = false; // declared while paging was not set up
    const { incident } = await h.incidents.declare({ title: 'Checkout returns 500', severity: 'SEV1', service: 'checkout' }, alice);
    h.oncall.configured = true;
    const result = await h.incidents.changeSeverity(incident.channelId!, 'SEV3', alice);
    expect(result.problems).toEqual([]);
    expect(h.oncall.notes).toEqual([]);
    expect((await h.store.timeline.list(1)).some((e) => e.data.action === 'page_note')).toBe(false);
  });
});

describe('mitigated and resolved', () => {
  it('mitigation becomes a note on the on-call incident; resolution resolves it, once', async () => {
    const h = await declared('SEV1');
    await h.incidents.markMitigated(h.channelId, 'Rolled back 1.42', alice);
    expect(h.oncall.notes).toEqual([{ externalId: 'P1', text: 'Mitigated in Warroom by alice@example.com: Rolled back 1.42' }]);
    expect(await h.store.timeline.findByKey('act:page-note:P1:mitigated')).toMatchObject({ kind: 'bot_action' });

    await h.incidents.resolve(h.channelId, null, alice);
    expect(h.oncall.resolved).toEqual(['P1']);
    expect(h.oncall.byId('P1')?.status).toBe('resolved');
    expect(await h.store.timeline.findByKey('act:page-resolved:P1')).toMatchObject({ kind: 'page_resolved', actor: 'U0ALICE' });
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);
  });

  it('names the person by Slack id when Slack does not share their email', async () => {
    const h = await declared('SEV2');
    await h.incidents.assignRole(h.channelId, 'ic', 'U0BOB', alice);
    await h.incidents.markMitigated(h.channelId, null, { userId: 'U0BOB' });
    expect(h.oncall.notes).toEqual([{ externalId: 'P1', text: 'Mitigated in Warroom by Slack user U0BOB' }]);
  });

  it('a failing on-call call never blocks the state change', async () => {
    const h = await declared('SEV1');
    h.oncall.failOn('resolve', '500 Internal Server Error');
    const result = await h.incidents.resolve(h.channelId, 'Fixed', alice);
    const problem = 'Could not resolve the on-call incident: pagerduty resolve failed: 500 Internal Server Error';
    expect(result.incident.state).toBe('resolved');
    expect(result.problems).toEqual([problem]);
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem').map((e) => e.text)).toEqual([problem]);
    expect(await h.store.timeline.findByKey('act:page-resolved:P1')).toBeNull();
  });

  it('does not touch the on-call incident when the integration is no longer configured', async () => {
    const h = await declared('SEV1');
    h.oncall.configured = false;
    const result = await h.incidents.resolve(h.channelId, null, alice);
    expect(result.problems).toEqual([]);
    expect(h.oncall.resolved).toEqual([]);
  });
});
