/**
 * GitHub's REST issue (and the issue inside an `issues` webhook) as Warroom's CodeHostIssue, and `owner/name`
 * repository names. Labels come as objects (or bare names in older payloads); assignees may be null.
 */
import { DomainError } from '../../core/errors.js';
import type { CodeHostIssue } from '../../core/ports/code-host.js';

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface RepositoryName {
  owner: string;
  repo: string;
}

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** `acme/checkout` → { owner, repo }; anything else is the caller's mistake (config), not GitHub's. */
export function parseRepository(repository: string): RepositoryName {
  const match = REPOSITORY.exec(repository.trim());
  if (!match?.[1] || !match[2]) throw new DomainError('BAD_INPUT', `"${repository}" is not a GitHub repository: write it as owner/name (e.g. acme/checkout).`);
  return { owner: match[1], repo: match[2] };
}

/** `https://api.github.com/repos/acme/checkout` (or a GitHub Enterprise `…/api/v3/repos/…`) → `acme/checkout`. */
export function repositoryFromApiUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const match = /\/repos\/([^/]+)\/([^/]+?)\/?$/.exec(url);
  return match?.[1] && match[2] ? `${match[1]}/${match[2]}` : null;
}

/** Thrown when GitHub's answer is not an issue; the adapter reports it as an invalid response. */
export class InvalidGitHubIssue extends Error {
  constructor(message: string) {
    super(`GitHub answered with something that is not an issue: ${message}`);
    this.name = 'InvalidGitHubIssue';
  }
}

function dateOf(value: unknown, field: string): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new InvalidGitHubIssue(`${field} is not a date`);
  return date;
}

function labelsOf(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.flatMap((label) => (typeof label === 'string' ? [label] : isRecord(label) && typeof label.name === 'string' ? [label.name] : []));
}

function assigneesOf(issue: Record<string, unknown>): string[] {
  const list = Array.isArray(issue.assignees) ? issue.assignees : isRecord(issue.assignee) ? [issue.assignee] : [];
  return list.flatMap((user) => (isRecord(user) && typeof user.login === 'string' ? [user.login] : []));
}

/** `repository` is known to the caller for repository endpoints; search results carry it in `repository_url`. */
export function toCodeHostIssue(data: unknown, repository?: string): CodeHostIssue {
  if (!isRecord(data)) throw new InvalidGitHubIssue('expected an object');
  if (typeof data.number !== 'number') throw new InvalidGitHubIssue('number is missing');
  const repo = repository ?? repositoryFromApiUrl(data.repository_url);
  if (!repo) throw new InvalidGitHubIssue(`issue #${data.number} has no repository_url`);
  if (data.state !== 'open' && data.state !== 'closed') throw new InvalidGitHubIssue(`issue #${data.number} has state ${JSON.stringify(data.state)}`);
  return {
    repository: repo,
    number: data.number,
    title: typeof data.title === 'string' ? data.title : '',
    body: typeof data.body === 'string' ? data.body : '',
    state: data.state,
    labels: labelsOf(data.labels),
    assignees: assigneesOf(data),
    url: typeof data.html_url === 'string' ? data.html_url : '',
    closedAt: data.closed_at == null ? null : dateOf(data.closed_at, 'closed_at'),
    updatedAt: dateOf(data.updated_at, 'updated_at'),
  };
}
