/**
 * The REST endpoints the bot's GitHub adapter calls through octokit (src/integrations/github): issues (create,
 * update, get, comment), issue search, and the repository history behind `changesSince`. Each route answers
 * `{ status, body, link? }`; GhError becomes GitHub's error body in the server.
 */
import { matchesIssue, parseIssueSearch } from './search.js';
import { type DemoGitHubState, GhError, type IssueInput } from './state.js';
import { type GhWire, type Json, pageOf } from './wire.js';

export interface GhRequest {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  /** The request's own URL, for the Link header of lists. */
  url: string;
  now: Date;
}

export interface GhAnswer {
  status: number;
  body: Json | Json[];
  link?: string | null;
}

export interface GhContext {
  state: DemoGitHubState;
  wire: GhWire;
  owner: string;
  repo: string;
}

export interface GhRoute {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: RegExp;
  /** Changes state: listeners are told after it answers 2xx. */
  writes: boolean;
  /** The page of GitHub's docs its errors point at. */
  docs: string;
  handle(ctx: GhContext, request: GhRequest): GhAnswer;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const REPO = '([^/]+)/([^/]+)';

/** Routes under /repos/{owner}/{repo} answer 404 for any other repository, as GitHub does for one you cannot see. */
function requireRepo(ctx: GhContext, params: string[]): void {
  const [owner = '', repo = ''] = params;
  if (owner.toLowerCase() !== ctx.owner.toLowerCase() || repo.toLowerCase() !== ctx.repo.toLowerCase()) throw new GhError(404, 'Not Found');
}

function issueNumber(params: string[]): number {
  const number = Number(params[2]);
  if (!Number.isInteger(number) || number < 1) throw new GhError(404, 'Not Found');
  return number;
}

function invalidField(resource: string, field: string): GhError {
  return new GhError(422, 'Validation Failed', [{ resource, field, code: 'invalid' }]);
}

/** The writable fields of an issue body; labels may be names or `{ name }` objects, as GitHub accepts. */
function issueInput(body: unknown): IssueInput {
  if (!isRecord(body)) throw new GhError(400, 'Problems parsing JSON');
  const input: IssueInput = {};
  if (body.title !== undefined) {
    if (typeof body.title !== 'string' && typeof body.title !== 'number') throw invalidField('Issue', 'title');
    input.title = String(body.title);
  }
  if (body.body !== undefined && body.body !== null) {
    if (typeof body.body !== 'string') throw invalidField('Issue', 'body');
    input.body = body.body;
  }
  if (body.labels !== undefined) {
    if (!Array.isArray(body.labels)) throw invalidField('Issue', 'labels');
    input.labels = body.labels.map((l) => (typeof l === 'string' ? l : isRecord(l) && typeof l.name === 'string' ? l.name : '')).filter((l) => l !== '');
  }
  if (body.assignees !== undefined) {
    if (!Array.isArray(body.assignees) || !body.assignees.every((a) => typeof a === 'string')) throw invalidField('Issue', 'assignees');
    input.assignees = body.assignees as string[];
  }
  if (body.state !== undefined) {
    if (body.state !== 'open' && body.state !== 'closed') throw invalidField('Issue', 'state');
    input.state = body.state;
  }
  return input;
}

const newestFirst = <T>(items: T[], at: (item: T) => Date) => [...items].sort((a, b) => at(b).getTime() - at(a).getTime());

function list<T>(items: T[], request: GhRequest, shape: (item: T) => Json): GhAnswer {
  const page = pageOf(items, request.query, request.url);
  return { status: 200, body: page.items.map(shape), link: page.link };
}

const colourOf = (ctx: GhContext) => (name: string) => ctx.state.labels.get(name) ?? 'ededed';

export const routes: GhRoute[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}$`),
    writes: false,
    docs: 'repos/repos#get-a-repository',
    handle: (ctx, { params }) => {
      requireRepo(ctx, params);
      return { status: 200, body: ctx.wire.repository() };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/repos/${REPO}/issues$`),
    writes: true,
    docs: 'issues/issues#create-an-issue',
    handle: (ctx, { params, body, now }) => {
      requireRepo(ctx, params);
      const issue = ctx.state.createIssue(issueInput(body), now);
      return { status: 201, body: ctx.wire.issue(issue, colourOf(ctx)) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/issues$`),
    writes: false,
    docs: 'issues/issues#list-repository-issues',
    handle: (ctx, request) => {
      requireRepo(ctx, request.params);
      const state = request.query.get('state') ?? 'open';
      const labels = (request.query.get('labels') ?? '').split(',').filter(Boolean);
      const issues = ctx.state.issues.filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
      return list(newestFirst(issues, (i) => i.createdAt), request, (i) => ctx.wire.issue(i, colourOf(ctx)));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/issues/(\\d+)$`),
    writes: false,
    docs: 'issues/issues#get-an-issue',
    handle: (ctx, { params }) => {
      requireRepo(ctx, params);
      return { status: 200, body: ctx.wire.issue(ctx.state.issue(issueNumber(params)), colourOf(ctx)) };
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^/repos/${REPO}/issues/(\\d+)$`),
    writes: true,
    docs: 'issues/issues#update-an-issue',
    handle: (ctx, { params, body, now }) => {
      requireRepo(ctx, params);
      const issue = ctx.state.updateIssue(issueNumber(params), issueInput(body), now);
      return { status: 200, body: ctx.wire.issue(issue, colourOf(ctx)) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/issues/(\\d+)/comments$`),
    writes: false,
    docs: 'issues/comments#list-issue-comments',
    handle: (ctx, request) => {
      requireRepo(ctx, request.params);
      const issue = ctx.state.issue(issueNumber(request.params));
      return list(issue.comments, request, (c) => ctx.wire.comment(issue, c));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/repos/${REPO}/issues/(\\d+)/comments$`),
    writes: true,
    docs: 'issues/comments#create-an-issue-comment',
    handle: (ctx, { params, body, now }) => {
      requireRepo(ctx, params);
      if (!isRecord(body) || typeof body.body !== 'string') throw new GhError(422, 'Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
      const number = issueNumber(params);
      const comment = ctx.state.addComment(number, body.body, now);
      return { status: 201, body: ctx.wire.comment(ctx.state.issue(number), comment) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/search\/issues$/,
    writes: false,
    docs: 'search/search#search-issues-and-pull-requests',
    handle: (ctx, request) => {
      const q = request.query.get('q');
      if (!q) throw new GhError(422, 'Validation Failed', [{ resource: 'Search', field: 'q', code: 'missing' }]);
      const search = parseIssueSearch(q);
      const hits = newestFirst(
        ctx.state.issues.filter((i) => matchesIssue(search, i, `${ctx.owner}/${ctx.repo}`)),
        (i) => i.createdAt,
      );
      const page = pageOf(hits, request.query, request.url);
      const items = page.items.map((i) => ({ ...ctx.wire.issue(i, colourOf(ctx)), score: 1 }));
      return { status: 200, body: { total_count: hits.length, incomplete_results: false, items }, link: page.link };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/pulls$`),
    writes: false,
    docs: 'pulls/pulls#list-pull-requests',
    handle: (ctx, request) => {
      requireRepo(ctx, request.params);
      const { query } = request;
      const state = query.get('state') ?? 'open';
      const base = query.get('base');
      const pulls = ctx.state.pulls.filter((p) => (state === 'all' || (p.closedAt ? 'closed' : 'open') === state) && (!base || p.base === base));
      const updated = (p: (typeof pulls)[number]) => p.closedAt ?? p.createdAt;
      const sorted = query.get('sort') === 'updated' ? newestFirst(pulls, updated) : newestFirst(pulls, (p) => p.createdAt);
      return list(query.get('direction') === 'asc' ? sorted.reverse() : sorted, request, ctx.wire.pull);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/releases$`),
    writes: false,
    docs: 'releases/releases#list-releases',
    handle: (ctx, request) => {
      requireRepo(ctx, request.params);
      return list(newestFirst(ctx.state.releases, (r) => r.createdAt), request, ctx.wire.release);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/deployments$`),
    writes: false,
    docs: 'deployments/deployments#list-deployments',
    handle: (ctx, request) => {
      requireRepo(ctx, request.params);
      const environment = request.query.get('environment');
      const deployments = ctx.state.deployments.filter((d) => !environment || d.environment === environment);
      return list(newestFirst(deployments, (d) => d.createdAt), request, ctx.wire.deployment);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/repos/${REPO}/commits$`),
    writes: false,
    docs: 'commits/commits#list-commits',
    handle: (ctx, request) => {
      requireRepo(ctx, request.params);
      const path = request.query.get('path')?.replace(/^\/+|\/+$/g, '');
      const since = request.query.get('since');
      const sinceAt = since ? new Date(since) : null;
      const commits = ctx.state.commits.filter(
        (c) => (!path || c.files.some((f) => f === path || f.startsWith(`${path}/`))) && (!sinceAt || Number.isNaN(sinceAt.getTime()) || c.committedAt >= sinceAt),
      );
      return list(newestFirst(commits, (c) => c.committedAt), request, ctx.wire.commit);
    },
  },
];

