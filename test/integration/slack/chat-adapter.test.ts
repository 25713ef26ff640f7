/** Every ChatPort method of the Slack adapter against the fake Web API: what lands in Slack, and how errors translate. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { SlackApiError } from '../../../src/integrations/slack/slack-errors.js';
import { startFakeSlack, type FakeSlack } from '../../../src/playground/slack/index.js';
import { captureLogger, failure, testChat } from './helpers.js';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

async function slackError(promise: Promise<unknown>): Promise<SlackApiError> {
  const err = await failure(promise);
  expect(err).toBeInstanceOf(IntegrationError);
  expect(err).toBeInstanceOf(SlackApiError);
  return err as SlackApiError;
}

describe('createChannel', () => {
  it('creates public and private channels with the bot in them', async () => {
    const chat = testChat(fake);
    const pub = await chat.createChannel('inc-20250101-db-down', { isPrivate: false });
    const priv = await chat.createChannel('inc-20250101-secret', { isPrivate: true });
    expect(pub).toMatchObject({ ok: true, name: 'inc-20250101-db-down' });
    expect(priv.ok).toBe(true);
    if (!pub.ok || !priv.ok) return;
    expect(fake.workspace.channel(pub.id)).toMatchObject({ name: 'inc-20250101-db-down', isPrivate: false, members: [fake.botUserId] });
    expect(fake.workspace.channel(priv.id)?.isPrivate).toBe(true);
    expect(fake.callsTo('conversations.create').map((c) => String(c.args.is_private))).toEqual(['false', 'true']);
  });

  it('answers name_taken as a result, not an error', async () => {
    fake.workspace.addChannel({ name: 'inc-taken' });
    const chat = testChat(fake);
    await expect(chat.createChannel('inc-taken', { isPrivate: false })).resolves.toEqual({ ok: false, reason: 'name_taken' });
  });

  it('translates an invalid name into an IntegrationError with the method and Slack code', async () => {
    const err = await slackError(testChat(fake).createChannel('Has Spaces', { isPrivate: false }));
    expect(err).toMatchObject({ integration: 'slack', operation: 'conversations.create', code: 'invalid_name_specials', reason: 'invalid_name_specials', retryable: false });
  });
});

describe('setTopic and setPurpose', () => {
  it('sets both on the channel', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-topic' });
    const chat = testChat(fake);
    await chat.setTopic(channel.id, 'SEV2 | investigating | IC <@U1>');
    await chat.setPurpose(channel.id, 'Checkout errors');
    expect(channel.topic.value).toBe('SEV2 | investigating | IC <@U1>');
    expect(channel.purpose.value).toBe('Checkout errors');
  });

  it('reports channel_not_found and not_in_channel', async () => {
    const outside = fake.workspace.addChannel({ name: 'not-ours', botIsMember: false });
    const chat = testChat(fake);
    expect(await slackError(chat.setTopic('C0NOPE12345', 'x'))).toMatchObject({ operation: 'conversations.setTopic', code: 'channel_not_found' });
    expect(await slackError(chat.setPurpose(outside.id, 'x'))).toMatchObject({ operation: 'conversations.setPurpose', code: 'not_in_channel' });
  });
});

describe('postMessage, updateMessage, pinMessage', () => {
  it('posts text, blocks and thread replies without unfurling links', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-post' });
    const chat = testChat(fake);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Declared*' } }];
    const root = await chat.postMessage(channel.id, { text: 'Declared', blocks });
    const reply = await chat.postMessage(channel.id, { text: 'Update 1' }, { threadTs: root.ts });
    expect(root.channelId).toBe(channel.id);
    expect(root.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.workspace.messages(channel.id)).toEqual([
      { ts: root.ts, user: fake.botUserId, botId: expect.any(String), text: 'Declared', blocks },
      { ts: reply.ts, threadTs: root.ts, user: fake.botUserId, botId: expect.any(String), text: 'Update 1' },
    ]);
    expect(fake.callsTo('chat.postMessage').map((c) => String(c.args.unfurl_links))).toEqual(['false', 'false']);
  });

  it('edits in place, replacing the blocks as a whole', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-edit' });
    const chat = testChat(fake);
    const posted = await chat.postMessage(channel.id, { text: 'SEV3', blocks: [{ type: 'divider' }] });
    await chat.updateMessage(channel.id, posted.ts, { text: 'SEV1' });
    expect(fake.workspace.message(channel.id, posted.ts)).toMatchObject({ text: 'SEV1', edited: { user: fake.botUserId } });
    expect(fake.workspace.message(channel.id, posted.ts)?.blocks).toBeUndefined();
  });

  it('translates message errors', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-errors', members: ['U0HUMAN1'] });
    fake.workspace.addUser({ id: 'U0HUMAN1', name: 'alice' });
    channel.messages.push({ ts: '1700000000.000001', user: 'U0HUMAN1', text: 'hello' });
    const outside = fake.workspace.addChannel({ name: 'no-bot', botIsMember: false });
    const chat = testChat(fake);
    expect(await slackError(chat.postMessage('C0NOPE12345', { text: 'x' }))).toMatchObject({ operation: 'chat.postMessage', code: 'channel_not_found' });
    expect(await slackError(chat.postMessage(outside.id, { text: 'x' }))).toMatchObject({ code: 'not_in_channel' });
    expect(await slackError(chat.updateMessage(channel.id, '1700000000.999999', { text: 'x' }))).toMatchObject({ operation: 'chat.update', code: 'message_not_found' });
    expect(await slackError(chat.updateMessage(channel.id, '1700000000.000001', { text: 'x' }))).toMatchObject({ code: 'cant_update_message' });
    expect(await slackError(chat.pinMessage(channel.id, '1700000000.999999'))).toMatchObject({ operation: 'pins.add', code: 'message_not_found' });
  });

  it('pins once and treats already_pinned as success', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-pin' });
    const chat = testChat(fake);
    const posted = await chat.postMessage(channel.id, { text: 'Declared' });
    await chat.pinMessage(channel.id, posted.ts);
    await chat.pinMessage(channel.id, posted.ts);
    expect(channel.pins).toEqual([posted.ts]);
    expect(fake.callsTo('pins.add').map((c) => c.error)).toEqual([undefined, 'already_pinned']);
  });

  it('keeps the needed scope of missing_scope in the reason, and marks transient Slack errors retryable', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-scope' });
    const chat = testChat(fake);
    fake.failNext('chat.postMessage', { error: 'missing_scope', extra: { needed: 'chat:write', provided: 'channels:read' } });
    expect(await slackError(chat.postMessage(channel.id, { text: 'x' }))).toMatchObject({ code: 'missing_scope', reason: 'missing_scope (needed: chat:write)', retryable: false });
    fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await slackError(chat.postMessage(channel.id, { text: 'x' }))).toMatchObject({ code: 'internal_error', retryable: true });
    // An ok:false answer is Slack's verdict, not a transport failure: the client does not resend it.
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

describe('postEphemeral and sendDirectMessage', () => {
  it('stores the ephemeral message for its user only', async () => {
    fake.workspace.addUser({ id: 'U0HUMAN2', name: 'bob' });
    const channel = fake.workspace.addChannel({ name: 'inc-eph', members: ['U0HUMAN2'] });
    await testChat(fake).postEphemeral(channel.id, 'U0HUMAN2', { text: 'Only you can see this' });
    expect(fake.workspace.ephemerals).toEqual([expect.objectContaining({ channel: channel.id, user: 'U0HUMAN2', text: 'Only you can see this' })]);
    expect(channel.messages).toEqual([]);
  });

  it('reports a user who is not in the channel', async () => {
    fake.workspace.addUser({ id: 'U0HUMAN3', name: 'carol' });
    const channel = fake.workspace.addChannel({ name: 'inc-eph2' });
    expect(await slackError(testChat(fake).postEphemeral(channel.id, 'U0HUMAN3', { text: 'x' }))).toMatchObject({ operation: 'chat.postEphemeral', code: 'user_not_in_channel' });
  });

  it('sends a direct message through the DM channel, and fails for unknown users', async () => {
    fake.workspace.addUser({ id: 'U0HUMAN4', name: 'dave' });
    const chat = testChat(fake);
    await chat.sendDirectMessage('U0HUMAN4', { text: 'The declaration half-failed' });
    const dm = fake.workspace.imChannelFor('U0HUMAN4');
    expect(dm.id).toMatch(/^D/);
    expect(dm.messages.map((m) => m.text)).toEqual(['The declaration half-failed']);
    expect(fake.callsTo('chat.postMessage')[0]?.args.channel).toBe('U0HUMAN4');
    expect(await slackError(chat.sendDirectMessage('U0NOBODY9', { text: 'x' }))).toMatchObject({ code: 'channel_not_found' });
  });
});

describe('usersInGroup', () => {
  it('returns the members and caches them for the TTL', async () => {
    const group = fake.workspace.addUserGroup({ handle: 'checkout-owners', users: ['U0A', 'U0B'] });
    let now = Date.parse('2025-01-01T00:00:00Z');
    const chat = testChat(fake, { groupCacheTtlMs: 60_000, clock: { now: () => new Date(now) } });
    expect(await chat.usersInGroup(group.id)).toEqual(['U0A', 'U0B']);
    group.users.push('U0C');
    now += 59_000;
    expect(await chat.usersInGroup(group.id)).toEqual(['U0A', 'U0B']);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(1);
    now += 2_000;
    expect(await chat.usersInGroup(group.id)).toEqual(['U0A', 'U0B', 'U0C']);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(2);
  });

  it('shares one call between concurrent lookups and does not cache failures', async () => {
    const group = fake.workspace.addUserGroup({ handle: 'sre', users: ['U0A'] });
    const chat = testChat(fake);
    expect(await Promise.all([chat.usersInGroup(group.id), chat.usersInGroup(group.id)])).toEqual([['U0A'], ['U0A']]);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(1);
    expect(await slackError(chat.usersInGroup('S0MISSING1'))).toMatchObject({ operation: 'usergroups.users.list', code: 'no_such_subteam' });
    await failure(chat.usersInGroup('S0MISSING1'));
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(3);
  });
});

describe('observability', () => {
  it('reports every call to onCall, with the Slack error code of failures, and logs failures without the token', async () => {
    const seen: { method: string; error: string | undefined }[] = [];
    const logger = captureLogger();
    const channel = fake.workspace.addChannel({ name: 'inc-obs' });
    const chat = testChat(fake, { logger, onCall: (method, durationMs, error) => seen.push({ method, error: durationMs >= 0 ? error : 'bad-duration' }) });
    await chat.postMessage(channel.id, { text: 'hi' });
    await failure(chat.setTopic('C0NOPE12345', 'x'));
    expect(seen).toEqual([
      { method: 'chat.postMessage', error: undefined },
      { method: 'conversations.setTopic', error: 'channel_not_found' },
    ]);
    expect(logger.lines.map((l) => l.obj)).toEqual([expect.objectContaining({ method: 'conversations.setTopic', error: 'channel_not_found' })]);
    expect(JSON.stringify(logger.lines)).not.toContain(fake.token);
  });
});

describe('people by email', () => {
  it('finds a Slack user by email (case-insensitively), and null when there is none', async () => {
    const chat = testChat(fake);
    const user = fake.workspace.addUser({ name: 'oncall', email: 'On.Call@example.com' });
    expect(await chat.lookupUserByEmail('on.call@example.com')).toBe(user.id);
    expect(await chat.lookupUserByEmail('nobody@example.com')).toBeNull();
    expect(fake.callsTo('users.lookupByEmail').map((c) => c.args.email)).toEqual(['on.call@example.com', 'nobody@example.com']);
  });

  it("reads a user's email, null for an unknown user, and links a channel", async () => {
    const chat = testChat(fake);
    const user = fake.workspace.addUser({ name: 'mail', email: 'mail@example.com' });
    expect(await chat.userEmail(user.id)).toBe('mail@example.com');
    expect(await chat.userEmail('U0NOBODY77')).toBeNull();
    expect(chat.channelUrl('C0ABC')).toBe('https://slack.com/app_redirect?channel=C0ABC');
  });
});
