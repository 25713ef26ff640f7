/**
 * The fake Slack workspace's state: users, user groups, channels with members, messages and pins, ephemeral messages,
 * response_url posts and opened views. Tests seed it and inspect it directly.
 */
export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  email: string | null;
  isBot: boolean;
  deleted: boolean;
  botId?: string;
}

export interface FakeUserGroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

export interface FakeMessage {
  ts: string;
  threadTs?: string;
  user: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  edited?: { user: string; ts: string };
  /** Reactions in the order they were first added, as Slack lists them. */
  reactions?: { name: string; users: string[] }[];
}

export interface FakeTopic {
  value: string;
  creator: string;
  lastSet: number;
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  /** A direct-message channel (D…) with `imUser`. */
  isIm: boolean;
  imUser?: string;
  created: number;
  creator: string;
  archived: boolean;
  topic: FakeTopic;
  purpose: FakeTopic;
  members: string[];
  messages: FakeMessage[];
  /** ts of pinned messages, in pin order. */
  pins: string[];
}

export interface FakeEphemeral {
  channel: string;
  user: string;
  /** Who it is shown as from; default the bot (Slack's own notices come from USLACKBOT). */
  from?: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
}

export interface FakeResponse {
  /** The id in the response_url this was posted to. */
  urlId: string;
  text?: string;
  blocks?: unknown[];
  responseType?: string;
  replaceOriginal?: boolean;
  deleteOriginal?: boolean;
  threadTs?: string;
  body: Record<string, unknown>;
}

export interface FakeView {
  id: string;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  externalId: string | null;
  /** The method that last set it: views.open, views.push or views.update. */
  via: string;
  view: Record<string, unknown>;
}

export interface NewFakeUser {
  id?: string;
  name: string;
  realName?: string;
  email?: string | null;
  isBot?: boolean;
  deleted?: boolean;
}

export interface NewFakeChannel {
  id?: string;
  name: string;
  isPrivate?: boolean;
  members?: string[];
  /** Whether the bot is a member; default true. */
  botIsMember?: boolean;
  topic?: string;
  purpose?: string;
}

export class FakeWorkspace {
  readonly users = new Map<string, FakeUser>();
  readonly userGroups = new Map<string, FakeUserGroup>();
  readonly channels = new Map<string, FakeChannel>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly responses: FakeResponse[] = [];
  readonly views = new Map<string, FakeView>();
  readonly usedTriggerIds = new Set<string>();
  readonly responseUrlIds = new Set<string>();
  readonly bot: FakeUser;
  private readonly counters = new Map<string, number>();
  private lastTsMicros = 0;

  constructor(
    readonly teamId: string,
    botUserId: string,
    readonly botId = 'B0000000BOT',
  ) {
    this.bot = this.addUser({ id: botUserId, name: 'warroom', realName: 'Warroom', isBot: true });
    this.bot.botId = botId;
  }

  /** Slack-like ids: a type letter and upper-case alphanumerics (C… channels, U… users, S… groups, D… DMs, V… views). */
  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}0F${n.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** Message timestamps "<seconds>.<6 digits>", strictly increasing even within one microsecond. */
  nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    return `${seconds}.${String(this.lastTsMicros % 1_000_000).padStart(6, '0')}`;
  }

  nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  addUser(input: NewFakeUser): FakeUser {
    const id = input.id ?? this.nextId('U');
    if (this.users.has(id)) throw new Error(`fake slack: user ${id} already exists`);
    const user: FakeUser = {
      id,
      name: input.name,
      realName: input.realName ?? input.name,
      email: input.email ?? null,
      isBot: input.isBot ?? false,
      deleted: input.deleted ?? false,
    };
    this.users.set(id, user);
    return user;
  }

  addUserGroup(input: { id?: string; handle: string; name?: string; users: string[] }): FakeUserGroup {
    const id = input.id ?? this.nextId('S');
    if (this.userGroups.has(id)) throw new Error(`fake slack: user group ${id} already exists`);
    const group: FakeUserGroup = { id, handle: input.handle, name: input.name ?? input.handle, users: [...input.users] };
    this.userGroups.set(id, group);
    return group;
  }

  addChannel(input: NewFakeChannel): FakeChannel {
    // Slack gives private channels C ids too nowadays (G ids are legacy).
    const id = input.id ?? this.nextId('C');
    if (this.channels.has(id)) throw new Error(`fake slack: channel ${id} already exists`);
    if (this.channelByName(input.name)) throw new Error(`fake slack: channel name ${input.name} already exists`);
    const now = this.nowSeconds();
    const members = new Set(input.members ?? []);
    if (input.botIsMember ?? true) members.add(this.bot.id);
    const channel: FakeChannel = {
      id,
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      isIm: false,
      created: now,
      creator: this.bot.id,
      archived: false,
      topic: { value: input.topic ?? '', creator: input.topic ? this.bot.id : '', lastSet: input.topic ? now : 0 },
      purpose: { value: input.purpose ?? '', creator: input.purpose ? this.bot.id : '', lastSet: input.purpose ? now : 0 },
      members: [...members],
      messages: [],
      pins: [],
    };
    this.channels.set(id, channel);
    return channel;
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  channelByName(name: string): FakeChannel | undefined {
    const bare = name.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.isIm && c.name === bare);
  }

  /** The direct-message channel between the bot and a user, opened on first use as Slack does. */
  imChannelFor(userId: string): FakeChannel {
    const existing = [...this.channels.values()].find((c) => c.isIm && c.imUser === userId);
    if (existing) return existing;
    const channel = this.addChannel({ id: this.nextId('D'), name: `dm-${userId}`, members: [userId] });
    channel.isIm = true;
    channel.isPrivate = true;
    channel.imUser = userId;
    return channel;
  }

  /** Messages of a channel (thread replies included), oldest first; throws for an unknown channel. */
  messages(channelId: string): FakeMessage[] {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake slack: no channel ${channelId}`);
    return channel.messages;
  }

  message(channelId: string, ts: string): FakeMessage | undefined {
    return this.channels.get(channelId)?.messages.find((m) => m.ts === ts);
  }
}
