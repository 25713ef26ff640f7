import { describe, expect, it } from 'vitest';
import { decodeDeclareValue } from '../../../../src/core/incident/declare-from-page.js';
import { isDomainError } from '../../../../src/core/errors.js';
import { BOT_USER_ID } from '../../../support/fakes/incident-harness.js';
import { alice, bob, onCallHarness, webhookEvent } from './oncall-setup.js';

/** A page triggered in PagerDuty, not by Warroom: no incident key of ours. */
const outsidePage = (overrides: Parameters<typeof webhookEvent>[1] = {}) =>
  webhookEvent('incident.triggered', { id: 'PEXT1', number: 77, title: 'Checkout p99 above 2s', incidentKey: 'alert-7f3a', htmlUrl: 'https://pd.example/incidents/PEXT1', ...overrides });

async function declaredSev1() {
  const h = onCallHarness();
  const { incident } = await h.incidents.declare({ title: 'Checkout returns 500', severity: 'SEV1', service: 'checkout' }, alice);
  return { ...h, incident, channelId: incident.channelId! };
}

describe('on-call webhooks: delivery', () => {
  it('a redelivered event is a duplicate with no second effect', async () => {
    const h = await declaredSev1();
    const event = webhookEvent('incident.acknowledged');
    expect(await h.incidents.handleOnCallWebhook(event)).toBe('handled');
    expect(await h.incidents.handleOnCallWebhook(structuredClone(event))).toBe('duplicate');
    expect(h.posted(h.channelId, 'page acknowledged')).toHaveLength(1);
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'page_acknowledged')).toHaveLength(1);
  });

  it('forgets a delivery whose handling failed, so the redelivery is handled', async () => {
    const h = onCallHarness({ settings: { announceChannel: 'C0ANNOUNCE' } });
    const event = outsidePage();
    h.chat.failOn('postMessage', 'ratelimited', { times: 1 });
    await expect(h.incidents.handleOnCallWebhook(event)).rejects.toThrow(/ratelimited/);
    expect(await h.incidents.handleOnCallWebhook(structuredClone(event))).toBe('handled');
    expect(await h.incidents.handleOnCallWebhook(structuredClone(event))).toBe('duplicate');
  });

  it('ignores unknown types, events without an incident, and pages that belong to no war room', async () => {
    const h = await declaredSev1();
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.priority_updated'))).toBe('ignored');
    expect(await h.incidents.handleOnCallWebhook({ ...webhookEvent('incident.acknowledged'), incident: null })).toBe('ignored');
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.acknowledged', { id: 'POTHER', incidentKey: null }))).toBe('ignored');
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.acknowledged', { incidentKey: 'warroom-99' }))).toBe('ignored');
    expect((await h.store.timeline.list(1)).some((e) => e.kind === 'page_acknowledged')).toBe(false);
  });
});

describe('incident.triggered', () => {
  it('ignores our own pages and pages of services Warroom does not know', async () => {
    const h = onCallHarness();
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.triggered'))).toBe('ignored');
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.triggered', { incidentKey: 'warroom-manual-user-priya@example.com' }))).toBe('ignored');
    expect(await h.incidents.handleOnCallWebhook(outsidePage({ serviceId: 'PUNKNOWN' }))).toBe('ignored');
    expect(await h.incidents.handleOnCallWebhook(outsidePage({ serviceId: null }))).toBe('ignored');
    expect(h.chat.messages).toEqual([]);
    expect(h.store.incidents.all()).toEqual([]);
  });

  it('offers a war room in the announce channel; the button declares one linked to the page, without a second page', async () => {
    const h = onCallHarness();
    expect(await h.incidents.handleOnCallWebhook(outsidePage())).toBe('handled');
    const [offer] = h.texts('C0ANNOUNCE');
    const value = /\[declare (.*)\]$/.exec(offer!)![1]!;
    expect(offer).toMatch(/^page triggered on checkout \(high\): Checkout p99 above 2s #77 /);
    expect(decodeDeclareValue(value)).toEqual({ externalId: 'PEXT1', number: 77, title: 'Checkout p99 above 2s', service: 'checkout', urgency: 'high', link: 'https://pd.example/incidents/PEXT1' });
    expect(h.store.incidents.all()).toEqual([]);

    const { incident, created } = await h.incidents.declareFromPage(value, bob);
    expect(created).toBe(true);
    expect(incident).toMatchObject({ title: 'Checkout p99 above 2s', severity: 'SEV2', service: 'checkout', declaredBy: 'U0BOB', roles: { commander: 'U0BOB' } });
    expect(incident.links).toEqual({ pagerduty: 'https://pd.example/incidents/PEXT1', pagerdutyId: 'PEXT1' });
    expect(h.oncall.pages).toEqual([]);
    expect(await h.store.timeline.findByKey('act:paged:1:SEV2')).toMatchObject({ kind: 'paged', data: { linked: true, externalId: 'PEXT1' } });
    // On-call joins the war room; the on-call system escalates its own page, so Warroom plans no deadline.
    expect(h.chat.channels.get(incident.channelId!)!.members).toContain('U0PRIMARY');
    expect(h.posted(incident.channelId!, 'paged')).toEqual(['paged INC-1 SEV2 unknown: <@U0PRIMARY> (L1) | ack by none | https://pd.example/incidents/PEXT1']);
    expect(await h.store.jobs.listPending('oncall-ack:')).toEqual([]);

    const second = await h.incidents.declareFromPage(value, alice);
    expect(second).toMatchObject({ created: false, incident: { id: 1 } });
    expect(h.store.incidents.all()).toHaveLength(1);
  });

  it('declares at once for a high-urgency page when configured so, by the bot and with nobody commanding yet', async () => {
    const h = onCallHarness({ settings: { onCallTriggers: { autoDeclareHighUrgency: true, severity: 'SEV1' } } });
    expect(await h.incidents.handleOnCallWebhook(outsidePage())).toBe('handled');
    const [incident] = h.store.incidents.all();
    expect(incident).toMatchObject({ title: 'Checkout p99 above 2s', severity: 'SEV1', service: 'checkout', declaredBy: BOT_USER_ID, roles: {}, links: { pagerdutyId: 'PEXT1' } });
    expect(h.oncall.pages).toEqual([]);
    expect(h.chat.directMessages).toEqual([]);
    expect(h.chat.channels.get(incident!.channelId!)!.members).toEqual(expect.arrayContaining(['U0PRIMARY', 'U0SECOND']));
    expect(h.chat.channels.get(incident!.channelId!)!.members).not.toContain(BOT_USER_ID);

    // A low-urgency page is only offered.
    expect(await h.incidents.handleOnCallWebhook(outsidePage({ id: 'PEXT2', urgency: 'low' }))).toBe('handled');
    expect(h.store.incidents.all()).toHaveLength(1);
    expect(h.posted('C0ANNOUNCE', 'page triggered')).toHaveLength(1);
    // The same page triggered again (a new event id) finds its war room.
    expect(await h.incidents.handleOnCallWebhook(outsidePage())).toBe('ignored');
  });

  it('refuses a button value it cannot read', async () => {
    const h = onCallHarness();
    const err = await h.incidents.declareFromPage('{"nope":1}', bob).catch((e: unknown) => e);
    expect(isDomainError(err, 'BAD_INPUT')).toBe(true);
    expect(h.store.incidents.all()).toEqual([]);
  });
});

describe('incident.acknowledged', () => {
  it('records the acknowledgement at the event time, by the agent, once per on-call incident, and says so', async () => {
    const h = await declaredSev1();
    h.clock.advance({ minutes: 4 });
    const at = new Date('2026-03-02T14:02:30Z');
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.acknowledged', {}, { occurredAt: at }))).toBe('handled');
    const [ack] = (await h.store.timeline.list(1)).filter((e) => e.kind === 'page_acknowledged');
    expect(ack).toMatchObject({ key: 'act:page-ack:P1', occurredAt: at, actor: 'Priya Primary', text: 'Acknowledged the page', data: { externalId: 'P1', afterMs: 150_000, slackUserId: 'U0PRIMARY' } });
    expect(h.posted(h.channelId, 'page acknowledged')).toEqual(['page acknowledged INC-1 by <@U0PRIMARY> at 2026-03-02T14:02:30.000Z after 150000ms']);

    // A second acknowledgement (after a re-trigger) keeps the first time.
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.acknowledged', {}, { occurredAt: new Date('2026-03-02T14:09:00Z') }))).toBe('handled');
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'page_acknowledged')).toHaveLength(1);
    expect(h.posted(h.channelId, 'page acknowledged')).toHaveLength(1);
  });

  it('finds a war room declared from a page by its link, and takes an email when the agent has no name', async () => {
    const h = onCallHarness();
    await h.incidents.handleOnCallWebhook(outsidePage());
    const value = /\[declare (.*)\]$/.exec(h.texts('C0ANNOUNCE')[0]!)![1]!;
    const { incident } = await h.incidents.declareFromPage(value, bob);
    const event = webhookEvent('incident.acknowledged', { id: 'PEXT1', incidentKey: 'alert-7f3a' }, { agent: { id: 'PUX', name: '', email: 'nobody@example.com' } });
    expect(await h.incidents.handleOnCallWebhook(event)).toBe('handled');
    const ack = await h.store.timeline.findByKey('act:page-ack:PEXT1');
    expect(ack).toMatchObject({ incidentId: incident.id, actor: 'nobody@example.com', data: { slackUserId: null } });
  });
});

describe('incident.resolved', () => {
  it('notes it and asks the commander whether to resolve the open war room', async () => {
    const h = await declaredSev1();
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.resolved'))).toBe('handled');
    expect(await h.store.timeline.findByKey('act:page-resolved:P1')).toMatchObject({ kind: 'page_resolved', actor: 'Priya Primary', data: { source: 'oncall' } });
    expect(h.posted(h.channelId, 'page resolved')).toEqual(['page resolved INC-1 by <@U0PRIMARY>: resolve? <@U0ALICE> [resolve 1]']);
    expect((await h.store.incidents.get(1))?.state).toBe('investigating'); // asked, not done
  });

  it('asks nobody when the war room was resolved first (its resolution already resolved the page)', async () => {
    const h = await declaredSev1();
    await h.incidents.resolve(h.channelId, null, alice);
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.resolved'))).toBe('handled');
    expect(h.posted(h.channelId, 'page resolved')).toEqual([]);
    expect((await h.store.timeline.list(1)).filter((e) => e.kind === 'page_resolved')).toHaveLength(1);
  });

  it('notes a resolved manual page without asking to resolve the war room', async () => {
    const h = await declaredSev1();
    expect(await h.incidents.handleOnCallWebhook(webhookEvent('incident.resolved', { id: 'PM1', incidentKey: 'warroom-1-manual-user-sam@example.com' }))).toBe('handled');
    expect(await h.store.timeline.findByKey('act:page-resolved:PM1')).toMatchObject({ incidentId: 1 });
    expect(h.posted(h.channelId, 'page resolved')).toEqual([]);
  });
});
