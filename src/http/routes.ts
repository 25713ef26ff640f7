import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Readiness } from './readiness.js';

/** Matches Bolt's CustomRoute shape so the same routes serve HTTP and Socket Mode. */
export interface Route {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

export function operationalRoutes(options: { readiness: Readiness; registry: Registry; isShuttingDown: () => boolean }): Route[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => send(res, 200, 'application/json', JSON.stringify({ status: 'ok' })),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        if (options.isShuttingDown()) {
          send(res, 503, 'application/json', JSON.stringify({ ready: false, checks: { shutdown: { ok: false, detail: 'shutting down' } } }));
          return;
        }
        void options.readiness.check().then(
          (report) => send(res, report.ready ? 200 : 503, 'application/json', JSON.stringify(report)),
          (err: unknown) => send(res, 503, 'application/json', JSON.stringify({ ready: false, error: String(err) })),
        );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        void options.registry.metrics().then(
          (text) => send(res, 200, options.registry.contentType, text),
          (err: unknown) => send(res, 500, 'text/plain', String(err)),
        );
      },
    },
  ];
}
