/** An in-memory CodeHostPort: keeps issues, comments and labels; any method can be made to fail. */
import { IntegrationError } from '../../../src/core/errors.js';
import type { CodeHostChange, CodeHostIssue, CodeHostPort } from '../../../src/core/ports.js';
import type { Clock } from '../../../src/core/ports.js';

type Method = Exclude<keyof CodeHostPort, 'status'>;

export interface FakeCodeHost extends CodeHostPort {
  issues: CodeHostIssue[];
  /** What `changesSince` answers, per repository (filtered by `since`). */
  changes: Record<string, CodeHostChange[]>;
  comments: { repository: string; number: number; body: string }[];
  calls: { method: Method; args: unknown }[];
  /** Fails `method` with IntegrationError('github', …) — after `after` successful calls, `times` times (default: until heal). */
  failOn(method: Method, options?: { after?: number; times?: number; reason?: string }): void;
  heal(): void;
  issue(repository: string, number: number): CodeHostIssue | undefined;
  /** Changes an issue as a person on GitHub would (no call recorded). */
  edit(repository: string, number: number, patch: Partial<CodeHostIssue>): CodeHostIssue;
}

export function createFakeCodeHost(options: { clock?: Clock; baseUrl?: string } = {}): FakeCodeHost {
  const now = () => options.clock?.now() ?? new Date();
  const base = options.baseUrl ?? 'https://github.example';
  const failures = new Map<Method, { after: number; times: number; reason: string }>();
  const counters = new Map<string, number>();

  const host: FakeCodeHost = {
    issues: [],
    changes: {},
    comments: [],
    calls: [],
    failOn(method, o = {}) {
      failures.set(method, { after: o.after ?? 0, times: o.times ?? Number.POSITIVE_INFINITY, reason: o.reason ?? '502 Bad Gateway' });
    },
    heal: () => failures.clear(),
    issue: (repository, number) => host.issues.find((i) => i.repository === repository && i.number === number),
    edit(repository, number, patch) {
      const found = host.issue(repository, number);
      if (!found) throw new Error(`no issue ${repository}#${number}`);
      Object.assign(found, patch, { updatedAt: now() });
      return structuredClone(found);
    },
    status: () => ({ configured: true, detail: 'fake GitHub' }),
    createIssue: record('createIssue', async (input) => {
      const number = (counters.get(input.repository) ?? 0) + 1;
      counters.set(input.repository, number);
      const issue: CodeHostIssue = {
        repository: input.repository,
        number,
        title: input.title,
        body: input.body,
        state: 'open',
        labels: [...input.labels],
        assignees: [...input.assignees],
        url: `${base}/${input.repository}/issues/${number}`,
        closedAt: null,
        updatedAt: now(),
      };
      host.issues.push(issue);
      return structuredClone(issue);
    }),
    updateIssue: record('updateIssue', async (input) => {
      const found = host.issue(input.repository, input.number);
      if (!found) throw new IntegrationError('github', 'updateIssue', '404 Not Found');
      if (input.title !== undefined) found.title = input.title;
      if (input.body !== undefined) found.body = input.body;
      if (input.labels !== undefined) found.labels = [...input.labels];
      if (input.assignees !== undefined) found.assignees = [...input.assignees];
      if (input.state !== undefined && input.state !== found.state) {
        found.state = input.state;
        found.closedAt = input.state === 'closed' ? now() : null;
      }
      found.updatedAt = now();
      return structuredClone(found);
    }),
    addComment: record('addComment', async (input) => {
      if (!host.issue(input.repository, input.number)) throw new IntegrationError('github', 'addComment', '404 Not Found');
      host.comments.push({ ...input });
    }),
    getIssue: record('getIssue', async (repository, number) => {
      const found = host.issue(repository, number);
      return found ? structuredClone(found) : null;
    }),
    searchIssues: record('searchIssues', async () => structuredClone(host.issues.filter((i) => i.state === 'open'))),
    changesSince: record('changesSince', async (repository, since) => structuredClone((host.changes[repository] ?? []).filter((c) => c.at.getTime() >= since.getTime()))),
  };

  function record<A extends unknown[], R>(method: Method, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      host.calls.push({ method, args: structuredClone(args.length === 1 ? args[0] : args) });
      const failure = failures.get(method);
      if (failure) {
        if (failure.after > 0) failure.after--;
        else if (failure.times > 0) {
          failure.times--;
          throw new IntegrationError('github', method, failure.reason, true);
        }
      }
      return fn(...args);
    };
  }

  return host;
}
