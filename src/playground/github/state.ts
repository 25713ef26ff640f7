/**
 * The demo repository in memory: issues (with labels, assignees and comments) and the recent history the bot's
 * context snapshot reads (merged pull requests, releases, deployments, commits). Issues and pull requests share
 * one number sequence, as on GitHub. Operations throw GhError with GitHub's own error wording.
 */

export interface GhIssueRecord {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  assignees: string[];
  author: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  comments: GhCommentRecord[];
}

export interface GhCommentRecord {
  id: number;
  body: string;
  author: string;
  createdAt: Date;
}

export interface GhPullRecord {
  number: number;
  title: string;
  author: string;
  base: string;
  head: string;
  createdAt: Date;
  mergedAt: Date | null;
  closedAt: Date | null;
}

export interface GhReleaseRecord {
  id: number;
  tag: string;
  name: string;
  author: string;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface GhDeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  creator: string;
  createdAt: Date;
}

export interface GhCommitRecord {
  sha: string;
  message: string;
  author: string;
  files: string[];
  committedAt: Date;
}

/** A validation detail of a 422, as GitHub lists them in `errors[]`. */
export interface GhValidation {
  resource: string;
  field: string;
  code: string;
  value?: unknown;
}

export class GhError extends Error {
  constructor(
    readonly status: number,
    readonly ghMessage: string,
    readonly errors: GhValidation[] = [],
  ) {
    super(`${status} ${ghMessage}`);
    this.name = 'GhError';
  }
}

export interface IssueInput {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
}

/** Colours GitHub picks for a label created by name through the issues API. */
const LABEL_COLOUR = 'ededed';

export class DemoGitHubState {
  readonly issues: GhIssueRecord[] = [];
  readonly pulls: GhPullRecord[] = [];
  readonly releases: GhReleaseRecord[] = [];
  readonly deployments: GhDeploymentRecord[] = [];
  readonly commits: GhCommitRecord[] = [];
  /** Label name → colour; labels passed by name are created on first use. */
  readonly labels = new Map<string, string>();
  private nextNumber = 1;
  private nextComment = 1;

  constructor(
    /** Who may be assigned (collaborators of the repository). */
    readonly assignable: string[],
    /** The login the API token belongs to: the author of what the bot creates. */
    readonly viewer: string,
  ) {}

  /** The next issue or pull request number. */
  takeNumber(): number {
    return this.nextNumber++;
  }

  issue(number: number): GhIssueRecord {
    const found = this.issues.find((i) => i.number === number);
    if (!found) throw new GhError(404, 'Not Found');
    return found;
  }

  createIssue(input: IssueInput, now: Date): GhIssueRecord {
    if (!input.title || input.title.trim() === '') throw new GhError(422, 'Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
    const issue: GhIssueRecord = {
      number: this.takeNumber(),
      title: input.title,
      body: input.body ?? '',
      state: 'open',
      labels: [],
      assignees: [],
      author: this.viewer,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      comments: [],
    };
    this.apply(issue, input, now);
    this.issues.push(issue);
    return issue;
  }

  updateIssue(number: number, input: IssueInput, now: Date): GhIssueRecord {
    const issue = this.issue(number);
    if (input.title !== undefined && input.title.trim() === '') throw new GhError(422, 'Validation Failed', [{ resource: 'Issue', field: 'title', code: 'missing_field' }]);
    this.apply(issue, input, now);
    return issue;
  }

  addComment(number: number, body: string, now: Date): GhCommentRecord {
    const issue = this.issue(number);
    if (body.trim() === '') throw new GhError(422, 'Validation Failed', [{ resource: 'IssueComment', field: 'body', code: 'missing_field' }]);
    const comment = { id: this.nextComment++, body, author: this.viewer, createdAt: now };
    issue.comments.push(comment);
    issue.updatedAt = now;
    return comment;
  }

  /** Checks everything first, so a refused write changes nothing (GitHub's 422 is all or nothing). */
  private apply(issue: GhIssueRecord, input: IssueInput, now: Date): void {
    const unknown = (input.assignees ?? []).filter((login) => !this.assignable.some((a) => a.toLowerCase() === login.toLowerCase()));
    if (unknown.length > 0) throw new GhError(422, 'Validation Failed', unknown.map((value) => ({ value, resource: 'Issue', field: 'assignees', code: 'invalid' })));
    if (input.title !== undefined) issue.title = input.title;
    if (input.body !== undefined) issue.body = input.body;
    if (input.labels !== undefined) {
      for (const label of input.labels) if (!this.labels.has(label)) this.labels.set(label, LABEL_COLOUR);
      issue.labels = [...new Set(input.labels)];
    }
    if (input.assignees !== undefined) issue.assignees = [...new Set(input.assignees.map((login) => this.assignable.find((a) => a.toLowerCase() === login.toLowerCase()) ?? login))];
    if (input.state !== undefined && input.state !== issue.state) {
      issue.state = input.state;
      issue.closedAt = input.state === 'closed' ? now : null;
    }
    issue.updatedAt = now;
  }
}
