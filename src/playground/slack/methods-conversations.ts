/** conversations.* methods of the fake Web API, with Slack's validation rules and error codes. */
import { csv, fail, flag, optionalString, paginate, requiredString, type FakeMethod } from './method-kit.js';
import { conversationJson } from './wire.js';
import type { FakeChannel, FakeTopic, FakeWorkspace } from './workspace.js';

const MAX_NAME_LENGTH = 80;
const MAX_TOPIC_LENGTH = 250;
const MAX_INVITES = 1000;

/** A channel the bot can see: private channels it is not in look like they do not exist, as in Slack. */
export function visibleChannel(ws: FakeWorkspace, id: string | undefined): FakeChannel {
  const channel = id ? ws.channel(id) ?? ws.channelByName(id) : undefined;
  if (!channel) return fail('channel_not_found');
  if (channel.isPrivate && !channel.members.includes(ws.bot.id)) return fail('channel_not_found');
  return channel;
}

export function memberChannel(ws: FakeWorkspace, id: string | undefined): FakeChannel {
  const channel = visibleChannel(ws, id);
  if (!channel.members.includes(ws.bot.id)) fail('not_in_channel');
  if (channel.archived) fail('is_archived');
  return channel;
}

/** Slack's channel name rules: required, at most 80 characters, only a-z 0-9 - _, not only punctuation. */
export function channelNameError(name: string): string | null {
  if (name.length === 0) return 'invalid_name_required';
  if (name.length > MAX_NAME_LENGTH) return 'invalid_name_maxlength';
  if (/[^a-z0-9_-]/.test(name)) return 'invalid_name_specials';
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return null;
}

function setText(field: 'topic' | 'purpose'): FakeMethod {
  return {
    errors: ['channel_not_found', 'not_in_channel', 'is_archived', 'too_long'],
    handle({ ws, args }) {
      const channel = memberChannel(ws, optionalString(args, 'channel'));
      const value = optionalString(args, field) ?? '';
      if (value.length > MAX_TOPIC_LENGTH) fail('too_long');
      const text: FakeTopic = { value, creator: ws.bot.id, lastSet: ws.nowSeconds() };
      channel[field] = text;
      return { ok: true, channel: conversationJson(ws, channel) };
    },
  };
}

export const conversationMethods: Record<string, FakeMethod> = {
  'conversations.create': {
    errors: ['name_taken', 'invalid_name_required', 'invalid_name_maxlength', 'invalid_name_specials', 'invalid_name_punctuation'],
    handle({ ws, args }) {
      const name = optionalString(args, 'name') ?? '';
      const problem = channelNameError(name);
      if (problem) fail(problem);
      if (ws.channelByName(name)) fail('name_taken');
      const channel = ws.addChannel({ name, isPrivate: flag(args, 'is_private') });
      return { ok: true, channel: conversationJson(ws, channel) };
    },
  },

  'conversations.setTopic': setText('topic'),
  'conversations.setPurpose': setText('purpose'),

  'conversations.invite': {
    errors: ['channel_not_found', 'not_in_channel', 'is_archived', 'no_user', 'too_many_users', 'user_not_found', 'cant_invite_self', 'already_in_channel'],
    handle({ ws, args }) {
      const channel = memberChannel(ws, optionalString(args, 'channel'));
      const users = [...new Set(csv(optionalString(args, 'users') ?? ''))];
      if (users.length === 0) fail('no_user');
      if (users.length > MAX_INVITES) fail('too_many_users');
      const errors: { user: string; ok: false; error: string }[] = [];
      const toInvite: string[] = [];
      for (const id of users) {
        const user = ws.user(id);
        if (!user || user.deleted) errors.push({ user: id, ok: false, error: 'user_not_found' });
        else if (id === ws.bot.id) errors.push({ user: id, ok: false, error: 'cant_invite_self' });
        else if (channel.members.includes(id)) errors.push({ user: id, ok: false, error: 'already_in_channel' });
        else toInvite.push(id);
      }
      const hard = errors.filter((e) => e.error !== 'already_in_channel');
      // With force=true Slack invites the valid users and still reports the invalid ones; without it, nobody is invited.
      if (hard.length === 0 || flag(args, 'force')) channel.members.push(...toInvite);
      if (hard[0]) fail(hard[0].error, { errors });
      if (toInvite.length === 0) fail('already_in_channel', { errors });
      return { ok: true, channel: conversationJson(ws, channel) };
    },
  },

  'conversations.info': {
    errors: ['channel_not_found'],
    handle({ ws, args }) {
      return { ok: true, channel: conversationJson(ws, visibleChannel(ws, optionalString(args, 'channel'))) };
    },
  },

  'conversations.members': {
    errors: ['channel_not_found', 'invalid_cursor'],
    handle({ ws, args }) {
      const channel = visibleChannel(ws, optionalString(args, 'channel'));
      const { page, nextCursor } = paginate(channel.members, args, 100);
      return { ok: true, members: page, response_metadata: { next_cursor: nextCursor } };
    },
  },

  'conversations.join': {
    errors: ['channel_not_found', 'is_archived', 'method_not_supported_for_channel_type'],
    handle({ ws, args }) {
      const channel = visibleChannel(ws, requiredString(args, 'channel', 'channel_not_found'));
      if (channel.archived) fail('is_archived');
      if (channel.isPrivate || channel.isIm) fail('method_not_supported_for_channel_type');
      const already = channel.members.includes(ws.bot.id);
      if (!already) channel.members.push(ws.bot.id);
      const json: Record<string, unknown> = { ok: true, channel: conversationJson(ws, channel) };
      if (already) {
        json.warning = 'already_in_channel';
        json.response_metadata = { warnings: ['already_in_channel'] };
      }
      return json;
    },
  },
};
