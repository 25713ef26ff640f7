/**
 * GitHub webhooks: `X-Hub-Signature-256: sha256=<hex>` is the HMAC-SHA256 of the raw body with the webhook
 * secret; `X-GitHub-Event` names the event and `X-GitHub-Delivery` identifies the delivery (for deduplication).
 * `issues` events carry the issue; other events parse with `issue: null` so the route can ignore them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CodeHostWebhookEvent } from '../../core/ports/code-host.js';
import { InvalidGitHubIssue, isRecord, toCodeHostIssue } from './wire.js';

/** The body or headers are not a GitHub webhook delivery: answer 400, with no side effect. */
export class MalformedGitHubWebhook extends Error {
  constructor(message: string) {
    super(`Not a GitHub webhook: ${message}`);
    this.name = 'MalformedGitHubWebhook';
  }
}

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** True when the header is `sha256=` + the HMAC-SHA256 of `rawBody` with `secret`. Never throws. */
export function verifyGitHubSignature(rawBody: Buffer | string, header: string | undefined, secret: string): boolean {
  if (!secret || typeof header !== 'string') return false;
  const match = SIGNATURE.exec(header.trim());
  if (!match?.[1]) return false;
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}

function parseJson(raw: string | Buffer): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new MalformedGitHubWebhook('the body is not JSON');
  }
}

/** The delivery as Warroom's event. `body` is the parsed JSON or the raw text/bytes. */
export function parseGitHubWebhook(body: unknown, headers: { event: string | undefined; delivery: string | undefined }): CodeHostWebhookEvent {
  const event = headers.event?.trim();
  const delivery = headers.delivery?.trim();
  if (!event) throw new MalformedGitHubWebhook('the X-GitHub-Event header is missing');
  if (!delivery) throw new MalformedGitHubWebhook('the X-GitHub-Delivery header is missing');
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? parseJson(body) : body;
  if (!isRecord(payload)) throw new MalformedGitHubWebhook('expected a JSON object');
  // `ping` (sent when the hook is created) has no action; every other event we may receive has one.
  const action = typeof payload.action === 'string' ? payload.action : '';
  const sender = isRecord(payload.sender) && typeof payload.sender.login === 'string' ? payload.sender.login : null;
  if (event !== 'issues') return { id: delivery, event, action, issue: null, sender };

  if (!action) throw new MalformedGitHubWebhook('an issues event without an action');
  if (!isRecord(payload.issue)) throw new MalformedGitHubWebhook('an issues event without an issue');
  const repository = isRecord(payload.repository) && typeof payload.repository.full_name === 'string' ? payload.repository.full_name : null;
  if (!repository) throw new MalformedGitHubWebhook('an issues event without repository.full_name');
  try {
    return { id: delivery, event, action, issue: toCodeHostIssue(payload.issue, repository), sender };
  } catch (err) {
    if (err instanceof InvalidGitHubIssue) throw new MalformedGitHubWebhook(err.message);
    throw err;
  }
}
