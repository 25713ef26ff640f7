/**
 * PagerDuty end to end: the real Bolt app over signed HTTP, the fake Slack, and PagerDuty's REST API answered by nock
 * with fixtures shaped like its published schema; webhooks signed as PagerDuty signs them.
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startHarness, type Harness } from '../support/e2e-harness.js';
import { fixture, incidentAnswer, webhookFixtureText } from '../support/pagerduty/fixtures.js';
import { PD_API_URL, PD_FROM, PD_TOKEN } from '../support/pagerduty/nock-pagerduty.js';

const WEBHOOK_SECRET = 'pd-webhook-secret-for-tests';
const PD_INCIDENT = 'PT4KHLK';

/** The on-call answer: Dave is primary, Mallory and an engineer without Slack are secondary. */
function oncallsAnswer() {
  const page = fixture<{ oncalls: { escalation_level: number; user: Record<string, unknown> }[] }>('oncalls-page-1.200.json');
  const [secondary, primary] = page.oncalls as [(typeof page.oncalls)[0], (typeof page.oncalls)[0]];
  const person = (entry: typeof primary, name: string, email: string, id: string) => ({ ...entry, user: { ...entry.user, id, name, summary: name, email } });
  return {
    ...page,
    more: false,
    oncalls: [person(primary, 'Dave', 'dave@example.com', 'PUSRDAV'), person(secondary, 'Mallory', 'mallory@example.com', 'PUSRMAL'), person(secondary, 'Grace Hopper', 'grace@example.com', 'PUSRGRA')],
  };
}

function signedWebhook(h: Harness, body: string, signature?: string) {
  const valid = `v1=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
  return fetch(`${h.url}/webhooks/pagerduty`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-pagerduty-signature': signature ?? `v1=deadbeef,${valid}` }, body });
}

function webhookBody(name: string, changes: { id: string; incidentKey: string }): string {
  const doc = JSON.parse(webhookFixtureText(name)) as { event: { id: string; data: Record<string, unknown> } };
  doc.event.id = changes.id;
  doc.event.data = { ...doc.event.data, id: PD_INCIDENT, incident_key: changes.incidentKey };
  return JSON.stringify(doc);
}

describe('PagerDuty end to end', () => {
  let h: Harness;
  let roomId: string;
  const requests: { method: string; path: string; body: unknown }[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    h = await startHarness({
      env: { PAGERDUTY_TOKEN: PD_TOKEN, PAGERDUTY_FROM: PD_FROM, PAGERDUTY_WEBHOOK_SECRET: WEBHOOK_SECRET },
      checkoutExtra: '    pagerduty: { service_id: PSVC001, escalation_policy_id: PEP0001 }\n',
    });
  });
  afterEach(() => {
    expect(nock.pendingMocks(), 'PagerDuty calls expected but not made').toEqual([]);
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await h?.close();
  });

  it('declaring SEV1 pages the service at high urgency with the dedup key, invites on-call by email, and says by when to acknowledge', async () => {
    nock(PD_API_URL, { reqheaders: { authorization: `Token token=${PD_TOKEN}`, from: PD_FROM } })
      .post('/incidents', (body) => {
        requests.push({ method: 'POST', path: '/incidents', body });
        return true;
      })
      .reply(201, incidentAnswer({ incident_key: 'warroom-1' }));
    nock(PD_API_URL).get('/oncalls').query(true).reply(200, oncallsAnswer());

    const reply = await h.slack.slashCommand({ text: 'declare Checkout is down --sev SEV1 --service checkout', userId: PEOPLE.alice, channelId: h.general });
    expect(reply.status).toBe(200);
    await h.settle();

    const created = requests.find((r) => r.path === '/incidents')?.body as { incident: Record<string, unknown> };
    expect(created.incident).toMatchObject({ urgency: 'high', incident_key: 'warroom-1', service: { id: 'PSVC001', type: 'service_reference' } });
    const [incident] = await h.deps.store.incidents.listOpen();
    roomId = incident?.channelId as string;
    expect(incident?.links).toMatchObject({ pagerduty: expect.stringContaining(PD_INCIDENT), pagerdutyId: PD_INCIDENT });
    expect(h.fake.workspace.channel(roomId)?.members).toEqual(expect.arrayContaining([PEOPLE.dave, PEOPLE.mallory]));
    const paged = h.fake.workspace.messages(roomId).find((m) => JSON.stringify(m).includes(`<@${PEOPLE.dave}>`) && /acknowledge/i.test(JSON.stringify(m)));
    expect(paged).toBeDefined();
    expect(JSON.stringify(paged)).toContain('Grace Hopper'); // paged, but not in Slack: named
    const kinds = (await h.deps.store.timeline.list(incident?.id as number)).map((e) => e.kind);
    expect(kinds).toContain('paged');
    expect(await h.deps.store.jobs.listPending('')).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'oncall.ack-deadline' })]));
  });

  it('records the acknowledgement from a signed webhook once, and rejects unsigned or altered deliveries', async () => {
    const body = webhookBody('incident-acknowledged.json', { id: 'EVACK0001', incidentKey: 'warroom-1' });
    expect((await signedWebhook(h, body, 'v1=00')).status).toBe(401);
    expect((await signedWebhook(h, body.replace('Ada', 'Eve'), `v1=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`)).status).toBe(401);
    const unsigned = await fetch(`${h.url}/webhooks/pagerduty`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const [incident] = await h.deps.store.incidents.listOpen();
    expect((await h.deps.store.timeline.list(incident?.id as number)).some((e) => e.kind === 'page_acknowledged')).toBe(false);

    const first = await signedWebhook(h, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ result: 'handled' });
    const again = await signedWebhook(h, body);
    expect(await again.json()).toEqual({ result: 'duplicate' });
    const acks = (await h.deps.store.timeline.list(incident?.id as number)).filter((e) => e.kind === 'page_acknowledged');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.occurredAt.toISOString()).toBe('2026-03-02T14:03:00.118Z');

    expect((await signedWebhook(h, '{"not":"an event"}', `v1=${createHmac('sha256', WEBHOOK_SECRET).update('{"not":"an event"}').digest('hex')}`)).status).toBe(400);
  });

  it('notes mitigation on the PagerDuty incident and resolves it when the war room resolves', async () => {
    nock(PD_API_URL).post(`/incidents/${PD_INCIDENT}/notes`, (body) => {
      requests.push({ method: 'POST', path: 'notes', body });
      return true;
    }).reply(201, fixture('create-note.200.json'));
    nock(PD_API_URL).put(`/incidents/${PD_INCIDENT}`, (body) => {
      requests.push({ method: 'PUT', path: 'incident', body });
      return true;
    }).reply(200, fixture('update-incident.200.json'));

    for (const text of ['mitigated Rolled back', 'resolve Pool size fixed']) {
      expect((await h.slack.slashCommand({ text, userId: PEOPLE.alice, channelId: roomId })).status).toBe(200);
      await h.settle();
    }
    expect(JSON.stringify(requests.find((r) => r.path === 'notes')?.body)).toContain('Rolled back');
    expect(requests.find((r) => r.path === 'incident')?.body).toMatchObject({ incident: { status: 'resolved' } });
    const kinds = (await h.deps.store.timeline.list((await h.deps.store.incidents.findByChannel(roomId))?.id as number)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['paged', 'page_acknowledged', 'mitigated', 'resolved']));
  });

  it('keeps the war room when PagerDuty is down, says why, and a Retry pages with the same dedup key', async () => {
    nock(PD_API_URL).post('/incidents').reply(500, fixture('error-500.json'));
    await h.slack.slashCommand({ text: 'declare Search is slow --sev SEV1 --service checkout', userId: PEOPLE.bob, channelId: h.general });
    await h.settle();
    const incident = (await h.deps.store.incidents.listOpen()).find((i) => i.title === 'Search is slow');
    const room = incident?.channelId as string;
    const failed = h.fake.workspace.messages(room).find((m) => JSON.stringify(m.blocks ?? []).includes('incident_retry_page'));
    expect(failed).toBeDefined();

    nock(PD_API_URL).post('/incidents', (body) => {
      requests.push({ method: 'POST', path: 'retry', body });
      return true;
    }).reply(201, incidentAnswer({ id: 'PRETRY1', incident_key: `warroom-${incident?.id}` }));
    nock(PD_API_URL).get('/oncalls').query(true).reply(200, oncallsAnswer());
    const click = await h.slack.interaction({
      type: 'block_actions',
      user: { id: PEOPLE.bob, username: 'bob', team_id: 'T0WARROOM' },
      channel: { id: room, name: 'room' },
      container: { type: 'message', message_ts: failed?.ts, channel_id: room },
      trigger_id: '5.6.7',
      response_url: h.fake.newResponseUrl(),
      actions: [{ type: 'button', action_id: 'incident_retry_page', block_id: 'page', value: String(incident?.id), action_ts: '1.1' }],
    });
    expect(click.status).toBe(200);
    await h.settle();
    expect((requests.find((r) => r.path === 'retry')?.body as { incident: { incident_key: string } }).incident.incident_key).toBe(`warroom-${incident?.id}`);
    expect((await h.deps.store.incidents.get(incident?.id as number))?.links.pagerdutyId).toBe('PRETRY1');
  });
});
