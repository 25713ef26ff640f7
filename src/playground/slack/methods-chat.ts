/** chat.* methods of the fake Web API: messages are stored per channel with Slack's ts, thread and edit fields. */
import { memberChannel, visibleChannel } from './methods-conversations.js';
import { fail, jsonArg, optionalString, requiredString, type FakeMethod, type SlackArgs } from './method-kit.js';
import { messageJson } from './wire.js';
import type { FakeChannel, FakeMessage, FakeWorkspace } from './workspace.js';

const MAX_TEXT_LENGTH = 40_000;
const MAX_BLOCKS = 50;

/** A channel id, or a user id, which Slack turns into the bot's direct-message channel with that user. */
function postTarget(ws: FakeWorkspace, target: string | undefined): FakeChannel {
  if (target && /^[UW]/.test(target) && !ws.channel(target)) {
    const user = ws.user(target);
    if (!user || user.deleted) return fail('channel_not_found');
    return ws.imChannelFor(user.id);
  }
  return memberChannel(ws, target);
}

function blocksArg(args: SlackArgs): unknown[] | undefined {
  const blocks = jsonArg(args, 'blocks', 'invalid_blocks_format');
  if (blocks === undefined || blocks === null || blocks === '') return undefined;
  if (!Array.isArray(blocks)) return fail('invalid_blocks_format');
  if (blocks.length > MAX_BLOCKS) fail('invalid_blocks');
  for (const block of blocks) {
    if (typeof block !== 'object' || block === null || typeof (block as { type?: unknown }).type !== 'string') fail('invalid_blocks');
  }
  return blocks;
}

function textArg(args: SlackArgs, blocks: unknown[] | undefined): string {
  const text = optionalString(args, 'text');
  if (text === undefined && (blocks === undefined || blocks.length === 0)) fail('no_text');
  if (text !== undefined && text.length > MAX_TEXT_LENGTH) fail('msg_too_long');
  return text ?? '';
}

function ownMessage(ws: FakeWorkspace, channel: FakeChannel, ts: string, notOwn: string): FakeMessage {
  const message = channel.messages.find((m) => m.ts === ts) ?? fail('message_not_found');
  if (message.user !== ws.bot.id) fail(notOwn);
  return message;
}

export const chatMethods: Record<string, FakeMethod> = {
  'chat.postMessage': {
    errors: ['channel_not_found', 'not_in_channel', 'is_archived', 'no_text', 'msg_too_long', 'invalid_blocks', 'invalid_blocks_format'],
    handle({ ws, args }) {
      const channel = postTarget(ws, optionalString(args, 'channel'));
      const blocks = blocksArg(args);
      const message: FakeMessage = { ts: ws.nextTs(), user: ws.bot.id, botId: ws.botId, text: textArg(args, blocks) };
      if (blocks) message.blocks = blocks;
      const threadTs = optionalString(args, 'thread_ts');
      if (threadTs) message.threadTs = threadTs;
      channel.messages.push(message);
      return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(ws, message) };
    },
  },

  'chat.update': {
    errors: ['channel_not_found', 'message_not_found', 'cant_update_message', 'no_text', 'msg_too_long', 'invalid_blocks', 'invalid_blocks_format'],
    handle({ ws, args }) {
      const channel = visibleChannel(ws, optionalString(args, 'channel'));
      const message = ownMessage(ws, channel, requiredString(args, 'ts', 'message_not_found'), 'cant_update_message');
      const blocks = blocksArg(args);
      const text = textArg(args, blocks);
      message.text = text;
      // An empty blocks array removes the blocks; leaving the argument out keeps them.
      if (args.blocks !== undefined) {
        if (blocks && blocks.length > 0) message.blocks = blocks;
        else delete message.blocks;
      }
      message.edited = { user: ws.bot.id, ts: ws.nextTs() };
      const json = messageJson(ws, message);
      return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: json };
    },
  },

  'chat.delete': {
    errors: ['channel_not_found', 'message_not_found', 'cant_delete_message'],
    handle({ ws, args }) {
      const channel = visibleChannel(ws, optionalString(args, 'channel'));
      const message = ownMessage(ws, channel, requiredString(args, 'ts', 'message_not_found'), 'cant_delete_message');
      channel.messages.splice(channel.messages.indexOf(message), 1);
      channel.pins = channel.pins.filter((ts) => ts !== message.ts);
      return { ok: true, channel: channel.id, ts: message.ts };
    },
  },

  'chat.postEphemeral': {
    errors: ['channel_not_found', 'is_archived', 'user_not_in_channel', 'no_text', 'msg_too_long', 'invalid_blocks', 'invalid_blocks_format'],
    handle({ ws, args }) {
      // Slack's documented errors for this method have no not_in_channel: a channel the bot is not in is not found.
      const channel = visibleChannel(ws, optionalString(args, 'channel'));
      if (!channel.members.includes(ws.bot.id)) fail('channel_not_found');
      if (channel.archived) fail('is_archived');
      const user = ws.user(optionalString(args, 'user') ?? '');
      if (!user || user.deleted || !channel.members.includes(user.id)) return fail('user_not_in_channel');
      const blocks = blocksArg(args);
      const text = textArg(args, blocks);
      const ts = ws.nextTs();
      const threadTs = optionalString(args, 'thread_ts');
      ws.ephemerals.push({ channel: channel.id, user: user.id, ts, text, ...(blocks ? { blocks } : {}), ...(threadTs ? { threadTs } : {}) });
      return { ok: true, message_ts: ts };
    },
  },

  'chat.getPermalink': {
    errors: ['channel_not_found', 'message_not_found'],
    handle({ ws, args, baseUrl }) {
      const channel = visibleChannel(ws, optionalString(args, 'channel'));
      const ts = requiredString(args, 'message_ts', 'message_not_found');
      const message = channel.messages.find((m) => m.ts === ts) ?? fail('message_not_found');
      const thread = message.threadTs ? `?thread_ts=${message.threadTs}&cid=${channel.id}` : '';
      return { ok: true, channel: channel.id, permalink: `${baseUrl}/archives/${channel.id}/p${ts.replace('.', '')}${thread}` };
    },
  },
};
