/**
 * A Slack outage of seconds (minutes in production) against the real WebClient and the fake Web API: each channel's
 * messages are delayed, not dropped, and land in order, once each; what may already have landed is not resent.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackChatOptions } from '../../../src/integrations/slack/chat-adapter.js';
import { outageDelay, retryDuringOutage } from '../../../src/integrations/slack/outage-retry.js';
import { SlackApiError } from '../../../src/integrations/slack/slack-errors.js';
import type { FakeFault } from '../../../src/playground/slack/faults.js';
import { startFakeSlack, type FakeSlack } from '../../../src/playground/slack/index.js';
import { captureLogger, failure, testChat, testClient } from './helpers.js';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

/** The adapter as production builds it, with test-sized waits; retries of each kind are recorded. */
function outageChat(options: SlackChatOptions = {}) {
  const logger = captureLogger();
  const retries: string[] = [];
  const chat = testChat(
    fake,
    { logger, outagePatienceMs: 30_000, outageRetryDelayMs: { min: 20, max: 200 }, onOutageRetry: (method, error) => retries.push(`${method} ${error}`), ...options },
    testClient(fake, { maxRetries: 2, retryMinDelayMs: 1, retryMaxDelayMs: 5 }),
  );
  const messages = (msg: string) => logger.lines.filter((l) => l.msg === msg).map((l) => l.obj as Record<string, unknown>);
  return { chat, logger, retries, messages };
}

const texts = (prefix: string) => Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);

describe.each<[string, FakeFault, number]>([
  ['5xx answers', { status: 503 }, 3_000],
  ['429 with Retry-After', { retryAfterSeconds: 1 }, 2_500],
])('an outage of %s', (_kind, fault, outageMs) => {
  it('delays two channels’ messages, then posts all of them, in order, once each, and reports the delay', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-outage-a' });
    const b = fake.workspace.addChannel({ name: 'inc-outage-b' });
    const { chat, logger, retries, messages } = outageChat();
    const started = performance.now();
    fake.failFor('*', outageMs, fault);

    const posted = await Promise.all([...texts('a').map((text) => chat.postMessage(a.id, { text })), ...texts('b').map((text) => chat.postMessage(b.id, { text }))]);
    const elapsed = performance.now() - started;

    expect(a.messages.map((m) => m.text)).toEqual(texts('a'));
    expect(b.messages.map((m) => m.text)).toEqual(texts('b'));
    expect(posted.map((p) => p.ts)).toEqual([...a.messages, ...b.messages].map((m) => m.ts));
    // Slack really refused calls for the whole window, and nothing was posted before it ended.
    const refused = fake.callsTo('chat.postMessage').filter((c) => c.status !== 200);
    expect(refused.length).toBeGreaterThan(4);
    expect(elapsed).toBeGreaterThanOrEqual(outageMs - 50);
    expect(retries.length).toBeGreaterThan(0);
    expect(new Set(retries)).toEqual(new Set([`chat.postMessage ${fault.status === 503 ? 'http_503' : 'ratelimited'}`]));
    // One warning per channel for the outage, and the delay once it is over; no per-attempt failure noise.
    expect(messages('slack is failing: holding this channel’s messages in order and retrying').map((o) => o.channel).sort()).toEqual([a.id, b.id].sort());
    const resumed = messages('slack writes resumed after an outage');
    expect(resumed.map((o) => o.channel).sort()).toEqual([a.id, b.id].sort());
    for (const line of resumed) expect(line.outageMs).toBeGreaterThanOrEqual(outageMs - 500);
    expect(messages('slack call failed')).toEqual([]);
    expect(JSON.stringify(logger.lines)).not.toContain(fake.token);
    expect(chat.channelsInOutage()).toBe(0);
  }, 20_000);
});

describe('what is not retried', () => {
  it('fails a non-retryable error at once and moves on to the next message', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-bad-blocks' });
    // Default backoff (1 s): any outage retry would show in the elapsed time.
    const { chat, retries } = outageChat({ outageRetryDelayMs: {} });
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    const started = performance.now();
    const [first, second] = await Promise.allSettled([chat.postMessage(a.id, { text: 'bad' }), chat.postMessage(a.id, { text: 'good' })]);
    expect(performance.now() - started).toBeLessThan(800);
    expect(first).toMatchObject({ status: 'rejected', reason: { code: 'invalid_blocks', retryable: false } });
    expect(second.status).toBe('fulfilled');
    expect(a.messages.map((m) => m.text)).toEqual(['good']);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(retries).toEqual([]);
    expect(chat.channelsInOutage()).toBe(0);
  });

  it('does not resend a post Slack may have made (internal_error), but does resend an edit', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-maybe-posted' });
    const { chat, retries } = outageChat();
    const original = await chat.postMessage(a.id, { text: 'SEV3' });
    fake.failFor('*', 300, { error: 'internal_error' });
    const post = chat.postMessage(a.id, { text: 'maybe posted' });
    const edit = chat.updateMessage(a.id, original.ts, { text: 'SEV1' });
    expect(await failure(post)).toMatchObject({ code: 'internal_error', retryable: true });
    await edit;
    expect(fake.callsTo('chat.postMessage').map((c) => c.status === 200 && c.error === undefined)).toEqual([true, false]);
    expect(fake.callsTo('chat.update').length).toBeGreaterThan(1);
    expect(retries.every((r) => r === 'chat.update internal_error')).toBe(true);
    expect(a.messages.map((m) => m.text)).toEqual(['SEV1']);
  });

  it('does not resend a post that timed out (it may have landed), so it lands once', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-slow' });
    fake.setLatency(300, 'chat.postMessage');
    const chat = testChat(fake, { outagePatienceMs: 30_000, outageRetryDelayMs: { min: 20, max: 200 } }, testClient(fake, { timeoutMs: 100, maxRetries: 0 }));
    expect(await failure(chat.postMessage(a.id, { text: 'slow' }))).toMatchObject({ code: 'timeout' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(a.messages.map((m) => m.text)).toEqual(['slow']);
  });
});

describe('patience', () => {
  it('fails the write with a clear error once the outage outlasts it; the queued writes get one attempt, not another wait', async () => {
    const a = fake.workspace.addChannel({ name: 'inc-long-outage' });
    const { chat, messages } = outageChat({ outagePatienceMs: 400 });
    fake.failFor('*', 60_000, { status: 503 });
    const started = performance.now();
    const first = failure(chat.postMessage(a.id, { text: 'one' }));
    const second = failure(chat.postMessage(a.id, { text: 'two' }));
    const firstError = await first;
    const firstAt = performance.now() - started;
    await second;
    const secondAt = performance.now() - started;

    expect(firstError).toBeInstanceOf(SlackApiError);
    expect(firstError).toMatchObject({ operation: 'chat.postMessage', code: 'http_503', retryable: true });
    expect((firstError as SlackApiError).reason).toMatch(/^http_503 \(Slack failing for 0\.\d s, past the outage patience of 0\.4 s\)$/);
    expect(firstAt).toBeGreaterThanOrEqual(380);
    expect(secondAt - firstAt).toBeLessThan(300);
    expect(messages('slack outage outlasted the patience: failing this channel’s writes until Slack answers')).toHaveLength(1);

    // Slack is back: the lane goes on with the next message and the outage is over.
    fake.reset();
    await chat.postMessage(a.id, { text: 'three' });
    expect(a.messages.map((m) => m.text)).toEqual(['three']);
    expect(chat.channelsInOutage()).toBe(0);
    expect(messages('slack writes resumed after an outage')).toHaveLength(1);
  });
});

describe('classification and backoff', () => {
  const error = (code: string, reason = code, retryable = true) => new SlackApiError('chat.postMessage', code, reason, retryable);

  it('resends a post only when Slack cannot have taken it', () => {
    for (const refused of [error('http_503'), error('http_500'), error('ratelimited'), error('service_unavailable'), error('request_error', 'request_error: connect ECONNREFUSED 127.0.0.1:9')]) {
      expect(retryDuringOutage(refused, 'post')).toBe(true);
      expect(retryDuringOutage(refused, 'replace')).toBe(true);
    }
    for (const maybe of [error('timeout', 'timeout: timeout of 10000ms exceeded'), error('request_error', 'request_error: socket hang up'), error('internal_error'), error('fatal_error')]) {
      expect(retryDuringOutage(maybe, 'post')).toBe(false);
      expect(retryDuringOutage(maybe, 'replace')).toBe(true);
    }
    expect(retryDuringOutage(error('channel_not_found', 'channel_not_found', false), 'replace')).toBe(false);
  });

  it('doubles from the first wait to the longest, jittered between half and all of it', () => {
    const options = { patienceMs: 600_000, minDelayMs: 1_000, maxDelayMs: 30_000 };
    expect([0, 1, 2, 3, 4, 5, 40].map((n) => outageDelay(n, options, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(outageDelay(2, options, () => 0)).toBe(2_000);
  });
});
