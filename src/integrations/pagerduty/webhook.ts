/**
 * PagerDuty v3 webhooks: signature verification and the envelope, per PagerDuty's developer docs
 * (webhooks/04-Signatures and 01-Overview). `X-PagerDuty-Signature` holds one or more comma-separated `v1=<hex>`
 * signatures (several during a secret rotation), each the HMAC-SHA256 of the raw body, hex-encoded.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OnCallWebhookEvent } from '../../core/ports.js';
import { isRecord, urgencyOf } from './wire.js';

/** The body is not a PagerDuty v3 webhook: answer 400 (PagerDuty does not redeliver on 4xx), with no side effect. */
export class MalformedPagerDutyWebhook extends Error {
  constructor(message: string) {
    super(`Not a PagerDuty v3 webhook: ${message}`);
    this.name = 'MalformedPagerDutyWebhook';
  }
}

const SIGNATURE = /^v1=([0-9a-f]{64})$/i;

/** True when any v1 signature in the header is the HMAC-SHA256 of `rawBody` with `secret`. Never throws. */
export function verifyPagerDutySignature(rawBody: Buffer | string, header: string | undefined, secret: string): boolean {
  if (!secret || typeof header !== 'string' || header.trim() === '') return false;
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const expected = createHmac('sha256', secret).update(body).digest();
  let valid = false;
  for (const part of header.split(',')) {
    const match = SIGNATURE.exec(part.trim());
    if (!match?.[1]) continue;
    // Check every signature (no early exit), so the time taken does not say which one matched.
    if (timingSafeEqual(Buffer.from(match[1], 'hex'), expected)) valid = true;
  }
  return valid;
}

/**
 * The event in a v3 webhook body (already parsed JSON, or the raw text/bytes). Incident events carry the incident
 * in `data`; note, responder and status-update events carry a reference to it in `data.incident`.
 */
export function parsePagerDutyWebhook(body: unknown): OnCallWebhookEvent {
  const envelope = typeof body === 'string' || Buffer.isBuffer(body) ? parseJson(body) : body;
  if (!isRecord(envelope) || !isRecord(envelope.event)) throw new MalformedPagerDutyWebhook('expected a JSON object with an "event" object');
  const event = envelope.event;
  if (typeof event.id !== 'string' || event.id === '') throw new MalformedPagerDutyWebhook('event.id is missing');
  if (typeof event.event_type !== 'string' || event.event_type === '') throw new MalformedPagerDutyWebhook('event.event_type is missing');
  const occurredAt = typeof event.occurred_at === 'string' ? new Date(event.occurred_at) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime())) throw new MalformedPagerDutyWebhook('event.occurred_at is not a date');
  return { id: event.id, type: event.event_type, occurredAt, incident: incidentOf(event.data), agent: agentOf(event.agent) };
}

function parseJson(raw: string | Buffer): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new MalformedPagerDutyWebhook('the body is not JSON');
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function incidentOf(data: unknown): OnCallWebhookEvent['incident'] {
  if (!isRecord(data)) return null;
  if (data.type === 'incident' && text(data.id)) {
    const service = isRecord(data.service) ? data.service : {};
    return {
      id: data.id as string,
      number: typeof data.number === 'number' ? data.number : typeof data.incident_number === 'number' ? data.incident_number : null,
      title: text(data.title) ?? text(data.summary) ?? (data.id as string),
      urgency: urgencyOf(data.urgency),
      status: text(data.status),
      serviceId: text(service.id),
      serviceName: text(service.summary) ?? text(service.name),
      htmlUrl: text(data.html_url),
      incidentKey: text(data.incident_key),
    };
  }
  const ref = data.incident;
  if (isRecord(ref) && text(ref.id)) {
    const id = ref.id as string;
    return { id, number: null, title: text(ref.summary) ?? id, urgency: null, status: null, serviceId: null, serviceName: null, htmlUrl: text(ref.html_url), incidentKey: null };
  }
  return null;
}

function agentOf(agent: unknown): OnCallWebhookEvent['agent'] {
  if (!isRecord(agent) || !text(agent.id)) return null;
  const id = agent.id as string;
  return { id, name: text(agent.summary) ?? text(agent.name) ?? id, email: text(agent.email) };
}
