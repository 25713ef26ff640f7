/**
 * The playground page's HTTP side, served on the simulator's port next to Slack's Web API: the static page, a JSON
 * API for what people do (contracts in the page's app.js), and a Server-Sent Events stream of changes.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJsonObject, readBody, sendJson, sendText } from '../http-kit.js';
import type { FeedItem } from '../slack/feed.js';
import type { SimChange, SimResult, SlackSimulator } from '../slack/simulator.js';
import { emojiFor, renderMessageBody, renderModal, renderMrkdwn, type RenderContext } from './render/index.js';

export interface Panels {
  github: unknown;
  pagerduty: unknown;
  kubernetes: unknown;
  prometheus: unknown;
}

export interface ScenarioMenu {
  list(): { id: string; title: string; running: boolean }[];
  start(id: string, userId: string): SimResult;
}

export interface PageDeps {
  sim: SlackSimulator;
  panels(): Panels;
  /** Registers a callback for vendor state changes (issues filed, pages acknowledged, nodes cordoned). */
  onPanelsChange(listener: () => void): void;
  scenarios: ScenarioMenu;
  acknowledgePage(incidentId: string, userId: string): Promise<SimResult>;
  /** Demo metrics Prometheus scrapes (absent without Prometheus). */
  metricsExposition?: () => string;
}

export const DEMO_METRICS_PATH = '/demo/metrics';
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png' };
const MAX_SSE_CLIENTS = 50;

type Json = Record<string, unknown>;
type Handler = (input: { url: URL; body: Json }) => Promise<unknown> | unknown;

export function pageRoutes(deps: PageDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const { sim } = deps;
  const ws = sim.ws;
  const clients = new Set<{ user: string; res: ServerResponse }>();

  const broadcast = (change: SimChange | { type: 'panels' }): void => {
    for (const client of clients) {
      if (change.type === 'modals' && change.userId !== client.user) continue;
      if (change.type === 'toast' && change.userId && change.userId !== client.user) continue;
      client.res.write(`data: ${JSON.stringify(change)}\n\n`);
    }
  };
  sim.onChange(broadcast);
  deps.onPanelsChange(() => broadcast({ type: 'panels' }));

  const ctx: RenderContext = {
    userName: (id) => ws.user(id)?.realName ?? null,
    channelName: (id) => ws.channel(id)?.name ?? null,
    groupHandle: (id) => ws.userGroups.get(id)?.handle ?? null,
    get users() {
      return [...ws.users.values()].filter((u) => !u.isBot && !u.deleted).map((u) => ({ id: u.id, name: u.realName }));
    },
  };

  const viewer = (url: URL, body: Json): string => {
    const id = String(body.user ?? url.searchParams.get('user') ?? '');
    if (!ws.user(id) || ws.user(id)?.isBot) throw new BadRequest('pick a demo user (user=U…)');
    return id;
  };
  const time = (ts: string) => new Date(Number(ts.split('.')[0]) * 1000).toISOString().slice(11, 19);
  const itemJson = (item: FeedItem, me: string) => {
    const author = ws.user(item.user);
    return {
      ts: item.ts,
      threadTs: item.threadTs ?? null,
      replyCount: item.replyCount,
      lastReplyAt: item.lastReplyTs ? time(item.lastReplyTs) : null,
      user: item.user,
      userName: author?.realName ?? item.user,
      isBot: author?.isBot ?? false,
      time: time(item.ts),
      html: renderMessageBody(item, ctx),
      ephemeral: item.ephemeral,
      pinned: item.pinned,
      edited: item.edited,
      reactions: item.reactions.map((r) => ({ name: r.name, emoji: emojiFor(r.name) ?? `:${r.name}:`, count: r.users.length, mine: r.users.includes(me) })),
    };
  };

  const get: Record<string, Handler> = {
    '/sim/state': ({ url, body }) => {
      // A first visit has no remembered demo user yet: it gets the first one.
      const first = [...ws.users.values()].find((u) => !u.isBot && !u.deleted)?.id ?? '';
      const me = url.searchParams.has('user') ? viewer(url, body) : first;
      const channels = [...ws.channels.values()]
        .filter((c) => !c.archived && (c.isIm ? c.imUser === me : !c.isPrivate || c.members.includes(me)))
        .sort((a, b) => Number(a.isIm) - Number(b.isIm) || a.name.localeCompare(b.name))
        .map((c) => ({
          id: c.id,
          name: c.isIm ? (ws.user(c.members.find((m) => m !== ws.bot.id) ?? '')?.name ?? 'warroom') : c.name,
          isPrivate: c.isPrivate,
          isIm: c.isIm,
          unread: sim.unread(c.id, me),
          topic: c.topic.value,
          isIncident: sim.isAppCreated(c.id),
        }));
      return {
        me,
        users: [...ws.users.values()].filter((u) => !u.isBot).map((u) => ({ id: u.id, name: u.name, realName: u.realName, title: '' })),
        channels,
        scenarios: deps.scenarios.list(),
        modals: sim.modalsFor(me).map((v) => ({ viewId: v.id, html: renderModal(v.view, ctx) })),
        panels: deps.panels(),
      };
    },
  };
  const post: Record<string, Handler> = {
    '/sim/send': ({ url, body }) => sim.send({ user: viewer(url, body), channel: str(body.channel), text: str(body.text), ...(body.threadTs ? { threadTs: str(body.threadTs) } : {}) }),
    '/sim/action': ({ url, body }) =>
      sim.click({
        user: viewer(url, body),
        channel: str(body.channel),
        ts: str(body.ts),
        blockId: str(body.blockId),
        actionId: str(body.actionId),
        ...(typeof body.value === 'string' || Array.isArray(body.value) ? { value: body.value as string | string[] } : {}),
      }),
    '/sim/react': ({ url, body }) => sim.react({ user: viewer(url, body), channel: str(body.channel), ts: str(body.ts), name: str(body.name).replace(/:/g, ''), remove: body.remove === true }),
    '/sim/pin': ({ url, body }) => sim.pin({ user: viewer(url, body), channel: str(body.channel), ts: str(body.ts), remove: body.remove === true }),
    '/sim/pagerduty/ack': ({ url, body }) => deps.acknowledgePage(str(body.incidentId), viewer(url, body)),
    '/sim/scenario': ({ url, body }) => deps.scenarios.start(str(body.id), viewer(url, body)),
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path.startsWith('/static/'))) {
      await serveStatic(res, path === '/' ? 'index.html' : path.slice('/static/'.length));
      return true;
    }
    if (req.method === 'GET' && path === DEMO_METRICS_PATH && deps.metricsExposition) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(deps.metricsExposition());
      return true;
    }
    if (req.method === 'GET' && path === '/sim/stream') {
      openStream(req, res, url);
      return true;
    }
    if (!path.startsWith('/sim/')) return false;
    try {
      const body = req.method === 'POST' ? parseBody(await readBody(req)) : {};
      const channel = /^\/sim\/channels\/([A-Z0-9]+)$/.exec(path);
      const view = /^\/sim\/views\/([A-Z0-9]+)\/(submit|close)$/.exec(path);
      let answer: unknown;
      if (req.method === 'GET' && channel?.[1]) answer = channelFeed(channel[1], url);
      else if (req.method === 'POST' && view?.[1] && view[2] === 'submit') answer = await sim.submitView({ user: viewer(url, body), viewId: view[1], values: formValues(body.values) });
      else if (req.method === 'POST' && view?.[1]) answer = await sim.closeView({ user: viewer(url, body), viewId: view[1] });
      else {
        const handler = (req.method === 'POST' ? post : get)[path];
        if (!handler) return (sendText(res, 404, 'not found'), true);
        answer = await handler({ url, body });
      }
      sendJson(res, 200, answer);
    } catch (err) {
      if (err instanceof BadRequest) sendJson(res, 400, { ok: false, error: err.message });
      else sendJson(res, 500, { ok: false, error: err instanceof Error ? err.message : String(err) });
    }
    return true;
  }

  function channelFeed(channelId: string, url: URL) {
    const me = viewer(url, {});
    const channel = ws.channel(channelId);
    if (!channel) throw new BadRequest(`no channel ${channelId}`);
    const thread = url.searchParams.get('thread') ?? undefined;
    const items = sim.feed(channelId, me, thread).map((item) => itemJson(item, me));
    if (!thread) sim.markRead(channelId, me);
    const members = channel.members.map((id) => ws.user(id)?.realName ?? id);
    return { channel: { id: channel.id, name: channel.name, topic: channel.topic.value, topicHtml: renderMrkdwn(channel.topic.value, ctx), members }, items };
  }

  function openStream(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const user = url.searchParams.get('user') ?? '';
    if (clients.size >= MAX_SSE_CLIENTS) return sendText(res, 503, 'too many open pages');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    const client = { user, res };
    clients.add(client);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      clients.delete(client);
    });
  }

  return route;
}

async function serveStatic(res: ServerResponse, name: string): Promise<void> {
  if (!/^[a-z0-9-]+\.(html|js|css|png)$/.test(name)) return sendText(res, 404, 'not found');
  try {
    const content = await readFile(`${STATIC_DIR}${name}`);
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(content);
  } catch {
    sendText(res, 404, 'not found');
  }
}

class BadRequest extends Error {}

function parseBody(text: string): Json {
  if (text.trim() === '') return {};
  return parseJsonObject(text) ?? badRequest('expected a JSON object');
}

function badRequest(message: string): never {
  throw new BadRequest(message);
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new BadRequest('missing a text field');
  return value;
}

function formValues(value: unknown): Record<string, Record<string, string | string[]>> {
  if (typeof value !== 'object' || value === null) return {};
  return value as Record<string, Record<string, string | string[]>>;
}
