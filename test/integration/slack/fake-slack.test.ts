/** The fake Web API's own behaviour, which the adapter and end-to-end tests rely on. */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNameError, startFakeSlack, type FakeSlack } from '../../../src/playground/slack/index.js';
import { failure } from './helpers.js';

let fake: FakeSlack;
let client: WebClient;

beforeEach(async () => {
  fake = await startFakeSlack({ botUserId: 'U0BOTUSER1', teamId: 'T0TEAM0001' });
  client = new WebClient(fake.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterEach(async () => {
  await fake.close();
});

async function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.baseUrl}${path}`, { method: 'POST', headers, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('wire format', () => {
  it('checks the bearer token like Slack', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await post('/api/auth.test', '', form)).json).toEqual({ ok: false, error: 'not_authed' });
    expect((await post('/api/auth.test', '', { ...form, authorization: 'Bearer xoxb-wrong' })).json).toEqual({ ok: false, error: 'invalid_auth' });
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'U0BOTUSER1', team_id: 'T0TEAM0001' });
  });

  it('accepts JSON bodies as well as form-encoded ones, and logs calls without the token', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-json' });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    const { json } = await post('/api/chat.postMessage', JSON.stringify({ channel: channel.id, text: 'json', blocks }), {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${fake.token}`,
    });
    await client.chat.postMessage({ channel: channel.id, text: 'form', blocks });
    expect(json.ok).toBe(true);
    expect(channel.messages.map((m) => [m.text, m.blocks])).toEqual([['json', blocks], ['form', blocks]]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.args.blocks)).toEqual([blocks, blocks]);
    expect(JSON.stringify(fake.calls)).not.toContain(fake.token);
  });

  it('answers unknown methods with unknown_method', async () => {
    expect(await failure(client.apiCall('nope.nothing'))).toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('hands out strictly increasing timestamps and Slack-like ids', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-ts' });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => client.chat.postMessage({ channel: channel.id, text: `m${i}` })));
    const stamps = results.map((r) => r.ts ?? '');
    for (const ts of stamps) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    expect([...stamps].sort()).toEqual([...new Set(stamps)].sort());
    expect(channel.messages.map((m) => m.ts)).toEqual([...stamps].sort());
    expect(channel.id).toMatch(/^C[A-Z0-9]{8,}$/);
    expect(fake.workspace.addUser({ name: 'x' }).id).toMatch(/^U[A-Z0-9]{8,}$/);
    expect(fake.workspace.addUserGroup({ handle: 'g', users: [] }).id).toMatch(/^S[A-Z0-9]{8,}$/);
  });

  it('paginates with cursors', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-crowd', members: Array.from({ length: 5 }, (_, i) => `U0MEMBER${i}`) });
    const pages: string[][] = [];
    for await (const page of client.paginate('conversations.members', { channel: channel.id, limit: 2 })) pages.push((page as unknown as { members: string[] }).members);
    expect(pages).toEqual([['U0MEMBER0', 'U0MEMBER1'], ['U0MEMBER2', 'U0MEMBER3'], ['U0MEMBER4', 'U0BOTUSER1']]);
  });
});

describe('channel names', () => {
  it('follows Slack’s rules', async () => {
    expect(channelNameError('inc-20250101-db_down')).toBeNull();
    expect(channelNameError('a'.repeat(80))).toBeNull();
    expect(channelNameError('')).toBe('invalid_name_required');
    expect(channelNameError('a'.repeat(81))).toBe('invalid_name_maxlength');
    expect(channelNameError('Inc-Upper')).toBe('invalid_name_specials');
    expect(channelNameError('inc.dot')).toBe('invalid_name_specials');
    expect(channelNameError('inc-ü')).toBe('invalid_name_specials');
    expect(channelNameError('--_')).toBe('invalid_name_punctuation');
    await client.conversations.create({ name: 'inc-once' });
    expect(await failure(client.conversations.create({ name: 'inc-once' }))).toMatchObject({ data: { error: 'name_taken' } });
    expect(await failure(client.conversations.create({ name: 'Bad Name' }))).toMatchObject({ data: { error: 'invalid_name_specials' } });
  });
});

describe('fault injection', () => {
  it('fails the next calls as asked, for one method or any', async () => {
    fake.failNext('auth.test', { status: 503, times: 2 });
    fake.failNext('*', { error: 'fatal_error' });
    await failure(client.auth.test());
    await failure(client.auth.test());
    expect(await failure(client.users.list({}))).toMatchObject({ data: { error: 'fatal_error' } });
    await client.auth.test();
    expect(fake.calls.map((c) => [c.method, c.status, c.error])).toEqual([
      ['auth.test', 503, 'internal_error'],
      ['auth.test', 503, 'internal_error'],
      ['users.list', 200, 'fatal_error'],
      ['auth.test', 200, undefined],
    ]);
  });

  it('answers 429 with a Retry-After header', async () => {
    fake.failNext('auth.test', { retryAfterSeconds: 7 });
    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}` } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
  });
});

describe('outage windows (failFor)', () => {
  const windowMs = 400;

  it('fails every call to the method within the window, and none after it', async () => {
    const opened = performance.now();
    fake.failFor('auth.test', windowMs, { status: 503 });
    const during = await Promise.allSettled([client.auth.test(), client.auth.test(), client.auth.test()]);
    // Other methods are not part of this outage.
    await client.users.list({});
    const inside = performance.now() - opened;
    await sleepMs(windowMs - inside + 20);
    await client.auth.test();
    expect(inside).toBeLessThan(windowMs);
    expect(during.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(fake.calls.map((c) => [c.method, c.status, c.error])).toEqual([
      ['auth.test', 503, 'internal_error'],
      ['auth.test', 503, 'internal_error'],
      ['auth.test', 503, 'internal_error'],
      ['users.list', 200, undefined],
      ['auth.test', 200, undefined],
    ]);
  });

  it("covers every Web API method with '*', answering 429 with Retry-After or ok:false as asked", async () => {
    fake.failFor('*', windowMs, { retryAfterSeconds: 3 });
    fake.failFor('users.list', windowMs, { error: 'fatal_error' });
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}` } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
    // The method's own window answers before the '*' one.
    expect(await failure(client.users.list({}))).toMatchObject({ data: { error: 'fatal_error' } });
    // response_url posts are not Web API calls and stay up.
    const reply = await fetch(fake.newResponseUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"still here"}' });
    expect(reply.status).toBe(200);
  });

  it('lets a failNext fault answer first, ignores times, and is forgotten by reset', async () => {
    fake.failFor('auth.test', 60_000, { status: 500, times: 1 });
    fake.failNext('auth.test', { error: 'invalid_auth' });
    expect(await failure(client.auth.test())).toMatchObject({ data: { error: 'invalid_auth' } });
    await failure(client.auth.test());
    await failure(client.auth.test());
    expect(fake.calls.map((c) => c.status)).toEqual([200, 500, 500]);
    fake.reset();
    await client.auth.test();
    expect(fake.calls.map((c) => c.status)).toEqual([200]);
  });
});

describe('views and response_url', () => {
  const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Declare' }, blocks: [] };

  it('opens a view once per trigger and updates it by id with the hash', async () => {
    const opened = await client.views.open({ trigger_id: '123.456.abc', view: modal });
    expect(await failure(client.views.open({ trigger_id: '123.456.abc', view: modal }))).toMatchObject({ data: { error: 'exchanged_trigger_id' } });
    expect(await failure(client.apiCall('views.open', { view: modal }))).toMatchObject({ data: { error: 'invalid_arguments' } });
    const id = opened.view?.id ?? '';
    await client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: { ...modal, title: { type: 'plain_text', text: 'Declared' } } });
    expect(await failure(client.views.update({ view_id: id, hash: 'stale', view: modal }))).toMatchObject({ data: { error: 'hash_conflict' } });
    expect(fake.workspace.views.get(id)).toMatchObject({ via: 'views.update', view: { title: { text: 'Declared' } } });
  });

  it('stores what is posted to a response_url, and refuses unknown ones', async () => {
    const url = fake.newResponseUrl();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Declared', response_type: 'ephemeral', replace_original: false }) });
    expect(res.status).toBe(200);
    expect(fake.workspace.responses).toEqual([expect.objectContaining({ text: 'Declared', responseType: 'ephemeral', replaceOriginal: false })]);
    expect((await fetch(`${fake.baseUrl}/respond/unknown`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
