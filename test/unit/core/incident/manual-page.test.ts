import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../../src/core/errors.js';
import { decodeDeclareValue, DECLARE_VALUE_MAX, encodeDeclareValue } from '../../../../src/core/incident/declare-from-page.js';
import { rejection } from './declared.js';
import { alice, bob, onCallHarness } from './oncall-setup.js';

async function declaredSev2() {
  const h = onCallHarness();
  const { incident } = await h.incidents.declare({ title: 'Checkout returns 500', severity: 'SEV2', service: 'checkout' }, alice);
  h.chat.calls.length = 0;
  return { ...h, incident, channelId: incident.channelId! };
}

const sam = { kind: 'user' as const, email: 'sam@example.com' };

describe('/incident page in a war room', () => {
  it('pages the person for this incident, records it, invites them and says so', async () => {
    const h = await declaredSev2();
    const result = await h.incidents.page(h.channelId, sam, 'Need a DB expert', bob);

    expect(h.oncall.manualPages).toEqual([
      {
        target: sam,
        title: 'INC-1: Checkout returns 500',
        message: 'Need a DB expert',
        dedupKey: 'warroom-1-manual-user-sam@example.com',
        incident: expect.objectContaining({ id: 1 }),
        warRoomUrl: h.chat.channelUrl(h.channelId),
      },
    ]);
    expect(result).toMatchObject({ incident: { id: 1 }, outcome: { externalId: 'PM1' }, invited: ['U0SECOND'], responders: [{ name: 'sam@example.com', slackUserId: 'U0SECOND', level: null }] });
    expect(h.chat.callsTo('invite')).toEqual([[h.channelId, ['U0SECOND']]]);
    expect(await h.store.timeline.findByKey('act:manual-page:1:PM1')).toMatchObject({
      kind: 'paged',
      actor: 'U0BOB',
      text: 'Paged sam@example.com by hand: Need a DB expert · https://pd.example/incidents/PM1',
      data: { manual: true, externalId: 'PM1' },
    });
    expect(h.posted(h.channelId, 'paged')).toEqual([
      'paged INC-1 SEV2 high: <@U0PRIMARY> (L1) | ack by 2026-03-02T14:15:00.000Z | https://pd.example/incidents/P1',
      'paged INC-1 by <@U0BOB> high: <@U0SECOND> | ack by none | https://pd.example/incidents/PM1',
    ]);
  });

  it('a repeated page lands on the same on-call incident, with one timeline event and one message', async () => {
    const h = await declaredSev2();
    await h.incidents.page(h.channelId, sam, null, bob);
    await h.incidents.page(h.channelId, { kind: 'user', email: 'SAM@example.com' }, null, bob);
    expect(h.oncall.manualPages.map((p) => p.dedupKey)).toEqual(['warroom-1-manual-user-sam@example.com', 'warroom-1-manual-user-sam@example.com']);
    expect(h.oncall.incidents.size).toBe(2); // the war room's page and this one
    expect((await h.store.timeline.list(1)).filter((e) => e.data.manual === true)).toHaveLength(1);
    expect(h.posted(h.channelId, 'paged INC-1 by')).toHaveLength(1);
  });

  it('a service target brings its primary into the war room; a person without Slack is only named', async () => {
    const h = await declaredSev2();
    const service = await h.incidents.page(h.channelId, { kind: 'service', name: 'checkout' }, null, bob);
    expect(service.responders.map((r) => r.slackUserId)).toEqual(['U0PRIMARY']);
    expect(h.oncall.lookups.at(-1)).toEqual({ escalationPolicyId: 'PEPCHECKOUT', levels: [1] });
    const nora = await h.incidents.page(h.channelId, { kind: 'user', email: 'nora@example.com' }, null, bob);
    expect(nora).toMatchObject({ invited: [], responders: [{ name: 'nora@example.com', slackUserId: null }] });
  });

  it('a private incident keeps its title out of the page', async () => {
    const h = onCallHarness();
    const { incident } = await h.incidents.declare({ title: 'Payroll leak', severity: 'SEV4', isPrivate: true }, alice);
    await h.incidents.page(incident.channelId!, sam, null, alice);
    expect(h.oncall.manualPages[0]?.title).toBe('Private incident INC-1');
  });

  it('a failed page is an error for the person who asked and a problem on the timeline', async () => {
    const h = await declaredSev2();
    h.oncall.failOn('pageTarget', '400 User not found');
    const err = await rejection(h.incidents.page(h.channelId, sam, null, bob));
    expect(isDomainError(err, 'INTEGRATION_FAILED')).toBe(true);
    expect(err.message).toBe('Could not page sam@example.com: pagerduty pageTarget failed: 400 User not found. Try again; the same page is not sent twice.');
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'integration_problem').map((e) => e.text)).toEqual([
      'Could not page sam@example.com: pagerduty pageTarget failed: 400 User not found',
    ]);
  });
});

describe('/incident page elsewhere', () => {
  it('pages with the message as title and a dedup key from the target, and returns the outcome', async () => {
    const h = onCallHarness();
    const result = await h.incidents.page('C0RANDOM', { kind: 'escalation_policy', idOrName: 'Database Team' }, 'Replica lag above 5 min', bob);
    expect(h.oncall.manualPages).toEqual([
      { target: { kind: 'escalation_policy', idOrName: 'Database Team' }, title: 'Replica lag above 5 min', message: null, dedupKey: 'warroom-manual-policy-database-team', incident: null, warRoomUrl: null },
    ]);
    expect(result).toMatchObject({ incident: null, invited: [], outcome: { paged: true, externalId: 'PM1', link: 'https://pd.example/incidents/PM1' } });
    expect(h.chat.messages).toEqual([]);
  });

  it('asks for a message, and says when paging is not configured', async () => {
    const h = onCallHarness();
    const missing = await h.incidents.page('C0RANDOM', sam, '  ', bob).catch((e: unknown) => e);
    expect(isDomainError(missing, 'BAD_INPUT')).toBe(true);
    h.oncall.configured = false;
    const off = await h.incidents.page('C0RANDOM', sam, 'Help', bob).catch((e: unknown) => e);
    expect(isDomainError(off, 'INTEGRATION_NOT_CONFIGURED')).toBe(true);
    expect(h.oncall.manualPages).toEqual([]);
  });
});

describe('/incident oncall', () => {
  it('lists who is on call for the service, per level, with their Slack accounts', async () => {
    const h = onCallHarness();
    const result = await h.incidents.onCall('Checkout');
    expect(result.service).toBe('checkout');
    expect(result.policyId).toBe('PEPCHECKOUT');
    expect(result.entries.map((e) => [e.level, e.person.name, e.slackUserId, e.until])).toEqual([
      [1, 'Priya Primary', 'U0PRIMARY', new Date('2026-03-02T18:00:00Z')],
      [2, 'Sam Second', 'U0SECOND', new Date('2026-03-02T18:00:00Z')],
      [3, 'Nora NoSlack', null, new Date('2026-03-02T18:00:00Z')],
    ]);
    expect(h.oncall.lookups).toEqual([{ escalationPolicyId: 'PEPCHECKOUT' }]);
  });

  it('uses the default escalation policy without a service, and refuses when there is none', async () => {
    const h = onCallHarness();
    expect(await h.incidents.onCall(null)).toMatchObject({ service: null, policyId: 'PEPDEFAULT', entries: [{ person: { name: 'Dana Default' }, slackUserId: 'U0DANA' }] });
    h.oncall.defaultPolicyId = null;
    const none = await rejection(h.incidents.onCall('search'));
    expect(isDomainError(none, 'INTEGRATION_NOT_CONFIGURED')).toBe(true);
    expect(none.message).toContain('search has no escalation policy');
    expect(isDomainError(await h.incidents.onCall('chekout').catch((e: unknown) => e), 'UNKNOWN_SERVICE')).toBe(true);
  });

  it('turns a failed lookup into a message for the person who asked', async () => {
    const h = onCallHarness();
    h.oncall.failOn('whoIsOnCall', '401 Unauthorized');
    const err = await rejection(h.incidents.onCall('checkout'));
    expect(isDomainError(err, 'INTEGRATION_FAILED')).toBe(true);
    expect(err.message).toBe('Could not look up who is on call: pagerduty whoIsOnCall failed: 401 Unauthorized');
  });
});

describe('the "Declare war room" button value', () => {
  it('round-trips, and shortens a huge title to stay within 2000 characters', () => {
    const source = { externalId: 'PEXT1', number: 7, title: 'Checkout "p99" ✨ above 2s', service: 'checkout', urgency: 'high' as const, link: 'https://pd.example/incidents/PEXT1' };
    expect(decodeDeclareValue(encodeDeclareValue(source))).toEqual(source);
    const huge = { ...source, title: `${'"quoted" 🔥 '.repeat(400)}end` };
    const value = encodeDeclareValue(huge);
    expect(value.length).toBeLessThanOrEqual(DECLARE_VALUE_MAX);
    const decoded = decodeDeclareValue(value);
    expect(decoded.title.endsWith('…')).toBe(true);
    expect(huge.title.startsWith(decoded.title.slice(0, -1))).toBe(true);
    expect(decoded.externalId).toBe('PEXT1');
  });
});
