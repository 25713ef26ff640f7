/**
 * The code host (GitHub) as the postmortem and follow-up cores need it. Errors are IntegrationError('github', …) whose
 * reason names the HTTP status and GitHub's message (e.g. `422 Validation Failed: assignees …`).
 */
import type { IntegrationStatus } from './status.js';

export interface CodeHostIssue {
  repository: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  url: string;
  closedAt: Date | null;
  updatedAt: Date;
}

export interface CodeHostWebhookEvent {
  /** X-GitHub-Delivery. */
  id: string;
  /** X-GitHub-Event, e.g. `issues`. */
  event: string;
  action: string;
  issue: CodeHostIssue | null;
  /** Who acted (login). */
  sender: string | null;
}

export interface CodeHostPort extends CodeHostHistoryPort {
  status(): IntegrationStatus;
  /** Labels that do not exist yet are created with the issue. */
  createIssue(input: { repository: string; title: string; body: string; labels: string[]; assignees: string[] }): Promise<CodeHostIssue>;
  updateIssue(input: { repository: string; number: number; title?: string; body?: string; labels?: string[]; assignees?: string[]; state?: 'open' | 'closed' }): Promise<CodeHostIssue>;
  addComment(input: { repository: string; number: number; body: string }): Promise<void>;
  getIssue(repository: string, number: number): Promise<CodeHostIssue | null>;
  /** Every page of an issue search (`is:issue label:postmortem-action is:open`), 100 a page, within the search rate limit. */
  searchIssues(query: string): Promise<CodeHostIssue[]>;
}

/** Something that changed in a repository: a deployment, a release, a merged pull request, a commit to a path. */
export interface CodeHostChange {
  kind: 'deployment' | 'release' | 'pull_request' | 'commit';
  at: Date;
  title: string;
  url: string;
  author: string | null;
}

export interface CodeHostHistoryPort {
  /** Deployments, releases, pull requests merged to the default branch, and (when `path` is given) commits touching it, since a time. */
  changesSince(repository: string, since: Date, options?: { path?: string | null }): Promise<CodeHostChange[]>;
}
