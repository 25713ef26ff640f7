/**
 * What the page shows of a channel: top-level messages with their reply counts, pins and reactions, and the ephemeral
 * messages only the viewer sees; and who has read how far.
 */
import type { FakeChannel, FakeEphemeral, FakeMessage, FakeWorkspace } from './workspace.js';

export interface FeedItem {
  ts: string;
  threadTs?: string;
  user: string;
  text: string;
  blocks?: unknown[];
  ephemeral: boolean;
  edited: boolean;
  pinned: boolean;
  reactions: { name: string; users: string[] }[];
  replyCount: number;
  lastReplyTs?: string;
}

const byTs = (a: { ts: string }, b: { ts: string }): number => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/** Top-level messages and the viewer's ephemerals, oldest first; with threadTs, the parent and its replies. */
export function channelFeed(ws: FakeWorkspace, channelId: string, viewer: string, threadTs?: string): FeedItem[] {
  const channel = ws.channel(channelId);
  if (!channel) return [];
  const inThread = (ts: string | undefined): boolean => (threadTs ? ts === threadTs : ts === undefined);
  const messages = channel.messages.filter((m) => (threadTs ? m.ts === threadTs || m.threadTs === threadTs : !m.threadTs || m.threadTs === m.ts));
  const ephemerals = ws.ephemerals.filter((e) => e.channel === channelId && e.user === viewer && inThread(e.threadTs));
  const items = [...messages.map((m) => itemOf(channel, m)), ...ephemerals.map((e) => ephemeralItem(e, ws.bot.id))];
  return items.sort(byTs);
}

/** How far each person has read each channel. */
export class ReadMarks {
  private readonly lastRead = new Map<string, string>();

  /** Messages by others the viewer has not seen in a channel (top level and thread replies). */
  unread(ws: FakeWorkspace, channelId: string, viewer: string): number {
    const seen = this.lastRead.get(`${viewer}:${channelId}`) ?? '0';
    return (ws.channel(channelId)?.messages ?? []).filter((m) => m.user !== viewer && m.ts > seen).length;
  }

  markRead(ws: FakeWorkspace, channelId: string, viewer: string): void {
    const last = ws.channel(channelId)?.messages.at(-1)?.ts;
    if (last) this.lastRead.set(`${viewer}:${channelId}`, last);
  }
}

function itemOf(channel: FakeChannel, message: FakeMessage): FeedItem {
  const replies = channel.messages.filter((m) => m.threadTs === message.ts && m.ts !== message.ts);
  return {
    ts: message.ts,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    user: message.user,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ephemeral: false,
    edited: Boolean(message.edited),
    pinned: channel.pins.includes(message.ts),
    reactions: (message.reactions ?? []).map((r) => ({ name: r.name, users: [...r.users] })),
    replyCount: replies.length,
    ...(replies.length ? { lastReplyTs: replies.at(-1)?.ts } : {}),
  };
}

function ephemeralItem(e: FakeEphemeral, botUserId: string): FeedItem {
  return {
    ts: e.ts,
    ...(e.threadTs ? { threadTs: e.threadTs } : {}),
    user: e.from ?? botUserId,
    text: e.text,
    ...(e.blocks ? { blocks: e.blocks } : {}),
    ephemeral: true,
    edited: false,
    pinned: false,
    reactions: [],
    replyCount: 0,
  };
}
