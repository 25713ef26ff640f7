/** conversations.invite through the adapter: the bot filtered out, members tolerated, partial failures named. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationError } from '../../../src/core/errors.js';
import { SlackInviteError } from '../../../src/integrations/slack/invite.js';
import { startFakeSlack, type FakeSlack } from '../../../src/playground/slack/index.js';
import { failure, testChat } from './helpers.js';

let fake: FakeSlack;

beforeEach(async () => {
  fake = await startFakeSlack({ botUserId: 'U0BOTUSER1' });
  for (const [id, name] of [['U0ALICE01', 'alice'], ['U0BOB0001', 'bob'], ['U0CAROL01', 'carol']] as const) fake.workspace.addUser({ id, name });
});
afterEach(async () => {
  await fake.close();
});

describe('invite', () => {
  it('invites users in one call, leaving out the bot, and asks auth.test only once', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-invite' });
    const chat = testChat(fake);
    await chat.invite(channel.id, ['U0ALICE01', 'U0BOTUSER1', 'U0BOB0001', 'U0ALICE01']);
    await chat.invite(channel.id, ['U0CAROL01']);
    expect(channel.members.sort()).toEqual(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER1', 'U0CAROL01']);
    expect(fake.callsTo('conversations.invite').map((c) => c.args.users)).toEqual(['U0ALICE01,U0BOB0001', 'U0CAROL01']);
    expect(fake.callsTo('conversations.invite').every((c) => String(c.args.force) === 'true')).toBe(true);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('makes no call when only the bot is invited', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-self' });
    await testChat(fake).invite(channel.id, ['U0BOTUSER1']);
    expect(fake.callsTo('conversations.invite')).toHaveLength(0);
  });

  it('tolerates users who are already in the channel', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-again', members: ['U0ALICE01'] });
    const chat = testChat(fake);
    await chat.invite(channel.id, ['U0ALICE01']);
    await chat.invite(channel.id, ['U0ALICE01', 'U0BOB0001']);
    expect(channel.members.sort()).toEqual(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER1']);
    expect(fake.callsTo('conversations.invite')[0]?.error).toBe('already_in_channel');
  });

  it('invites the valid users and names the ones that failed', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-partial' });
    const err = await failure(testChat(fake).invite(channel.id, ['U0ALICE01', 'U0GHOST01', 'U0BOB0001']));
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err).toBeInstanceOf(SlackInviteError);
    expect((err as SlackInviteError).failures).toEqual([{ userId: 'U0GHOST01', error: 'user_not_found' }]);
    expect((err as SlackInviteError).message).toContain('U0GHOST01 (user_not_found)');
    expect((err as SlackInviteError).operation).toBe('conversations.invite');
    expect(channel.members.sort()).toEqual(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER1']);
  });

  it('falls back to one call per user when Slack names no user', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-fallback' });
    fake.failNext('conversations.invite', { error: 'cant_invite' });
    await testChat(fake).invite(channel.id, ['U0ALICE01', 'U0BOB0001']);
    expect(fake.callsTo('conversations.invite').map((c) => c.args.users)).toEqual(['U0ALICE01,U0BOB0001', 'U0ALICE01', 'U0BOB0001']);
    expect(channel.members.sort()).toEqual(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER1']);
  });

  it('splits more than 1000 users into calls of at most 1000', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-crowd' });
    const ids = Array.from({ length: 1001 }, (_, i) => fake.workspace.addUser({ name: `user${i}` }).id);
    await testChat(fake).invite(channel.id, ids);
    expect(fake.callsTo('conversations.invite').map((c) => String(c.args.users).split(',').length)).toEqual([1000, 1]);
    expect(channel.members).toHaveLength(1002);
  });

  it('reports channel-level errors as they are', async () => {
    const outside = fake.workspace.addChannel({ name: 'inc-outside', botIsMember: false });
    const err = await failure(testChat(fake).invite(outside.id, ['U0ALICE01']));
    expect(err).toMatchObject({ integration: 'slack', operation: 'conversations.invite', code: 'not_in_channel' });
    expect(err).not.toBeInstanceOf(SlackInviteError);
  });

  it('uses the configured bot id without calling auth.test', async () => {
    const channel = fake.workspace.addChannel({ name: 'inc-known-bot' });
    await testChat(fake, { botUserId: 'U0BOTUSER1' }).invite(channel.id, ['U0BOTUSER1', 'U0ALICE01']);
    expect(fake.callsTo('auth.test')).toHaveLength(0);
    expect(fake.callsTo('conversations.invite').map((c) => c.args.users)).toEqual(['U0ALICE01']);
  });
});
