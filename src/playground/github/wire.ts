/**
 * The demo's records in GitHub's REST shapes (issues, comments, repository, pull requests, releases, deployments,
 * commits, search results), as recorded in test/fixtures/github: `url` fields point at the demo's API, `html_url`
 * at the pages it serves itself.
 */
import { createHash } from 'node:crypto';
import type { GhCommentRecord, GhCommitRecord, GhDeploymentRecord, GhIssueRecord, GhPullRecord, GhReleaseRecord } from './state.js';

export type Json = Record<string, unknown>;

const iso = (date: Date | null) => (date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
/** A stable numeric id from a name, so the same login or label always has the same id. */
const idOf = (text: string) => Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 7), 16);

export interface GhWire {
  /** `http://127.0.0.1:PORT/repos/owner/repo` */
  repoApi: string;
  /** `http://127.0.0.1:PORT/owner/repo` */
  repoHtml: string;
  user(login: string): Json;
  repository(): Json;
  issue(issue: GhIssueRecord, labelColour: (name: string) => string): Json;
  comment(issue: GhIssueRecord, comment: GhCommentRecord): Json;
  pull(pull: GhPullRecord): Json;
  release(release: GhReleaseRecord): Json;
  deployment(deployment: GhDeploymentRecord): Json;
  commit(commit: GhCommitRecord): Json;
}

export function createGhWire(baseUrl: string, owner: string, repo: string): GhWire {
  const repoApi = `${baseUrl}/repos/${owner}/${repo}`;
  const repoHtml = `${baseUrl}/${owner}/${repo}`;

  const user = (login: string): Json => ({
    login,
    id: idOf(`user:${login}`),
    node_id: `U_demo${idOf(`user:${login}`)}`,
    avatar_url: `${baseUrl}/avatars/${login}.png`,
    gravatar_id: '',
    url: `${baseUrl}/users/${login}`,
    html_url: `${baseUrl}/${login}`,
    type: 'User',
    site_admin: false,
  });

  const label = (name: string, colour: string): Json => ({
    id: idOf(`label:${name}`),
    node_id: `LA_demo${idOf(`label:${name}`)}`,
    url: `${repoApi}/labels/${encodeURIComponent(name)}`,
    name,
    color: colour,
    default: false,
    description: null,
  });

  return {
    repoApi,
    repoHtml,
    user,
    repository: () => ({
      id: idOf(`repo:${owner}/${repo}`),
      node_id: `R_demo${idOf(`repo:${owner}/${repo}`)}`,
      name: repo,
      full_name: `${owner}/${repo}`,
      private: false,
      visibility: 'public',
      owner: { ...user(owner), type: 'Organization' },
      html_url: repoHtml,
      description: `${repo} (demo repository)`,
      fork: false,
      url: repoApi,
      pulls_url: `${repoApi}/pulls{/number}`,
      releases_url: `${repoApi}/releases{/id}`,
      deployments_url: `${repoApi}/deployments`,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: iso(new Date()),
      pushed_at: iso(new Date()),
      archived: false,
      disabled: false,
      default_branch: 'main',
    }),
    issue: (i, labelColour) => {
      const url = `${repoApi}/issues/${i.number}`;
      return {
        url,
        repository_url: repoApi,
        labels_url: `${url}/labels{/name}`,
        comments_url: `${url}/comments`,
        events_url: `${url}/events`,
        html_url: `${repoHtml}/issues/${i.number}`,
        id: idOf(`issue:${i.number}`),
        node_id: `I_demo${i.number}`,
        number: i.number,
        title: i.title,
        user: user(i.author),
        labels: i.labels.map((name) => label(name, labelColour(name))),
        state: i.state,
        locked: false,
        assignee: i.assignees[0] ? user(i.assignees[0]) : null,
        assignees: i.assignees.map(user),
        milestone: null,
        comments: i.comments.length,
        created_at: iso(i.createdAt),
        updated_at: iso(i.updatedAt),
        closed_at: iso(i.closedAt),
        closed_by: i.state === 'closed' ? user(i.author) : null,
        author_association: 'MEMBER',
        active_lock_reason: null,
        body: i.body,
        state_reason: i.state === 'closed' ? 'completed' : null,
        reactions: { url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 },
      };
    },
    comment: (i, c) => ({
      url: `${repoApi}/issues/comments/${c.id}`,
      html_url: `${repoHtml}/issues/${i.number}#issuecomment-${c.id}`,
      issue_url: `${repoApi}/issues/${i.number}`,
      id: c.id,
      node_id: `IC_demo${c.id}`,
      user: user(c.author),
      created_at: iso(c.createdAt),
      updated_at: iso(c.createdAt),
      author_association: 'MEMBER',
      body: c.body,
    }),
    pull: (p) => {
      const url = `${repoApi}/pulls/${p.number}`;
      const html = `${repoHtml}/pull/${p.number}`;
      const headSha = createHash('sha1').update(`head:${p.number}`).digest('hex');
      return {
        url,
        id: idOf(`pull:${p.number}`),
        node_id: `PR_demo${p.number}`,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        issue_url: `${repoApi}/issues/${p.number}`,
        number: p.number,
        state: p.closedAt ? 'closed' : 'open',
        locked: false,
        title: p.title,
        user: user(p.author),
        body: null,
        labels: [],
        milestone: null,
        active_lock_reason: null,
        created_at: iso(p.createdAt),
        updated_at: iso(p.closedAt ?? p.createdAt),
        closed_at: iso(p.closedAt),
        merged_at: iso(p.mergedAt),
        merge_commit_sha: p.mergedAt ? createHash('sha1').update(`merge:${p.number}`).digest('hex') : null,
        assignee: null,
        assignees: [],
        requested_reviewers: [],
        requested_teams: [],
        head: { label: `${owner}:${p.head}`, ref: p.head, sha: headSha },
        base: { label: `${owner}:${p.base}`, ref: p.base, sha: createHash('sha1').update(`base:${p.number}`).digest('hex') },
        _links: { self: { href: url }, html: { href: html } },
        author_association: 'MEMBER',
        auto_merge: null,
        draft: false,
      };
    },
    release: (r) => ({
      url: `${repoApi}/releases/${r.id}`,
      assets_url: `${repoApi}/releases/${r.id}/assets`,
      upload_url: `${repoApi}/releases/${r.id}/assets{?name,label}`,
      html_url: `${repoHtml}/releases/tag/${r.tag}`,
      id: r.id,
      node_id: `RE_demo${r.id}`,
      author: user(r.author),
      tag_name: r.tag,
      target_commitish: 'main',
      name: r.name,
      draft: r.publishedAt === null,
      prerelease: false,
      created_at: iso(r.createdAt),
      published_at: iso(r.publishedAt),
      assets: [],
      tarball_url: `${repoApi}/tarball/${r.tag}`,
      zipball_url: `${repoApi}/zipball/${r.tag}`,
      body: `Release ${r.name}`,
    }),
    deployment: (d) => ({
      url: `${repoApi}/deployments/${d.id}`,
      id: d.id,
      node_id: `DE_demo${d.id}`,
      sha: d.sha,
      ref: d.ref,
      task: 'deploy',
      payload: {},
      original_environment: d.environment,
      environment: d.environment,
      description: null,
      creator: user(d.creator),
      created_at: iso(d.createdAt),
      updated_at: iso(d.createdAt),
      statuses_url: `${repoApi}/deployments/${d.id}/statuses`,
      repository_url: repoApi,
      transient_environment: false,
      production_environment: d.environment === 'production',
    }),
    commit: (c) => {
      const signature = { name: c.author, email: `${c.author}@users.noreply.example.com`, date: iso(c.committedAt) };
      return {
        sha: c.sha,
        node_id: `C_demo${c.sha.slice(0, 10)}`,
        commit: { author: signature, committer: signature, message: c.message, tree: { sha: c.sha, url: `${repoApi}/git/trees/${c.sha}` }, url: `${repoApi}/git/commits/${c.sha}`, comment_count: 0 },
        url: `${repoApi}/commits/${c.sha}`,
        html_url: `${repoHtml}/commit/${c.sha}`,
        comments_url: `${repoApi}/commits/${c.sha}/comments`,
        author: user(c.author),
        committer: user(c.author),
        parents: [],
      };
    },
  };
}

/**
 * One page of a list (`page`, `per_page` up to 100, default 30) and GitHub's Link header for the others, which
 * octokit's paginate follows.
 */
export function pageOf<T>(items: T[], query: URLSearchParams, selfUrl: string): { items: T[]; link: string | null } {
  const perPageAsked = Number(query.get('per_page') ?? 30);
  const perPage = Number.isInteger(perPageAsked) && perPageAsked > 0 ? Math.min(perPageAsked, 100) : 30;
  const pageAsked = Number(query.get('page') ?? 1);
  const page = Number.isInteger(pageAsked) && pageAsked > 0 ? pageAsked : 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number) => {
    const url = new URL(selfUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return url.href;
  };
  const links: string[] = [];
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: links.length > 0 ? links.join(', ') : null };
}

export function errorBody(status: number, message: string, documentation: string, errors?: unknown[]): Json {
  return { message, ...(errors && errors.length > 0 ? { errors } : {}), documentation_url: `https://docs.github.com/rest/${documentation}`, status: String(status) };
}
