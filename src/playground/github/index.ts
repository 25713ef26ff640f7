/**
 * A demo GitHub on loopback for the playground: the REST endpoints the bot's GitHub adapter calls through octokit
 * (issues, comments, issue search, and the repository history of `changesSince`) in GitHub's wire format, for one
 * repository, behind `Authorization: token …` or `Bearer …`. The `html_url`s it hands out are pages it serves.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { changeListeners, listenOnLoopback, readBody, sendHtml, sendJson } from '../http-kit.js';
import { issuePage, notFoundPage, pullPage, releasePage } from './page.js';
import { type GhContext, routes } from './routes.js';
import { seedChanges } from './seed.js';
import { DemoGitHubState, GhError } from './state.js';
import { createGhWire, errorBody, type Json } from './wire.js';

export { SEEDED_CONFIG_PATH } from './seed.js';

export interface DemoGitHubOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** The token the bot must send; generated when absent. */
  token?: string;
  owner: string;
  repo: string;
  /** Who can be assigned issues (the repository's collaborators). */
  logins: string[];
  /** Seeds a merged pull request, a release, a deployment and a config commit in the last few hours. */
  seedChanges?: boolean;
}

export interface DemoIssueView {
  number: number;
  title: string;
  url: string;
  state: string;
  labels: string[];
  assignees: string[];
  createdAt: string;
  body: string;
}

export interface DemoGitHub {
  /** `http://127.0.0.1:PORT`: the bot's GITHUB_API_URL. */
  url: string;
  token: string;
  owner: string;
  repo: string;
  /** Newest first. */
  issues(): DemoIssueView[];
  /** Called after any change of state; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The login the token belongs to: the author of the issues and comments the bot writes. */
const VIEWER = 'warroom-bot';

function send(res: ServerResponse, status: number, body: Json | Json[], link?: string | null): void {
  sendJson(res, status, body, { 'x-github-media-type': 'github.v3; format=json', ...(link ? { link } : {}) });
}

export async function startDemoGitHub(options: DemoGitHubOptions): Promise<DemoGitHub> {
  const token = options.token ?? `ghp_demo${randomBytes(16).toString('hex')}`;
  const { owner, repo } = options;
  const repoName = `${owner}/${repo}`;
  const state = new DemoGitHubState(options.logins, VIEWER);
  if (options.seedChanges) seedChanges(state, new Date(), options.logins);
  const changes = changeListeners();
  const notify = changes.notify;

  /** The pages of the demo's html_urls, for people's browsers: no token. Null when the path is not one. */
  function page(path: string): { status: number; html: string } | null {
    const prefix = `/${owner}/${repo}/`.toLowerCase();
    if (!path.toLowerCase().startsWith(prefix)) return null;
    const rest = path.slice(prefix.length);
    const number = Number(/^(?:issues|pull)\/(\d+)$/.exec(rest)?.[1] ?? NaN);
    const issue = rest.startsWith('issues/') ? state.issues.find((i) => i.number === number) : undefined;
    if (issue) return { status: 200, html: issuePage(repoName, issue) };
    const pull = rest.startsWith('pull/') ? state.pulls.find((p) => p.number === number) : undefined;
    if (pull) return { status: 200, html: pullPage(repoName, pull) };
    const tag = /^releases\/tag\/(.+)$/.exec(rest)?.[1];
    const release = tag ? state.releases.find((r) => r.tag === decodeURIComponent(tag)) : undefined;
    if (release) return { status: 200, html: releasePage(repoName, release) };
    return { status: 404, html: notFoundPage(repoName) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', baseUrl);
    const text = await readBody(req);

    const html = method === 'GET' ? page(url.pathname) : null;
    if (html) return sendHtml(res, html.status, html.html);

    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `Bearer ${token}`) return send(res, 401, errorBody(401, 'Bad credentials', 'overview/authenticating-to-the-rest-api'));
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      return send(res, 400, errorBody(400, 'Problems parsing JSON', 'overview/resources-in-the-rest-api'));
    }
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(url.pathname) : null;
      if (!match) continue;
      const params = match.slice(1).map((p) => decodeURIComponent(p ?? ''));
      try {
        const answer = route.handle(context, { params, query: url.searchParams, body, url: url.href, now: new Date() });
        send(res, answer.status, answer.body, answer.link);
        if (route.writes) notify();
      } catch (err) {
        if (!(err instanceof GhError)) throw err;
        send(res, err.status, errorBody(err.status, err.ghMessage, route.docs, err.errors));
      }
      return;
    }
    send(res, 404, errorBody(404, 'Not Found', 'overview/resources-in-the-rest-api'));
  }

  const { url: baseUrl, close } = await listenOnLoopback((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, errorBody(500, `Server Error: ${String(err)}`, 'overview/resources-in-the-rest-api')));
  }, options.port);
  const wire = createGhWire(baseUrl, owner, repo);
  const context: GhContext = { state, wire, owner, repo };

  return {
    url: baseUrl,
    token,
    owner,
    repo,
    issues: () =>
      [...state.issues].reverse().map((i) => ({
        number: i.number,
        title: i.title,
        url: `${wire.repoHtml}/issues/${i.number}`,
        state: i.state,
        labels: [...i.labels],
        assignees: [...i.assignees],
        createdAt: i.createdAt.toISOString(),
        body: i.body,
      })),
    onChange: changes.add,
    close,
  };
}
