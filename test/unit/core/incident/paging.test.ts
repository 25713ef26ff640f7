import { describe, expect, it } from 'vitest';
import { ONCALL_NOT_CONFIGURED_DETAIL } from '../../../support/fakes/fake-oncall.js';
import { alice, onCallHarness } from './oncall-setup.js';

const TITLE = 'Checkout returns 500';

describe('paging on declare', () => {
  it('SEV1 pages the service at high urgency, invites the whole escalation policy and says by when to acknowledge', async () => {
    const h = onCallHarness();
    const { incident, problems } = await h.incidents.declare({ title: TITLE, severity: 'SEV1', service: 'checkout' }, alice);
    const channelId = incident.channelId!;
    expect(problems).toEqual([]);

    expect(h.oncall.pages).toHaveLength(1);
    const [request] = h.oncall.pages;
    expect(request).toMatchObject({ policy: { name: 'SEV1', page: 'escalation_policy' }, service: { name: 'checkout', pagerDuty: { serviceId: 'PSVCCHECKOUT' } }, warRoomUrl: h.chat.channelUrl(channelId) });
    expect(h.oncall.incidents.get('warroom-1')).toMatchObject({ id: 'P1', urgency: 'high', serviceId: 'PSVCCHECKOUT' });
    expect(h.oncall.lookups).toEqual([{ escalationPolicyId: 'PEPCHECKOUT' }]);

    expect(incident.links).toEqual({ pagerduty: 'https://pd.example/incidents/P1', pagerdutyId: 'P1' });
    const members = h.chat.channels.get(channelId)!.members;
    expect(members).toEqual(expect.arrayContaining(['U0PRIMARY', 'U0SECOND']));
    expect(h.chat.callsTo('invite').at(-1)).toEqual([channelId, ['U0PRIMARY', 'U0SECOND']]);
    expect(h.chat.callsTo('lookupUserByEmail').map(([email]) => email)).toEqual(['priya@example.com', 'sam@example.com', 'nora@example.com']);

    // Nora has no Slack account: she is named, not mentioned. Deadline: declared 14:00 + 5 minutes.
    expect(h.posted(channelId, 'paged')).toEqual([
      'paged INC-1 SEV1 high: <@U0PRIMARY> (L1), <@U0SECOND> (L2), Nora NoSlack (L3) | ack by 2026-03-02T14:05:00.000Z | https://pd.example/incidents/P1',
    ]);
    expect(h.texts(channelId)[0]).toMatch(/^declaration/); // who was paged comes after the declaration

    const paged = await h.store.timeline.findByKey('act:paged:1:SEV1');
    expect(paged).toMatchObject({
      kind: 'paged',
      actor: 'U0ALICE',
      text: 'Paged on-call for SEV1 (high urgency): Priya Primary (level 1), Sam Second (level 2), Nora NoSlack (level 3) · https://pd.example/incidents/P1',
      data: { urgency: 'high', externalId: 'P1', link: 'https://pd.example/incidents/P1', escalationPolicyId: 'PEPCHECKOUT', announced: true },
    });
    expect((paged!.data.responders as unknown[]).length).toBe(3);

    const [job] = await h.store.jobs.listPending('oncall-ack:1:');
    expect(job).toMatchObject({
      kind: 'oncall.ack-deadline',
      key: 'oncall-ack:1:SEV1:1',
      runAt: new Date('2026-03-02T14:05:00Z'),
      payload: { incidentId: 1, severity: 'SEV1', level: 1, escalations: 0, externalId: 'P1', escalationPolicyId: 'PEPCHECKOUT' },
    });
  });

  it('SEV2 pages the primary only, with a 15-minute deadline; a service without its own policy uses the default one', async () => {
    const h = onCallHarness();
    const { incident } = await h.incidents.declare({ title: 'Card payments fail', severity: 'SEV2', service: 'payments' }, alice);
    expect(h.oncall.pages[0]).toMatchObject({ policy: { page: 'primary' }, service: { pagerDuty: { serviceId: 'PSVCPAYMENTS' } } });
    expect(h.oncall.incidents.get('warroom-1')?.urgency).toBe('high');
    expect(h.oncall.lookups).toEqual([{ escalationPolicyId: 'PEPDEFAULT', levels: [1] }]);
    expect(h.posted(incident.channelId!, 'paged')).toEqual(['paged INC-1 SEV2 high: <@U0DANA> (L1) | ack by 2026-03-02T14:15:00.000Z | https://pd.example/incidents/P1']);
    expect((await h.store.jobs.listPending('oncall-ack:1:')).map((j) => [j.key, j.runAt])).toEqual([['oncall-ack:1:SEV2:1', new Date('2026-03-02T14:15:00Z')]]);
  });

  it('SEV2 on the checkout service invites only level 1 of its policy', async () => {
    const h = onCallHarness();
    const { incident } = await h.incidents.declare({ title: TITLE, severity: 'SEV2', service: 'checkout' }, alice);
    expect(h.oncall.lookups).toEqual([{ escalationPolicyId: 'PEPCHECKOUT', levels: [1] }]);
    expect(h.chat.callsTo('invite').at(-1)).toEqual([incident.channelId, ['U0PRIMARY']]);
    expect(h.chat.channels.get(incident.channelId!)!.members).not.toContain('U0SECOND');
  });

  it('SEV3 pages at low urgency with no deadline', async () => {
    const h = onCallHarness();
    const { incident } = await h.incidents.declare({ title: 'Search is slow', severity: 'SEV3', service: 'checkout' }, alice);
    expect(h.oncall.incidents.get('warroom-1')?.urgency).toBe('low');
    expect(h.posted(incident.channelId!, 'paged')).toEqual(['paged INC-1 SEV3 low: <@U0PRIMARY> (L1) | ack by none | https://pd.example/incidents/P1']);
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);
  });

  it('SEV4 pages nobody', async () => {
    const h = onCallHarness();
    const { incident, problems } = await h.incidents.declare({ title: 'Typo on the status page', severity: 'SEV4', service: 'checkout' }, alice);
    expect(problems).toEqual([]);
    expect(h.oncall.pages).toEqual([]);
    expect(h.oncall.lookups).toEqual([]);
    expect(await h.store.timeline.findByKey('act:paged:1:SEV4')).toBeNull();
    expect(h.posted(incident.channelId!, 'paged')).toEqual([]);
    expect(incident.links).toEqual({});
  });

  it('a retried declaration never pages, invites on-call or posts twice', async () => {
    const h = onCallHarness();
    await h.incidents.declare({ title: TITLE, severity: 'SEV1', service: 'checkout' }, alice);
    h.clock.advance({ minutes: 2 });
    const again = await h.incidents.declare({ title: TITLE, severity: 'SEV1', service: 'checkout' }, alice);
    expect(again.created).toBe(false);
    expect(h.oncall.pages).toHaveLength(1);
    expect(h.oncall.lookups).toHaveLength(1);
    expect(h.posted(again.incident.channelId!, 'paged')).toHaveLength(1);
    expect(await h.store.jobs.listPending('oncall-ack:')).toHaveLength(1);
  });
});

describe('paging failures', () => {
  it('keeps the war room, posts the failure with a Retry instead of the generic problems line, and records it', async () => {
    const h = onCallHarness();
    h.oncall.failOn('pageForIncident', '503 Service Unavailable');
    const { incident, problems } = await h.incidents.declare({ title: TITLE, severity: 'SEV1', service: 'checkout' }, alice);
    const channelId = incident.channelId!;
    const reason = 'Could not page on-call for SEV1 (escalation_policy): pagerduty pageForIncident failed: 503 Service Unavailable';

    expect(problems).toEqual([reason]); // the declarer hears of it
    expect(h.texts(channelId)).toEqual([expect.stringMatching(/^declaration INC-1/), `page failed INC-1 SEV1: ${reason} [retry 1]`]);
    expect(h.chat.directMessages).toEqual([]); // no generic problems report
    expect(h.chat.messagesIn('C0ANNOUNCE')).toHaveLength(1);
    const events = await h.store.timeline.list(1);
    expect(events.map((e) => e.kind)).toEqual(['declared', 'integration_problem']);
    expect(events[1]).toMatchObject({ text: reason, data: { action: 'page', severity: 'SEV1' } });
    expect(incident.links).toEqual({});
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);
    expect(await h.store.jobs.listPending('reminder:1:')).toHaveLength(1); // the war room runs as usual
  });

  it('retries from the button once the on-call system is back, paging once', async () => {
    const h = onCallHarness();
    h.oncall.failOn('pageForIncident', '429 Too Many Requests', { times: 1 });
    const { incident } = await h.incidents.declare({ title: TITLE, severity: 'SEV2', service: 'checkout' }, alice);
    h.clock.advance({ minutes: 1 });

    const result = await h.incidents.retryPage(incident.id, alice);
    expect(result).toMatchObject({ changed: true, problems: [] });
    expect(result.incident.links).toEqual({ pagerduty: 'https://pd.example/incidents/P1', pagerdutyId: 'P1' });
    expect(h.oncall.pages).toHaveLength(2); // the failed call and the retry
    expect(h.oncall.incidents.size).toBe(1);
    expect(h.posted(incident.channelId!, 'paged')).toEqual(['paged INC-1 SEV2 high: <@U0PRIMARY> (L1) | ack by 2026-03-02T14:16:00.000Z | https://pd.example/incidents/P1']);
    expect((await h.store.jobs.listPending('oncall-ack:1:')).map((j) => j.runAt)).toEqual([new Date('2026-03-02T14:16:00Z')]);

    const again = await h.incidents.retryPage(incident.id, alice);
    expect(again).toMatchObject({ changed: false, reason: 'on-call was already paged for INC-1.' });
    expect(h.oncall.pages).toHaveLength(2);
  });

  it('reports a retry that fails again, and refuses people who may not change the incident', async () => {
    const h = onCallHarness();
    h.oncall.failOn('pageForIncident', '500 Internal Server Error');
    const { incident } = await h.incidents.declare({ title: TITLE, severity: 'SEV2', service: 'checkout' }, alice);
    const result = await h.incidents.retryPage(incident.id, alice);
    expect(result.changed).toBe(false);
    expect(result.reason).toBe('Could not page on-call for SEV2 (primary): pagerduty pageForIncident failed: 500 Internal Server Error');
    expect(h.posted(incident.channelId!, 'page failed')).toHaveLength(2);
    await expect(h.incidents.retryPage(incident.id, { userId: 'U0STRANGER' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a failed on-call lookup after a page that went out: reported with Retry, which finishes without paging again', async () => {
    const h = onCallHarness();
    h.oncall.failOn('whoIsOnCall', '502 Bad Gateway', { times: 1 });
    const { incident, problems } = await h.incidents.declare({ title: TITLE, severity: 'SEV1', service: 'checkout' }, alice);
    const channelId = incident.channelId!;
    const reason = 'On-call was paged for SEV1, but who is on call could not be looked up: pagerduty whoIsOnCall failed: 502 Bad Gateway';
    expect(problems).toEqual([reason]);
    expect(h.posted(channelId, 'page failed')).toEqual([`page failed INC-1 SEV1: ${reason} [retry 1]`]);
    expect(await h.store.timeline.findByKey('act:paged:1:SEV1')).toMatchObject({ kind: 'paged', data: { responders: null, announced: false } });
    expect(await h.store.jobs.listPending('oncall-ack:1:')).toHaveLength(1); // the page is out: its deadline runs

    const retry = await h.incidents.retryPage(incident.id, alice);
    expect(retry.changed).toBe(true);
    expect(h.oncall.pages).toHaveLength(1);
    expect(h.chat.channels.get(channelId)!.members).toEqual(expect.arrayContaining(['U0PRIMARY', 'U0SECOND']));
    expect(h.posted(channelId, 'paged')).toEqual([
      'paged INC-1 SEV1 high: <@U0PRIMARY> (L1), <@U0SECOND> (L2), Nora NoSlack (L3) | ack by 2026-03-02T14:05:00.000Z | https://pd.example/incidents/P1',
    ]);
    expect(await h.store.timeline.findByKey('act:page-notified:1:SEV1')).toMatchObject({ kind: 'bot_action' });
    expect((await h.incidents.retryPage(incident.id, alice)).changed).toBe(false);
  });

  it('Retry changes nothing where there is nothing to retry', async () => {
    const h = onCallHarness();
    h.oncall.configured = false;
    const { incident } = await h.incidents.declare({ title: TITLE, severity: 'SEV1', service: 'checkout' }, alice);
    expect(await h.incidents.retryPage(incident.id, alice)).toMatchObject({ changed: false, reason: ONCALL_NOT_CONFIGURED_DETAIL });
    h.oncall.configured = true;
    expect(await h.incidents.retryPage(incident.id, alice)).toMatchObject({ changed: false, reason: 'paging was not set up when INC-1 was declared; page by hand with `/incident page`.' });
    await h.incidents.resolve(incident.channelId!, null, alice);
    expect(await h.incidents.retryPage(incident.id, alice)).toMatchObject({ changed: false, reason: 'INC-1 is resolved; nobody needs paging any more.' });
    await expect(h.incidents.retryPage(99, alice)).rejects.toMatchObject({ code: 'INCIDENT_NOT_FOUND' });
    expect(h.oncall.pages).toEqual([]);
  });

  it('without a war room channel, tells the declarer about the failed page directly', async () => {
    const h = onCallHarness();
    h.chat.failOn('createChannel', 'restricted_action');
    h.oncall.failOn('pageForIncident', '500 Internal Server Error');
    await h.incidents.declare({ title: TITLE, severity: 'SEV2' }, alice);
    expect(h.chat.directMessages.map((d) => d.message.text)).toEqual([
      'page failed INC-1 SEV2: Could not page on-call for SEV2 (primary): pagerduty pageForIncident failed: 500 Internal Server Error [retry 1]',
      'problems INC-1: Could not create the incident channel: slack conversations.create failed: restricted_action',
    ]);
  });
});
