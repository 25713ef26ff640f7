import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/ports.js';
import type { Route } from './routes.js';

/** Verifies and parses one vendor's webhook deliveries; built in deps.ts from the integration. */
export interface WebhookReceiver<Event extends { id: string; type?: string } = { id: string; type?: string }> {
  verify(rawBody: Buffer, signatureHeader: string | undefined): boolean;
  /** Throws on a body that is not a webhook event of this vendor. Headers carry what some vendors keep out of the body. */
  parse(body: unknown, headers: Record<string, string | undefined>): Event;
  handle(event: Event): Promise<string>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST <path>`: the raw body is verified against the signature header before anything is parsed or done; unsigned,
 * badly signed or malformed deliveries get a 4xx and change nothing. Redeliveries are de-duplicated by the core.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each vendor's receiver has its own event type
export function webhookRoute(options: { path: string; signatureHeader: string; receiver: WebhookReceiver<any> | null; notConfigured: string; logger: Logger }): Route {
  const { receiver, logger } = options;
  return {
    path: options.path,
    method: ['POST'],
    handler: (req, res) => {
      void (async () => {
        if (!receiver) return reply(res, 404, { error: options.notConfigured });
        const raw = await readBody(req);
        if (raw === null) return reply(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
        const header = req.headers[options.signatureHeader.toLowerCase()];
        if (!receiver.verify(raw, Array.isArray(header) ? header.join(',') : header)) {
          logger.warn({ path: options.path }, 'webhook rejected: missing or invalid signature');
          return reply(res, 401, { error: 'missing or invalid signature' });
        }
        let event: { id: string; type?: string };
        try {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
          event = receiver.parse(JSON.parse(raw.toString('utf8')), headers);
        } catch (err) {
          return reply(res, 400, { error: `malformed webhook: ${err instanceof Error ? err.message : String(err)}` });
        }
        const result = await receiver.handle(event);
        logger[result === 'ignored' ? 'debug' : 'info']({ path: options.path, eventId: event.id, type: event.type, result }, 'webhook');
        reply(res, 200, { result });
      })().catch((err: unknown) => {
        logger.error({ err, path: options.path }, 'webhook handling failed; the sender will retry');
        if (!res.headersSent) reply(res, 500, { error: 'handling failed' });
      });
    },
  };
}
