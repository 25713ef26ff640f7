/**
 * Where a response_url post lands, as Slack does it: it replaces or deletes the message whose button was clicked
 * (`replace_original`, `delete_original`), or posts anew — in the channel for `in_channel`, else only to the person.
 */
import type { FakeMessage, FakeWorkspace } from './workspace.js';

export interface ResponseOrigin {
  channel: string;
  user: string;
  /** The message holding the clicked element; absent for a slash command. */
  messageTs?: string;
  ephemeral: boolean;
}

/** Applies a response_url post (or an immediate command answer); returns what changed: the channel, and whether a message was added to it. */
export function applyResponse(ws: FakeWorkspace, origin: ResponseOrigin, body: Record<string, unknown>): { channel: string; posted: boolean } | null {
  const text = typeof body.text === 'string' ? body.text : '';
  const blocks = Array.isArray(body.blocks) ? (body.blocks as unknown[]) : undefined;
  const truthy = (value: unknown) => value === true || value === 'true';
  const channel = ws.channel(origin.channel);
  if (!channel) return null;
  const ephemeralOrigin = origin.messageTs && origin.ephemeral ? ws.ephemerals.find((e) => e.channel === channel.id && e.ts === origin.messageTs) : undefined;
  const messageOrigin = origin.messageTs && !origin.ephemeral ? channel.messages.find((m) => m.ts === origin.messageTs) : undefined;
  const target = ephemeralOrigin ?? messageOrigin;
  if (truthy(body.delete_original) && target) {
    if (ephemeralOrigin) ws.ephemerals.splice(ws.ephemerals.indexOf(ephemeralOrigin), 1);
    else channel.messages.splice(channel.messages.indexOf(target as FakeMessage), 1);
    return { channel: channel.id, posted: false };
  }
  if (truthy(body.replace_original) && target) {
    target.text = text;
    if (blocks) target.blocks = blocks;
    else delete target.blocks;
    return { channel: channel.id, posted: false };
  }
  if (body.response_type === 'in_channel') {
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    channel.messages.push({ ts: ws.nextTs(), user: ws.bot.id, botId: ws.botId, text, ...(blocks ? { blocks } : {}), ...(threadTs ? { threadTs } : {}) });
    return { channel: channel.id, posted: true };
  }
  ws.ephemerals.push({ channel: channel.id, user: origin.user, ts: ws.nextTs(), text, ...(blocks ? { blocks } : {}) });
  return { channel: channel.id, posted: false };
}
