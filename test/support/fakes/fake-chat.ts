/**
 * A ChatPort that keeps channels, members, messages and pins like Slack does, records every call,
 * and can be told to fail a method (with Slack's error wording) or to take time (to observe concurrency).
 */
import { IntegrationError } from '../../../src/core/errors.js';
import type { ChatMessage, ChatPort, CreateChannelResult } from '../../../src/core/ports.js';

export type ChatMethod = keyof ChatPort;

/** The Slack Web API method behind each port method, as the real adapter names it in errors. */
export const SLACK_METHODS: Record<ChatMethod, string> = {
  createChannel: 'conversations.create',
  setTopic: 'conversations.setTopic',
  setPurpose: 'conversations.setPurpose',
  invite: 'conversations.invite',
  postMessage: 'chat.postMessage',
  updateMessage: 'chat.update',
  pinMessage: 'pins.add',
  postEphemeral: 'chat.postEphemeral',
  sendDirectMessage: 'chat.postMessage',
  usersInGroup: 'usergroups.users.list',
  lookupUserByEmail: 'users.lookupByEmail',
  userEmail: 'users.info',
  channelUrl: '(no call)',
};

export interface ChatCall {
  method: ChatMethod;
  args: unknown[];
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  topic: string;
  purpose: string;
  members: string[];
}

export interface FakeMessage {
  channelId: string;
  ts: string;
  threadTs: string | null;
  message: ChatMessage;
  /** Earlier versions, oldest first, when the message was edited. */
  history: ChatMessage[];
}

export interface FakeChat extends ChatPort {
  calls: ChatCall[];
  channels: Map<string, FakeChannel>;
  messages: FakeMessage[];
  pins: Set<string>;
  directMessages: { userId: string; message: ChatMessage }[];
  ephemerals: { channelId: string; userId: string; message: ChatMessage }[];
  /** User group id → member ids. */
  groups: Record<string, string[]>;
  /** Names that clash (channels created elsewhere). */
  takenNames: Set<string>;
  /** Each call waits this long (real time; keep it to a few ms). */
  latencyMs: number;
  /** The most calls that were in progress at the same time. */
  maxInFlight: number;
  /** Makes `method` throw IntegrationError(`slack`, …, reason) — `times` times, or until `heal` when omitted. */
  failOn(method: ChatMethod, reason?: string, options?: { times?: number }): void;
  heal(method?: ChatMethod): void;
  callsTo(method: ChatMethod): unknown[][];
  messagesIn(channelId: string): FakeMessage[];
}

const VALID_NAME = /^[a-z0-9_-]{1,80}$/;

export function createFakeChat(options: { groups?: Record<string, string[]>; latencyMs?: number; emails?: Record<string, string> } = {}): FakeChat {
  /** Slack user id by (lower-case) email, for users.lookupByEmail and users.info. */
  const emails = new Map(Object.entries(options.emails ?? {}).map(([email, id]) => [email.toLowerCase(), id]));
  const failures = new Map<ChatMethod, { reason: string; times: number }>();
  let counter = 0;
  let inFlight = 0;
  const nextTs = (): string => `${1_772_460_000 + ++counter}.${String(counter).padStart(6, '0')}`;

  const chat: Omit<FakeChat, ChatMethod> = {
    calls: [],
    channels: new Map(),
    messages: [],
    pins: new Set(),
    directMessages: [],
    ephemerals: [],
    groups: { ...(options.groups ?? {}) },
    takenNames: new Set(),
    latencyMs: options.latencyMs ?? 0,
    maxInFlight: 0,
    failOn(method, reason = 'fatal_error', opts = {}) {
      failures.set(method, { reason, times: opts.times ?? Number.POSITIVE_INFINITY });
    },
    heal(method) {
      if (method) failures.delete(method);
      else failures.clear();
    },
    callsTo: (method) => chat.calls.filter((c) => c.method === method).map((c) => c.args),
    messagesIn: (channelId) => chat.messages.filter((m) => m.channelId === channelId),
  };

  /** Records the call, applies latency and scripted failures, then runs the behaviour. */
  function call<A extends unknown[], R>(method: ChatMethod, behaviour: (...args: A) => R): (...args: A) => Promise<Awaited<R>> {
    return async (...args: A): Promise<Awaited<R>> => {
      chat.calls.push({ method, args: structuredClone(args) });
      inFlight++;
      chat.maxInFlight = Math.max(chat.maxInFlight, inFlight);
      try {
        if (chat.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, chat.latencyMs));
        const failure = failures.get(method);
        if (failure && failure.times > 0) {
          failure.times--;
          throw new IntegrationError('slack', SLACK_METHODS[method], failure.reason);
        }
        return (await behaviour(...args)) as Awaited<R>;
      } finally {
        inFlight--;
      }
    };
  }

  const fail = (method: ChatMethod, reason: string): never => {
    throw new IntegrationError('slack', SLACK_METHODS[method], reason);
  };
  const channel = (method: ChatMethod, id: string): FakeChannel => chat.channels.get(id) ?? fail(method, 'channel_not_found');
  const message = (method: ChatMethod, channelId: string, ts: string): FakeMessage =>
    chat.messages.find((m) => m.channelId === channelId && m.ts === ts) ?? fail(method, 'message_not_found');

  const port: ChatPort = {
    createChannel: call('createChannel', (name: string, opts: { isPrivate: boolean }): CreateChannelResult => {
      if (!VALID_NAME.test(name)) fail('createChannel', 'invalid_name_specials');
      if (chat.takenNames.has(name) || [...chat.channels.values()].some((c) => c.name === name)) return { ok: false, reason: 'name_taken' };
      const id = `C${String(++counter).padStart(6, '0')}`;
      chat.channels.set(id, { id, name, isPrivate: opts.isPrivate, topic: '', purpose: '', members: [] });
      return { ok: true, id, name };
    }),
    setTopic: call('setTopic', (channelId: string, topic: string) => {
      channel('setTopic', channelId).topic = topic;
    }),
    setPurpose: call('setPurpose', (channelId: string, purpose: string) => {
      channel('setPurpose', channelId).purpose = purpose;
    }),
    invite: call('invite', (channelId: string, userIds: string[]) => {
      const target = channel('invite', channelId);
      if (userIds.length === 0) fail('invite', 'no_user');
      for (const user of userIds) if (!target.members.includes(user)) target.members.push(user);
    }),
    postMessage: call('postMessage', (channelId: string, msg: ChatMessage, opts?: { threadTs?: string }) => {
      const ts = nextTs();
      chat.messages.push({ channelId, ts, threadTs: opts?.threadTs ?? null, message: structuredClone(msg), history: [] });
      return { channelId, ts };
    }),
    updateMessage: call('updateMessage', (channelId: string, ts: string, msg: ChatMessage) => {
      const stored = message('updateMessage', channelId, ts);
      stored.history.push(stored.message);
      stored.message = structuredClone(msg);
    }),
    pinMessage: call('pinMessage', (channelId: string, ts: string) => {
      message('pinMessage', channelId, ts);
      chat.pins.add(`${channelId}:${ts}`);
    }),
    postEphemeral: call('postEphemeral', (channelId: string, userId: string, msg: ChatMessage) => {
      chat.ephemerals.push({ channelId, userId, message: structuredClone(msg) });
    }),
    sendDirectMessage: call('sendDirectMessage', (userId: string, msg: ChatMessage) => {
      chat.directMessages.push({ userId, message: structuredClone(msg) });
    }),
    usersInGroup: call('usersInGroup', (groupId: string) => [...(chat.groups[groupId] ?? fail('usersInGroup', 'no_such_subteam'))]),
    lookupUserByEmail: call('lookupUserByEmail', (email: string) => emails.get(email.toLowerCase()) ?? null),
    userEmail: call('userEmail', (userId: string) => [...emails].find(([, id]) => id === userId)?.[0] ?? null),
    channelUrl: (channelId: string) => `https://slack.example/archives/${channelId}`,
  };
  return Object.assign(chat, port);
}
