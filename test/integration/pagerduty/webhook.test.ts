/** PagerDuty v3 webhooks: X-PagerDuty-Signature verification and parsing of the event envelope. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedPagerDutyWebhook, parsePagerDutyWebhook, verifyPagerDutySignature } from '../../../src/integrations/pagerduty/index.js';
import { webhookFixtureText } from '../../support/pagerduty/fixtures.js';

const SECRET = 'ZGVtby1zaWduaW5nLXNlY3JldC1mb3ItdGVzdHM';
const OLD_SECRET = 'b2xkLXNpZ25pbmctc2VjcmV0';

function sign(body: string | Buffer, secret = SECRET): string {
  return `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('verifyPagerDutySignature', () => {
  const body = webhookFixtureText('incident-acknowledged.json');

  it('accepts the HMAC-SHA256 of the raw body, as a string or as bytes', () => {
    expect(verifyPagerDutySignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyPagerDutySignature(Buffer.from(body), sign(body), SECRET)).toBe(true);
  });

  it('accepts a body with non-ASCII characters signed over its UTF-8 bytes', () => {
    const unicode = body.replace('Ada Lovelace', 'Ada Lovelace — Zoë');
    expect(verifyPagerDutySignature(Buffer.from(unicode, 'utf8'), sign(Buffer.from(unicode, 'utf8')), SECRET)).toBe(true);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyPagerDutySignature(body, sign(body, 'not-the-secret'), SECRET)).toBe(false);
  });

  it('rejects a missing or empty header, and an empty secret', () => {
    expect(verifyPagerDutySignature(body, undefined, SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, '', SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, '  ', SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, sign(body, ''), '')).toBe(false);
  });

  it('accepts a header with several signatures when any one is valid (secret rotation)', () => {
    expect(verifyPagerDutySignature(body, `${sign(body, OLD_SECRET)},${sign(body)}`, SECRET)).toBe(true);
    expect(verifyPagerDutySignature(body, `${sign(body)}, ${sign(body, OLD_SECRET)}`, SECRET)).toBe(true);
    expect(verifyPagerDutySignature(body, `${sign(body, OLD_SECRET)},${sign(body, 'other')}`, SECRET)).toBe(false);
  });

  it('rejects a body altered after signing', () => {
    const altered = body.replace('"acknowledged"', '"resolved"');
    expect(altered).not.toBe(body);
    expect(verifyPagerDutySignature(altered, sign(body), SECRET)).toBe(false);
    // Re-serialising the same JSON is an alteration too: the signature covers the raw bytes.
    expect(verifyPagerDutySignature(JSON.stringify(JSON.parse(body)), sign(body), SECRET)).toBe(false);
  });

  it('ignores malformed parts and other versions', () => {
    const hex = sign(body).slice(3);
    expect(verifyPagerDutySignature(body, `v0=${hex}`, SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, hex, SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, `sha256=${hex}`, SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, 'v1=', SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, `v1=${hex.slice(0, 40)}`, SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, `v1=${'z'.repeat(64)}`, SECRET)).toBe(false);
    expect(verifyPagerDutySignature(body, `garbage,,v1=${hex}`, SECRET)).toBe(true);
  });
});

describe('parsePagerDutyWebhook', () => {
  const incident = {
    id: 'PT4KHLK',
    number: 1234,
    title: '[SEV1] Checkout is down',
    urgency: 'high',
    serviceId: 'PSVC001',
    serviceName: 'Checkout API',
    htmlUrl: 'https://acme.pagerduty.com/incidents/PT4KHLK',
    incidentKey: 'warroom-42',
  };

  it('maps incident.triggered', () => {
    expect(parsePagerDutyWebhook(JSON.parse(webhookFixtureText('incident-triggered.json')))).toEqual({
      id: '01DEN2QY3BNZKWJ0ZAA2S3RQXH',
      type: 'incident.triggered',
      occurredAt: new Date('2026-03-02T14:00:05.482Z'),
      incident: { ...incident, status: 'triggered' },
      agent: { id: 'PSVC001', name: 'Checkout API', email: null },
    });
  });

  it('maps incident.acknowledged with who acknowledged', () => {
    expect(parsePagerDutyWebhook(JSON.parse(webhookFixtureText('incident-acknowledged.json')))).toEqual({
      id: '01DEN2VB4XKJG5J9D6T8R0B7PK',
      type: 'incident.acknowledged',
      occurredAt: new Date('2026-03-02T14:03:00.118Z'),
      incident: { ...incident, status: 'acknowledged' },
      agent: { id: 'PUSR001', name: 'Ada Lovelace', email: null },
    });
  });

  it('maps incident.resolved, from the raw bytes as received', () => {
    const event = parsePagerDutyWebhook(Buffer.from(webhookFixtureText('incident-resolved.json')));
    expect(event).toMatchObject({ type: 'incident.resolved', incident: { id: 'PT4KHLK', status: 'resolved', incidentKey: 'warroom-42' }, agent: { id: 'PUSR001' } });
  });

  it('takes the incident reference from events about a note', () => {
    const event = parsePagerDutyWebhook(webhookFixtureText('incident-annotated.json'));
    expect(event.incident).toEqual({
      id: 'PT4KHLK',
      number: null,
      title: '[SEV1] Checkout is down',
      urgency: null,
      status: null,
      serviceId: null,
      serviceName: null,
      htmlUrl: 'https://acme.pagerduty.com/incidents/PT4KHLK',
      incidentKey: null,
    });
    expect(event.agent).toEqual({ id: 'PUSR003', name: 'Grace Hopper', email: null });
  });

  it('parses events that are not about an incident, with no incident and no agent', () => {
    expect(parsePagerDutyWebhook(webhookFixtureText('pagey-ping.json'))).toEqual({
      id: '01DEN30000PING000000000000',
      type: 'pagey.ping',
      occurredAt: new Date('2026-03-02T13:00:00.000Z'),
      incident: null,
      agent: null,
    });
  });

  it('keeps an agent’s email when PagerDuty includes one', () => {
    const body = JSON.parse(webhookFixtureText('incident-acknowledged.json'));
    body.event.agent.email = 'ada@example.com';
    expect(parsePagerDutyWebhook(body).agent).toEqual({ id: 'PUSR001', name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('a redelivery parses to the same event id, which the route de-duplicates on', () => {
    const text = webhookFixtureText('incident-acknowledged.json');
    expect(parsePagerDutyWebhook(text).id).toBe(parsePagerDutyWebhook(Buffer.from(text)).id);
  });

  it.each([
    ['not JSON', '{"event": {'],
    ['not an object', [1, 2]],
    ['null', null],
    ['no event', { messages: [] }],
    ['an event without id', { event: { event_type: 'incident.triggered', occurred_at: '2026-03-02T14:00:00Z' } }],
    ['an event without type', { event: { id: 'E1', occurred_at: '2026-03-02T14:00:00Z' } }],
    ['an event with an empty type', { event: { id: 'E1', event_type: '', occurred_at: '2026-03-02T14:00:00Z' } }],
    ['an event without a date', { event: { id: 'E1', event_type: 'incident.triggered', occurred_at: 'yesterday' } }],
  ])('rejects %s as malformed', (_what, body) => {
    expect(() => parsePagerDutyWebhook(body)).toThrow(MalformedPagerDutyWebhook);
  });
});
