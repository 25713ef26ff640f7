/**
 * The playground's demo PagerDuty against the bot's real PagerDuty adapter (pdjs over loopback http): paging with
 * incident_key de-duplication, on-call lookups, updates and notes; its answers checked against PagerDuty's
 * published REST description; and the responder's acknowledgement arriving at a receiver as a v3 webhook the
 * bot's own verifier and parser accept.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OnCallPort } from '../../../src/core/ports.js';
import { createPagerDutyOnCall, parsePagerDutyWebhook, PagerDutyError, verifyPagerDutySignature } from '../../../src/integrations/pagerduty/index.js';
import { type DemoPagerDuty, startDemoPagerDuty } from '../../../src/playground/pagerduty/index.js';
import { CHECKOUT, severity, warroomIncident } from '../../support/pagerduty/fixtures.js';
import { checkSchema, loadPagerDutySpec, type OpenApiSpec, responseSchema } from '../../support/pagerduty/spec-check.js';

const SECRET = 'demo-webhook-secret';
const PEOPLE = [
  { name: 'Carol', email: 'carol@example.com', level: 1 as const },
  { name: 'Dave', email: 'dave@example.com', level: 2 as const },
];
const FROM = 'warroom-bot@example.com';

interface Delivery {
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

/** Stands in for the bot's /webhooks/pagerduty: records each delivery, answers 200. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ raw: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"handled"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/pagerduty`, deliveries, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let demo: DemoPagerDuty;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let port: OnCallPort;

function adapter(token = demo.token): OnCallPort {
  return createPagerDutyOnCall({
    token,
    from: FROM,
    apiUrl: demo.url,
    defaultServiceId: demo.serviceId,
    services: [{ ...CHECKOUT, pagerDuty: { serviceId: demo.serviceId, escalationPolicyId: demo.escalationPolicyId } }],
    timeoutMs: 2_000,
    retryTimeoutMs: 1,
  });
}

beforeEach(async () => {
  receiver = await startReceiver();
  demo = await startDemoPagerDuty({ webhookUrl: receiver.url, webhookSecret: SECRET, people: PEOPLE });
  port = adapter();
});

afterEach(async () => {
  await demo.close();
  await receiver.close();
});

const sev1Page = (id = 7) => ({ incident: warroomIncident({ id, title: 'Checkout is down' }), policy: severity('SEV1'), service: CHECKOUT, warRoomUrl: null });

describe('the demo PagerDuty behind the real adapter', () => {
  it('pages the escalation policy once per incident key, and says so on a repeat', async () => {
    const first = await port.pageForIncident(sev1Page());
    expect(first).toMatchObject({ paged: true, urgency: 'high', escalationPolicyId: demo.escalationPolicyId });
    expect(first.externalId).toMatch(/^P[A-Z0-9]{6}$/);
    expect(first.link).toBe(`${demo.url}/web/incidents/${first.externalId}`);

    const again = await port.pageForIncident(sev1Page());
    expect(again.externalId).toBe(first.externalId);
    expect(again.summary).toMatch(/^Already paged/);

    const { incidents } = demo.state();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ id: first.externalId, number: 1, status: 'triggered', urgency: 'high', assignees: ['Carol'] });
  });

  it('lists who is on call, level by level, with their emails', async () => {
    const everyone = await port.whoIsOnCall({ escalationPolicyId: demo.escalationPolicyId });
    expect(everyone.map((e) => [e.level, e.person.name, e.person.email])).toEqual([
      [1, 'Carol', 'carol@example.com'],
      [2, 'Dave', 'dave@example.com'],
    ]);
    expect(everyone[0]?.until?.getTime()).toBeGreaterThan(Date.now());
    expect(await port.whoIsOnCall({ escalationPolicyId: demo.escalationPolicyId, levels: [2] })).toHaveLength(1);
    expect(await port.whoIsOnCall({ escalationPolicyId: 'POTHER1' })).toEqual([]);
    expect(demo.state().oncall).toEqual(PEOPLE.map(({ name, email, level }) => ({ level, name, email })));
  });

  it('changes urgency, escalates within the policy, adds notes and resolves', async () => {
    const changes: number[] = [];
    demo.onChange(() => changes.push(changes.length));
    const { externalId } = await port.pageForIncident(sev1Page());
    const id = externalId ?? '';

    await port.setUrgency(id, 'low');
    await port.escalate(id, 2);
    expect(demo.state().incidents[0]).toMatchObject({ urgency: 'low', assignees: ['Dave'] });
    await expect(port.escalate(id, 3)).rejects.toThrow('400 Bad Request: Invalid Input Provided (Escalation level must be between 1 and 2)');

    await port.addNote(id, 'Rolled back to v41.');
    const notes = await api(`/incidents/${id}/notes`);
    expect(notes.body).toMatchObject({ notes: [{ content: 'Rolled back to v41.', user: { summary: 'warroom-bot' } }] });

    await port.resolve(id);
    await port.resolve(id); // PagerDuty's "Incident Already Resolved" is an answer, not a failure
    expect(demo.state().incidents[0]).toMatchObject({ status: 'resolved', assignees: [] });
    expect(changes.length).toBeGreaterThanOrEqual(5);
  });

  it('pages a person by email and an escalation policy by name', async () => {
    const user = await port.pageTarget({ target: { kind: 'user', email: 'DAVE@example.com' }, title: 'Need a DB expert', message: null, dedupKey: 'manual-1', incident: null, warRoomUrl: null });
    expect(user.summary).toContain('user Dave <DAVE@example.com>');
    const policy = await port.pageTarget({ target: { kind: 'escalation_policy', idOrName: 'checkout escalation' }, title: 'Checkout help', message: 'please join', dedupKey: 'manual-2', incident: null, warRoomUrl: null });
    expect(policy.escalationPolicyId).toBe(demo.escalationPolicyId);
    expect(demo.state().incidents.map((i) => i.assignees)).toEqual([['Carol'], ['Dave']]);
    await expect(port.pageTarget({ target: { kind: 'user', email: 'nobody@example.com' }, title: 't', message: null, dedupKey: 'm3', incident: null, warRoomUrl: null })).rejects.toThrow(
      'No PagerDuty user has the email nobody@example.com.',
    );
  });

  it('refuses a wrong API key with 401', async () => {
    const err = await adapter('not-the-token').whoIsOnCall({ escalationPolicyId: demo.escalationPolicyId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PagerDutyError);
    expect(err).toMatchObject({ outcome: 'http_401', reason: '401 Unauthorized: Invalid Token' });
  });
});

describe('the responder acknowledging in the demo', () => {
  it('sends a signed incident.acknowledged webhook that the bot verifies and parses', async () => {
    const { externalId } = await port.pageForIncident(sev1Page(42));
    await demo.acknowledge(externalId ?? '', 'carol@example.com');

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    const header = delivery?.headers['x-pagerduty-signature'];
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyPagerDutySignature(delivery?.raw ?? '', header as string, SECRET)).toBe(true);
    expect(verifyPagerDutySignature(delivery?.raw ?? '', header as string, 'another-secret')).toBe(false);

    const event = parsePagerDutyWebhook(delivery?.raw);
    expect(event).toMatchObject({
      type: 'incident.acknowledged',
      incident: { id: externalId, number: 1, status: 'acknowledged', serviceId: demo.serviceId, incidentKey: 'warroom-42', urgency: 'high' },
      agent: { name: 'Carol' },
    });
    expect(demo.state().incidents[0]?.status).toBe('acknowledged');
  });

  it('sends incident.resolved, and refuses what PagerDuty would refuse', async () => {
    const { externalId } = await port.pageForIncident(sev1Page());
    const id = externalId ?? '';
    await expect(demo.acknowledge(id, 'mallory@example.com')).rejects.toThrow(/not one of the demo PagerDuty's responders/);
    await expect(demo.acknowledge('PNOPE00', 'carol@example.com')).rejects.toThrow(/no incident PNOPE00/);
    await demo.resolve(id, 'dave@example.com');
    expect(parsePagerDutyWebhook(receiver.deliveries[0]?.raw)).toMatchObject({ type: 'incident.resolved', agent: { name: 'Dave' } });
    await expect(demo.acknowledge(id, 'carol@example.com')).rejects.toThrow(/Incident Already Resolved/);
    expect(receiver.deliveries).toHaveLength(1);
  });
});

describe('the demo’s answers against PagerDuty’s REST description', () => {
  let spec: OpenApiSpec;
  beforeAll(() => {
    spec = loadPagerDutySpec();
  });
  // Documented as null in these cases but not marked nullable; /oncalls with include[]=users carries whole Users.
  const gaps = (path: string, value: unknown) => (value === null && /\.(resolved_at|start|end|schedule|total)$/.test(path)) || /^\.oncalls\[\d+\]\.user$/.test(path);

  it('matches the schemas of every answer the adapter reads', async () => {
    const write = { from: FROM };
    const created = await api('/incidents', 'POST', { incident: { type: 'incident', title: 'Spec', service: { id: demo.serviceId, type: 'service_reference' }, incident_key: 'k1' } }, write);
    const id = (created.body as { incident: { id: string } }).incident.id;
    const answers: [string, string, number, { status: number; body: unknown }][] = [
      ['post', '/incidents', 201, created],
      ['post', '/incidents', 400, await api('/incidents', 'POST', { incident: { type: 'incident', title: 'Spec', service: { id: demo.serviceId }, incident_key: 'k1' } }, write)],
      ['get', '/incidents', 200, await api('/incidents?incident_key=k1&statuses[]=triggered&date_range=all')],
      ['put', '/incidents/{id}', 200, await api(`/incidents/${id}`, 'PUT', { incident: { type: 'incident_reference', urgency: 'low' } }, write)],
      ['put', '/incidents/{id}', 404, await api('/incidents/PNOPE00', 'PUT', { incident: { type: 'incident_reference', status: 'resolved' } }, write)],
      ['post', '/incidents/{id}/notes', 200, await api(`/incidents/${id}/notes`, 'POST', { note: { content: 'hi' } }, write)],
      ['get', '/oncalls', 200, await api('/oncalls?include[]=users&limit=1')],
      ['get', '/users', 200, await api('/users?query=carol')],
      ['get', '/escalation_policies', 200, await api('/escalation_policies?query=checkout')],
      ['get', '/services/{id}', 200, await api(`/services/${demo.serviceId}`)],
      ['post', '/incidents', 401, await api('/incidents', 'POST', {}, { authorization: 'Token token=wrong' })],
    ];
    for (const [method, path, status, answer] of answers) {
      expect(answer.status, `${method} ${path}`).toBe(status);
      expect(checkSchema(spec, responseSchema(spec, method, path, status), answer.body, '', gaps), `${method} ${path} ${status}`).toEqual([]);
    }
    const oncalls = (answers[6]?.[3].body ?? {}) as { oncalls: { user: unknown }[]; more: boolean };
    expect(oncalls).toMatchObject({ more: true, limit: 1, offset: 0 });
    for (const entry of oncalls.oncalls) expect(checkSchema(spec, { $ref: '#/components/schemas/User' }, entry.user)).toEqual([]);
  });

  it('refuses a write without From, like PagerDuty', async () => {
    const answer = await api('/incidents', 'POST', { incident: { type: 'incident', title: 'x', service: { id: demo.serviceId } } });
    expect(answer).toMatchObject({ status: 400, body: { error: { message: 'Invalid Input Provided' } } });
  });
});

describe('the incident page behind html_url', () => {
  it('shows the incident with every text escaped, without an API key', async () => {
    const { externalId, link } = await port.pageForIncident({ ...sev1Page(), incident: warroomIncident({ title: '<script>alert(1)</script> down' }) });
    await port.addNote(externalId ?? '', 'see <img src=x onerror=alert(2)>');
    const page = await fetch(link ?? '');
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; down');
    expect(html).toContain('see &lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img/);
    expect((await fetch(`${demo.url}/web/incidents/PNOPE00`)).status).toBe(404);
  });
});

async function api(path: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${demo.url}${path}`, {
    method,
    headers: { authorization: `Token token=${demo.token}`, accept: 'application/vnd.pagerduty+json;version=2', 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}
