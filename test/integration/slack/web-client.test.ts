/** The outbound client's resilience against the fake: 429 Retry-After, 5xx retries, bounded failure, timeouts, logging. */
import { LogLevel } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { toSlackError } from '../../../src/integrations/slack/slack-errors.js';
import { redactSecrets, toSlackLogger } from '../../../src/integrations/slack/slack-logger.js';
import { normalizeSlackApiUrl } from '../../../src/integrations/slack/web-client.js';
import { startFakeSlack, type FakeSlack } from '../../../src/playground/slack/index.js';
import { captureLogger, failure, testChat, testClient } from './helpers.js';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

describe('rate limits', () => {
  it('waits out a 429 for Retry-After seconds, then succeeds', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-429' });
    fake.failNext('chat.postMessage', { retryAfterSeconds: 1 });
    const posted = await testChat(fake).postMessage(channel.id, { text: 'after the limit' });
    const [limited, retried] = fake.callsTo('chat.postMessage');
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    // The retry came no sooner than Slack asked (a lower bound on the wait, not a speed check).
    expect((retried?.startedAt ?? 0) - (limited?.startedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(channel.messages.map((m) => [m.ts, m.text])).toEqual([[posted.ts, 'after the limit']]);
  });

  it('gives up with a retryable ratelimited error when 429s outlast the retries', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-429-forever' });
    fake.failNext('chat.postMessage', { retryAfterSeconds: 0, times: 10 });
    // The client's own bound; the adapter's outage retries (outage.test.ts) are off here.
    const chat = testChat(fake, { outagePatienceMs: 0 }, testClient(fake, { maxRetries: 2 }));
    const err = await failure(chat.postMessage(channel.id, { text: 'x' }));
    expect(err).toMatchObject({ integration: 'slack', operation: 'chat.postMessage', code: 'ratelimited', retryable: true });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(channel.messages).toEqual([]);
  });
});

describe('server errors', () => {
  it('retries 5xx answers with backoff, then succeeds once', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-5xx' });
    fake.failNext('chat.postMessage', { status: 500 });
    fake.failNext('chat.postMessage', { status: 503 });
    await testChat(fake).postMessage(channel.id, { text: 'made it' });
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 503, 200]);
    expect(channel.messages.map((m) => m.text)).toEqual(['made it']);
  });

  it('ends persistent 5xx in an IntegrationError after the configured retries', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-down' });
    fake.failNext('conversations.setTopic', { status: 503, times: 100 });
    const err = await failure(testChat(fake, {}, testClient(fake, { maxRetries: 2 })).setTopic(channel.id, 'x'));
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err).toMatchObject({ operation: 'conversations.setTopic', code: 'http_503', retryable: true });
    expect(fake.callsTo('conversations.setTopic')).toHaveLength(3);
  });
});

describe('timeouts and network errors', () => {
  it('times out a hanging call', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-hang' });
    fake.setLatency(10_000, 'chat.postMessage');
    const chat = testChat(fake, {}, testClient(fake, { timeoutMs: 100, maxRetries: 1 }));
    const err = await failure(chat.postMessage(channel.id, { text: 'x' }));
    expect(err).toMatchObject({ operation: 'chat.postMessage', code: 'timeout', retryable: true });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('reports an unreachable API as a retryable request error', async () => {
    const gone = await startFakeSlack();
    await gone.close();
    const err = await failure(testChat(gone, {}, testClient(gone, { maxRetries: 0 })).setTopic('C0ANY00001', 'x'));
    expect(err).toMatchObject({ integration: 'slack', code: 'request_error', retryable: true });
  });
});

describe('logging', () => {
  it('logs retries through our logger without the token', async () => {
    const logger = captureLogger();
    const channel = fake.workspace.addChannel({ name: 'inc-log' });
    fake.failNext('chat.postMessage', { status: 500 });
    fake.failNext('chat.postMessage', { retryAfterSeconds: 0 });
    await testChat(fake, {}, testClient(fake, { logger })).postMessage(channel.id, { text: 'x' });
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.every((l) => (l.obj as { component?: string }).component === 'slack-web-api')).toBe(true);
    expect(JSON.stringify(logger.lines)).not.toContain(fake.token);
  });

  it('blanks tokens even in debug output', () => {
    const logger = captureLogger();
    const slackLogger = toSlackLogger(logger, { level: LogLevel.DEBUG, secrets: ['s3cret-not-a-slack-token'] });
    slackLogger.debug('headers', { Authorization: 'Bearer xoxb-123-456-abc' }, 'xapp-1-A1-2-z', 'with s3cret-not-a-slack-token');
    expect(logger.lines).toHaveLength(1);
    const text = logger.lines[0]?.msg ?? '';
    expect(text).not.toMatch(/xoxb-123|xapp-1-A1|s3cret-not-a-slack-token/);
    expect(text).toContain('[redacted]');
    expect(redactSecrets('token=xoxp-1-2-3 ok')).toBe('token=[redacted] ok');
  });
});

describe('configuration', () => {
  it('normalizes SLACK_API_URL to end with a slash and rejects non-http URLs', () => {
    expect(normalizeSlackApiUrl('http://127.0.0.1:9/api')).toBe('http://127.0.0.1:9/api/');
    expect(normalizeSlackApiUrl(undefined)).toBe('https://slack.com/api/');
    expect(() => normalizeSlackApiUrl('ftp://example.invalid/api/')).toThrow(/http/);
    expect(() => normalizeSlackApiUrl('not a url')).toThrow(/not a URL/);
  });

  it('translates unknown failures as non-retryable', () => {
    expect(toSlackError('chat.postMessage', new Error('boom'))).toMatchObject({ code: 'unknown_error', reason: 'boom', retryable: false });
  });
});
