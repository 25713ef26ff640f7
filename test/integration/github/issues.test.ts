/**
 * Creating, updating, commenting on and reading issues: the requests GitHub receives (paths, bodies) and how its
 * answers map to CodeHostIssue (labels by name, assignees by login, html_url, closed_at, updated_at).
 */
import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../support/fakes/logger.js';
import { createTestCodeHost, fixture, github, GH_TOKEN, useGitHubNock } from './github-nock.js';

useGitHubNock();

const actionItem = {
  repository: 'acme/checkout',
  title: '[P0] Add a circuit breaker on the payment provider client',
  body: 'Action item for INC-2026-0042.',
  labels: ['postmortem-action', 'priority-p0', 'INC-2026-0042'],
  assignees: ['alice-sre'],
};

describe('createIssue', () => {
  it('posts title, body, labels by name and assignees, and maps the 201', async () => {
    const port = createTestCodeHost();
    let sent: unknown;
    github()
      .post('/repos/acme/checkout/issues', (body: unknown) => ((sent = body), true))
      .reply(201, fixture('create-issue.201.json'));

    const issue = await port.createIssue(actionItem);

    expect(sent).toEqual({ title: actionItem.title, body: actionItem.body, labels: actionItem.labels, assignees: ['alice-sre'] });
    expect(issue).toEqual({
      repository: 'acme/checkout',
      number: 123,
      title: '[P0] Add a circuit breaker on the payment provider client',
      body: expect.stringContaining('**Validation:** chaos test'),
      state: 'open',
      labels: ['postmortem-action', 'priority-p0', 'INC-2026-0042'],
      assignees: ['alice-sre'],
      url: 'https://github.com/acme/checkout/issues/123',
      closedAt: null,
      updatedAt: new Date('2026-03-02T10:15:00Z'),
    });
    expect(port.reports).toEqual([{ operation: 'createIssue', outcome: 'success' }]);
  });

  it('sends no assignees field when there are none', async () => {
    const port = createTestCodeHost();
    let sent: Record<string, unknown> = {};
    github()
      .post('/repos/acme/checkout/issues', (body: Record<string, unknown>) => ((sent = body), true))
      .reply(201, fixture('create-issue.201.json'));
    await port.createIssue({ ...actionItem, assignees: [] });
    expect(sent).not.toHaveProperty('assignees');
  });

  it('a 422 on an unassignable login is retried once without assignees, with a warning', async () => {
    const logger = createSilentLogger();
    const port = createTestCodeHost({ logger });
    const bodies: Record<string, unknown>[] = [];
    const record = (body: Record<string, unknown>) => (bodies.push(body), true);
    github().post('/repos/acme/checkout/issues', record).reply(422, fixture('error-422-invalid-assignee.json'));
    const created = fixture<Record<string, unknown>>('create-issue.201.json');
    github().post('/repos/acme/checkout/issues', record).reply(201, { ...created, assignee: null, assignees: [] });

    const issue = await port.createIssue({ ...actionItem, assignees: ['not-a-user'] });

    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatchObject({ assignees: ['not-a-user'] });
    expect(bodies[1]).not.toHaveProperty('assignees');
    expect(bodies[1]).toMatchObject({ title: actionItem.title, labels: actionItem.labels });
    expect(issue).toMatchObject({ number: 123, assignees: [] });
    const warning = logger.entries.find((e) => e.level === 'warn');
    expect(warning?.msg).toMatch(/retrying without them/);
    expect(warning?.obj).toMatchObject({ assignees: ['not-a-user'], reason: '422 Validation Failed: assignees invalid (not-a-user)' });
    expect(JSON.stringify(logger.entries)).not.toContain(GH_TOKEN);
    expect(port.reports).toEqual([{ operation: 'createIssue', outcome: 'success' }]);
  });

  it('rejects a repository that is not owner/name without calling GitHub', async () => {
    const port = createTestCodeHost();
    await expect(port.createIssue({ ...actionItem, repository: 'checkout' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(port.reports).toEqual([{ operation: 'createIssue', outcome: 'bad_input' }]);
  });
});

describe('updateIssue', () => {
  it('patches only the given fields and maps the closed issue', async () => {
    const port = createTestCodeHost();
    let sent: unknown;
    github()
      .patch('/repos/acme/checkout/issues/123', (body: unknown) => ((sent = body), true))
      .reply(200, fixture('update-issue.200.json'));

    const issue = await port.updateIssue({ repository: 'acme/checkout', number: 123, title: '[P0] Add a circuit breaker on the payment provider client (v2)', state: 'closed', assignees: ['bob-dev'] });

    expect(sent).toEqual({ title: '[P0] Add a circuit breaker on the payment provider client (v2)', state: 'closed', assignees: ['bob-dev'] });
    expect(issue).toMatchObject({ number: 123, state: 'closed', assignees: ['bob-dev'], closedAt: new Date('2026-03-10T16:42:05Z'), updatedAt: new Date('2026-03-10T16:42:05Z') });
  });

  it('can replace labels and clear assignees (an empty list is sent, not dropped)', async () => {
    const port = createTestCodeHost();
    let sent: unknown;
    github()
      .patch('/repos/acme/checkout/issues/123', (body: unknown) => ((sent = body), true))
      .reply(200, fixture('update-issue.200.json'));
    await port.updateIssue({ repository: 'acme/checkout', number: 123, labels: ['postmortem-action'], assignees: [], body: 'New body' });
    expect(sent).toEqual({ labels: ['postmortem-action'], assignees: [], body: 'New body' });
  });
});

describe('addComment', () => {
  it('posts the body to the issue’s comments', async () => {
    const port = createTestCodeHost();
    github().post('/repos/acme/checkout/issues/123/comments', { body: 'Validated: chaos test passed' }).reply(201, fixture('create-comment.201.json'));
    await port.addComment({ repository: 'acme/checkout', number: 123, body: 'Validated: chaos test passed' });
    expect(port.reports).toEqual([{ operation: 'addComment', outcome: 'success' }]);
  });
});

describe('getIssue', () => {
  it('maps an issue with no assignees and a null body', async () => {
    const port = createTestCodeHost();
    github().get('/repos/acme/checkout/issues/120').reply(200, { ...fixture('get-issue.200.json'), body: null });
    const issue = await port.getIssue('acme/checkout', 120);
    expect(issue).toEqual({
      repository: 'acme/checkout',
      number: 120,
      title: 'Postmortem: INC-2026-0042 checkout outage',
      body: '',
      state: 'open',
      labels: ['postmortem', 'SEV1'],
      assignees: [],
      url: 'https://github.com/acme/checkout/issues/120',
      closedAt: null,
      updatedAt: new Date('2026-03-03T08:00:00Z'),
    });
  });

  it('404 → null, reported as not_found', async () => {
    const port = createTestCodeHost();
    github().get('/repos/acme/checkout/issues/999').reply(404, fixture('error-404.json'));
    expect(await port.getIssue('acme/checkout', 999)).toBeNull();
    expect(port.reports).toEqual([{ operation: 'getIssue', outcome: 'not_found' }]);
  });
});
