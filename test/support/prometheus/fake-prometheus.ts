/**
 * A local HTTP server speaking the Prometheus API envelope, for what a real Prometheus will not do on demand:
 * 503s, hangs, proxies' HTML errors. It records every request (method, path, parameters from the URL and a
 * form body, headers) and how many were in flight at once.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeReply {
  status?: number;
  /** Sent as JSON; `body` is sent as it is (e.g. an HTML error page). */
  json?: unknown;
  body?: string;
  contentType?: string;
  /** Never answer (the test's timeout must fire). */
  hang?: boolean;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakePrometheus {
  url: string;
  requests: FakeRequest[];
  inFlight(): number;
  maxInFlight(): number;
  /** Replies used once each, in order, before the handler. */
  enqueue(...replies: FakeReply[]): void;
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

export const emptyVector = { status: 'success', data: { resultType: 'vector', result: [] } };

export function vectorOf(samples: { metric?: Record<string, string>; value: [number, string] }[]): unknown {
  return { status: 'success', data: { resultType: 'vector', result: samples.map((s) => ({ metric: s.metric ?? {}, value: s.value })) } };
}

export function errorOf(errorType: string, error: string): unknown {
  return { status: 'error', errorType, error };
}

export async function startFakePrometheus(): Promise<FakePrometheus> {
  const requests: FakeRequest[] = [];
  const queue: FakeReply[] = [];
  let handler: FakeHandler = () => ({ json: emptyVector });
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // 'close' fires once the answer is sent or the client went away, so a hung request counts until then.
    res.once('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const params = new URLSearchParams(url.search);
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString())) params.append(name, value);
      }
      const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, params, headers: req.headers };
      requests.push(request);
      const next = queue.shift();
      Promise.resolve(next ?? handler(request)).then(
        (reply) => send(res, reply),
        (err: unknown) => send(res, { status: 500, body: String(err) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    enqueue: (...replies) => queue.push(...replies),
    setHandler(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  if (reply.hang) return;
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
  const contentType = reply.contentType ?? (reply.json !== undefined ? 'application/json' : 'text/plain');
  res.writeHead(reply.status ?? 200, { 'Content-Type': contentType });
  res.end(body);
}
