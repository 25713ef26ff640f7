/**
 * PagerDuty v3 webhook deliveries as PagerDuty sends them (developer docs, webhooks/01-Overview and 04-Signatures):
 * a JSON envelope `{ event: { id, event_type, resource_type, occurred_at, agent, client, data } }`, signed with
 * `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>` under the subscription's secret.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Json } from './wire.js';

const DELIVERY_TIMEOUT_MS = 5_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** PagerDuty's event ids are ULIDs: 26 Crockford base-32 characters. */
function eventId(): string {
  return [...randomBytes(26)].map((b) => CROCKFORD[b % 32]).join('');
}

export function webhookEnvelope(eventType: string, agent: Json | null, data: Json, at: Date): Json {
  return { event: { id: eventId(), event_type: eventType, resource_type: 'incident', occurred_at: at.toISOString(), agent, client: null, data } };
}

export function signPagerDutyBody(body: string, secret: string): string {
  return `v1=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** POSTs one signed delivery; rejects when the receiver cannot be reached or answers other than 2xx. */
export async function deliverWebhook(url: string, secret: string, envelope: Json, subscriptionId: string): Promise<void> {
  const body = JSON.stringify(envelope);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'PagerDuty-Webhook/V3.0',
      'x-pagerduty-signature': signPagerDutyBody(body, secret),
      'x-webhook-id': randomUUID(),
      'x-webhook-subscription': subscriptionId,
    },
    body,
    signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
  });
  await response.arrayBuffer(); // let the connection be reused
  if (!response.ok) throw new Error(`the webhook receiver at ${url} answered ${response.status}`);
}
