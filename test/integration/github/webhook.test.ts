/** `/webhooks/github`: X-Hub-Signature-256 verification over the raw body, and issues events as CodeHostWebhookEvent. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MalformedGitHubWebhook, parseGitHubWebhook, verifyGitHubSignature } from '../../../src/integrations/github/index.js';
import { fixture, rawFixture } from './github-nock.js';

const SECRET = 'gh-webhook-secret';
const sign = (body: string | Buffer, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const headers = (event: string) => ({ event, delivery: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });

describe('verifyGitHubSignature', () => {
  const body = rawFixture('webhook-issues-closed.json');

  it('accepts the HMAC-SHA256 of the raw body, as a string or bytes', () => {
    expect(verifyGitHubSignature(body, sign(body), SECRET)).toBe(true);
    expect(verifyGitHubSignature(Buffer.from(body), sign(body).toUpperCase().replace('SHA256=', 'sha256='), SECRET)).toBe(true);
  });

  it('rejects a missing, empty or malformed header', () => {
    expect(verifyGitHubSignature(body, undefined, SECRET)).toBe(false);
    expect(verifyGitHubSignature(body, '', SECRET)).toBe(false);
    expect(verifyGitHubSignature(body, sign(body).replace('sha256=', 'sha1='), SECRET)).toBe(false);
    expect(verifyGitHubSignature(body, 'sha256=abc', SECRET)).toBe(false);
  });

  it('rejects another secret, an altered body, and an empty secret', () => {
    expect(verifyGitHubSignature(body, sign(body, 'other-secret'), SECRET)).toBe(false);
    expect(verifyGitHubSignature(body.replace('"closed"', '"open"'), sign(body), SECRET)).toBe(false);
    expect(verifyGitHubSignature(body, sign(body, ''), '')).toBe(false);
  });
});

describe('parseGitHubWebhook', () => {
  it('closed: the issue closed, with its repository, labels, assignees and who closed it', () => {
    const event = parseGitHubWebhook(rawFixture('webhook-issues-closed.json'), headers('issues'));
    expect(event).toEqual({
      id: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      event: 'issues',
      action: 'closed',
      sender: 'alice-sre',
      issue: {
        repository: 'acme/checkout',
        number: 123,
        title: '[P0] Add a circuit breaker on the payment provider client',
        body: 'Action item for INC-2026-0042.',
        state: 'closed',
        labels: ['postmortem-action', 'priority-p0', 'INC-2026-0042'],
        assignees: ['alice-sre'],
        url: 'https://github.com/acme/checkout/issues/123',
        closedAt: new Date('2026-03-10T16:42:05Z'),
        updatedAt: new Date('2026-03-10T16:42:05Z'),
      },
    });
  });

  it('reopened, assigned and edited (from parsed JSON)', () => {
    expect(parseGitHubWebhook(fixture('webhook-issues-reopened.json'), headers('issues'))).toMatchObject({ action: 'reopened', issue: { state: 'open', closedAt: null } });
    expect(parseGitHubWebhook(fixture('webhook-issues-assigned.json'), headers('issues'))).toMatchObject({ action: 'assigned', issue: { assignees: ['alice-sre', 'bob-dev'] } });
    expect(parseGitHubWebhook(fixture('webhook-issues-edited.json'), headers('issues'))).toMatchObject({ action: 'edited', issue: { title: '[P0] Circuit breaker on the payment client' } });
  });

  it('other events parse with issue null; ping has no action', () => {
    expect(parseGitHubWebhook(fixture('webhook-issue-comment-created.json'), headers('issue_comment'))).toEqual({ id: '72d3162e-cc78-11e3-81ab-4c9367dc0958', event: 'issue_comment', action: 'created', issue: null, sender: 'bob-dev' });
    expect(parseGitHubWebhook({ zen: 'Keep it logically awesome.', hook_id: 1 }, headers('ping'))).toMatchObject({ event: 'ping', action: '', issue: null, sender: null });
  });

  it('malformed deliveries throw MalformedGitHubWebhook', () => {
    const closed = fixture<Record<string, unknown>>('webhook-issues-closed.json');
    const bad: [unknown, ReturnType<typeof headers> | { event: undefined; delivery: string } | { event: string; delivery: undefined }][] = [
      ['{not json', headers('issues')],
      [[1, 2], headers('issues')],
      [closed, { event: undefined, delivery: 'd' }],
      [closed, { event: 'issues', delivery: undefined }],
      [{ ...closed, issue: undefined }, headers('issues')],
      [{ ...closed, action: undefined }, headers('issues')],
      [{ ...closed, repository: {} }, headers('issues')],
      [{ ...closed, issue: { ...(closed.issue as object), updated_at: 'yesterday' } }, headers('issues')],
    ];
    for (const [body, h] of bad) expect(() => parseGitHubWebhook(body, h), JSON.stringify(h)).toThrow(MalformedGitHubWebhook);
  });
});
