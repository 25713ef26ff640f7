/**
 * A local fake of Slack's Web API (node:http on 127.0.0.1, random port) that the real WebClient and Bolt can be pointed
 * at with `slackApiUrl: fake.apiUrl`. It keeps workspace state, logs every call, and injects faults and latency.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FaultPlan, type FakeFault } from './faults.js';
import { readBody, sendJson, sendText } from '../http-kit.js';
import { bearerToken, parseArgs } from './http-io.js';
import { SlackFailure, type FakeMethod, type SlackArgs } from './method-kit.js';
import { fakeMethods } from './methods.js';
import { FakeWorkspace } from './workspace.js';

export interface FakeSlackOptions {
  latencyMs?: number;
  botUserId?: string;
  teamId?: string;
  /** The bot token the fake accepts; default `xoxb-fake-slack-token`. */
  token?: string;
  /** Default 0 (any free port) on 127.0.0.1. */
  port?: number;
  host?: string;
  /** Serves other paths on the same port (the playground's page); answers true when it handled the request. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
}

/** A Web API call (or response_url post, method 'response_url') that succeeded, with Slack's answer. */
export interface AnsweredCall {
  method: string;
  args: SlackArgs;
  answer: Record<string, unknown>;
  /** The response_url id for method 'response_url'. */
  responseUrlId?: string;
}

export interface FakeCall {
  method: string;
  /** Arguments as received (JSON-valued ones like blocks decoded), without the token. */
  args: SlackArgs;
  /** Wall-clock arrival (ms since epoch). */
  at: number;
  /** Monotonic arrival and answer times (performance.now()), for ordering and overlap checks. */
  startedAt: number;
  finishedAt?: number;
  status?: number;
  /** Slack's error code when the answer was `ok: false`. */
  error?: string;
}

export interface FakeSlack {
  /** Web API base URL, ending with a slash: `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly token: string;
  readonly botUserId: string;
  readonly teamId: string;
  readonly workspace: FakeWorkspace;
  readonly calls: FakeCall[];
  callsTo(method: string): FakeCall[];
  /** Makes the next call(s) to `method` ('*' for any) fail: a 429 with Retry-After, a 5xx, or an `ok: false` error. */
  failNext(method: string, fault: FakeFault): void;
  /**
   * An outage: every call to `method` ('*' for any Web API method; response_url posts are never faulted) arriving
   * within the next `ms` answers with `fault` (`times` is ignored); calls after the window are served normally.
   * failNext faults, when also pending, answer first.
   */
  failFor(method: string, ms: number, fault: FakeFault): void;
  /** Delays answers: for every method, or for one (the response_url endpoint is the method 'response_url'). */
  setLatency(ms: number, method?: string): void;
  /** A fresh response_url (as in a slash command or interaction payload) whose posts land in `workspace.responses`. */
  newResponseUrl(): string;
  /** Called after every successful call, so a live view of the workspace can follow it. */
  onAnswered(listener: (call: AnsweredCall) => void): () => void;
  /** Forgets logged calls, pending faults (windows too) and latency; the workspace state stays. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-fake-slack-token';
  const workspace = new FakeWorkspace(options.teamId ?? 'T0FAKETEAM1', options.botUserId ?? 'U0WARROOMBOT');
  const faults = new FaultPlan(options.latencyMs ?? 0);
  const calls: FakeCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const listeners = new Set<(call: AnsweredCall) => void>();
  let baseUrl = '';
  const answered = (call: AnsweredCall): void => {
    for (const listener of listeners) listener(call);
  };

  const delay = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const apiMatch = /^\/api\/([A-Za-z0-9._]+)$/.exec(url.pathname);
    const respondMatch = /^\/respond\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (!apiMatch?.[1] && !respondMatch?.[1]) {
      if (options.extraRoutes && (await options.extraRoutes(req, res, url))) return;
      return sendText(res, 404, 'not found');
    }
    const method = apiMatch?.[1] ?? 'response_url';
    const parsed = parseArgs(url, req.headers['content-type'], await readBody(req));
    const args: SlackArgs = 'invalid' in parsed ? {} : { ...parsed };
    const call: FakeCall = { method, args: { ...args }, at: Date.now(), startedAt: performance.now() };
    delete call.args.token;
    calls.push(call);
    const finish = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      call.finishedAt = performance.now();
      call.status = status;
      const error = (body as { error?: unknown }).error;
      if (typeof error === 'string') call.error = error;
      sendJson(res, status, body, headers);
    };

    await delay(faults.latencyFor(method));
    if (respondMatch?.[1] && !workspace.responseUrlIds.has(respondMatch[1])) return finish(404, { ok: false, error: 'no_service' });
    if ('invalid' in parsed) return finish(200, { ok: false, error: parsed.invalid });
    if (respondMatch?.[1]) return respond(respondMatch[1], args, finish);
    const presented = bearerToken(req, parsed);
    if (!presented) return finish(200, { ok: false, error: 'not_authed' });
    if (presented !== token) return finish(200, { ok: false, error: 'invalid_auth' });
    const fault = faults.take(method);
    if (fault) return finish(fault.status, fault.body, fault.headers);
    const impl: FakeMethod | undefined = fakeMethods[method];
    if (!impl) return finish(200, { ok: false, error: 'unknown_method', req_method: method });
    try {
      const answer = impl.handle({ ws: workspace, args, baseUrl });
      finish(200, answer);
      answered({ method, args, answer: answer as Record<string, unknown> });
    } catch (err) {
      if (!(err instanceof SlackFailure)) throw err;
      // Keeps each method's declared error list honest: the spec test checks those lists against Slack's description.
      if (!impl.errors.includes(err.error)) throw new Error(`fake slack: ${method} answered undeclared error ${err.error}`);
      finish(200, { ok: false, error: err.error, ...err.extra });
    }
  }

  function respond(id: string, args: SlackArgs, finish: (status: number, body: unknown) => void): void {
    const blocks = Array.isArray(args.blocks) ? (args.blocks as unknown[]) : undefined;
    workspace.responses.push({
      urlId: id,
      body: args,
      ...(typeof args.text === 'string' ? { text: args.text } : {}),
      ...(blocks ? { blocks } : {}),
      ...(typeof args.response_type === 'string' ? { responseType: args.response_type } : {}),
      ...(args.replace_original !== undefined ? { replaceOriginal: args.replace_original === true || args.replace_original === 'true' } : {}),
      ...(args.delete_original !== undefined ? { deleteOriginal: args.delete_original === true || args.delete_original === 'true' } : {}),
      ...(typeof args.thread_ts === 'string' ? { threadTs: args.thread_ts } : {}),
    });
    finish(200, { ok: true });
    answered({ method: 'response_url', args, answer: { ok: true }, responseUrlId: id });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('fake slack: handler failed', err);
      sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    token,
    botUserId: workspace.bot.id,
    teamId: workspace.teamId,
    workspace,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, fault) => faults.failNext(method, fault),
    failFor: (method, ms, fault) => faults.failFor(method, ms, fault),
    setLatency: (ms, method) => faults.setLatency(ms, method),
    newResponseUrl() {
      const id = workspace.nextId('R').toLowerCase();
      workspace.responseUrlIds.add(id);
      return `${baseUrl}/respond/${id}`;
    },
    onAnswered(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      calls.length = 0;
      faults.clear();
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
