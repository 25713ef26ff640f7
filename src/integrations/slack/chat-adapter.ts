/**
 * ChatPort on Slack's Web API. Messages to one channel go out in order and paced (ChannelPacer); other calls go straight
 * through. Slack errors become SlackApiError (an IntegrationError); outcomes the port treats as success
 * (already_in_channel, already_pinned) or as a result (name_taken) are not errors.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { Block, KnownBlock, WebClient } from '@slack/web-api';
import type { ChatMessage, ChatPort, Clock, CreateChannelResult, Logger } from '../../core/ports.js';
import { createChannelPacer, DEFAULT_PACING, type ChannelPacer, type PacerTime, type PacingOptions } from './channel-pacer.js';
import { inviteUsers } from './invite.js';
import { platformErrorCode, toSlackError } from './slack-errors.js';
import { createTtlCache, type TtlCache } from './ttl-cache.js';

export interface SlackChatOptions {
  /** Per-channel message pacing; default burst 4, 1 message/s. */
  pacing?: Partial<PacingOptions>;
  /** How long usergroups.users.list answers are reused; default 60 s. */
  groupCacheTtlMs?: number;
  /** The bot's own user id when already known (else auth.test is asked once, on first need). */
  botUserId?: string;
  /** Time source for the group cache's TTL; default the system clock. */
  clock?: Clock;
  /** Time source for pacing, in ms; default the monotonic clock and real timers (tests inject a manual one). */
  pacingTime?: PacerTime;
  logger?: Logger;
  /** Called after every Web API call, for metrics: the method, its duration, and Slack's error code when it failed. */
  onCall?: (method: string, durationMs: number, error?: string) => void;
}

// ChatMessage.blocks is opaque to the core; the templates build Block Kit, so this cast only restores what they made.
type Blocks = (KnownBlock | Block)[];

export class SlackChatAdapter implements ChatPort {
  private readonly pacer: ChannelPacer;
  private readonly groups: TtlCache<string[]>;
  private botId: Promise<string> | null;

  constructor(
    private readonly client: WebClient,
    private readonly options: SlackChatOptions = {},
  ) {
    // Pacing runs on real time even when the app's clock is simulated: it spaces real HTTP calls.
    const pacingTime = options.pacingTime ?? { now: () => performance.now(), sleep: (ms: number) => sleepMs(ms) };
    this.pacer = createChannelPacer({ ...DEFAULT_PACING, ...options.pacing }, pacingTime);
    const now = (): number => (options.clock ? options.clock.now().getTime() : Date.now());
    this.groups = createTtlCache(options.groupCacheTtlMs ?? 60_000, now);
    this.botId = options.botUserId ? Promise.resolve(options.botUserId) : null;
  }

  /** The bot's user id, from auth.test the first time it is needed (retried on a later call if that failed). */
  botUserId(): Promise<string> {
    if (!this.botId) {
      const pending = this.call('auth.test', () => this.client.auth.test()).then((r) => r.user_id ?? '');
      pending.catch(() => {
        if (this.botId === pending) this.botId = null;
      });
      this.botId = pending;
    }
    return this.botId;
  }

  /** Channel lanes currently held by the pacer (for tests and diagnostics). */
  pacedChannels(): number {
    return this.pacer.size();
  }

  async createChannel(name: string, options: { isPrivate: boolean }): Promise<CreateChannelResult> {
    const result = await this.call('conversations.create', () => this.client.conversations.create({ name, is_private: options.isPrivate }), ['name_taken']);
    if (result === null) return { ok: false, reason: 'name_taken' };
    const channel = result.channel;
    if (!channel?.id) throw toSlackError('conversations.create', new Error('Slack returned no channel id'));
    return { ok: true, id: channel.id, name: channel.name ?? name };
  }

  async setTopic(channelId: string, topic: string): Promise<void> {
    await this.call('conversations.setTopic', () => this.client.conversations.setTopic({ channel: channelId, topic }));
  }

  async setPurpose(channelId: string, purpose: string): Promise<void> {
    await this.call('conversations.setPurpose', () => this.client.conversations.setPurpose({ channel: channelId, purpose }));
  }

  async invite(channelId: string, userIds: string[]): Promise<void> {
    const bot = await this.botUserId();
    // Inviting ourselves is an error in Slack (cant_invite_self), and the bot is already in channels it created.
    const users = [...new Set(userIds.map((u) => u.trim()).filter((u) => u.length > 0 && u !== bot))];
    await inviteUsers(channelId, users, async (batch) => {
      await this.call('conversations.invite', () => this.client.conversations.invite({ channel: channelId, users: batch.join(','), force: true }), ['already_in_channel']);
    });
  }

  async postMessage(channelId: string, message: ChatMessage, options: { threadTs?: string } = {}): Promise<{ channelId: string; ts: string }> {
    const result = await this.pacer.run(channelId, () =>
      this.call('chat.postMessage', () =>
        this.client.chat.postMessage({
          channel: channelId,
          text: message.text,
          ...(message.blocks ? { blocks: message.blocks as Blocks } : {}),
          ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
          unfurl_links: false,
        }),
      ),
    );
    return { channelId: result.channel ?? channelId, ts: result.ts ?? '' };
  }

  async updateMessage(channelId: string, ts: string, message: ChatMessage): Promise<void> {
    // Ordered with the channel's posts but not paced: edits do not add messages people have to read.
    await this.pacer.run(
      channelId,
      () =>
        this.call('chat.update', () =>
          // An empty blocks list removes blocks the previous version had; the message is replaced as a whole.
          this.client.chat.update({ channel: channelId, ts, text: message.text, blocks: (message.blocks ?? []) as Blocks }),
        ),
      { paced: false },
    );
  }

  async pinMessage(channelId: string, ts: string): Promise<void> {
    await this.call('pins.add', () => this.client.pins.add({ channel: channelId, timestamp: ts }), ['already_pinned']);
  }

  async postEphemeral(channelId: string, userId: string, message: ChatMessage): Promise<void> {
    await this.call('chat.postEphemeral', () =>
      this.client.chat.postEphemeral({ channel: channelId, user: userId, text: message.text, ...(message.blocks ? { blocks: message.blocks as Blocks } : {}) }),
    );
  }

  async sendDirectMessage(userId: string, message: ChatMessage): Promise<void> {
    await this.pacer.run(userId, () =>
      this.call('chat.postMessage', () =>
        this.client.chat.postMessage({ channel: userId, text: message.text, ...(message.blocks ? { blocks: message.blocks as Blocks } : {}), unfurl_links: false }),
      ),
    );
  }

  async usersInGroup(groupId: string): Promise<string[]> {
    const users = await this.groups.get(groupId, async () => {
      const result = await this.call('usergroups.users.list', () => this.client.usergroups.users.list({ usergroup: groupId }));
      return result.users ?? [];
    });
    return [...users];
  }

  async lookupUserByEmail(email: string): Promise<string | null> {
    const result = await this.call('users.lookupByEmail', () => this.client.users.lookupByEmail({ email }), ['users_not_found']);
    return result?.user?.id ?? null;
  }

  async userEmail(userId: string): Promise<string | null> {
    const result = await this.call('users.info', () => this.client.users.info({ user: userId }), ['user_not_found']);
    return result?.user?.profile?.email ?? null;
  }

  /** Opens the channel in whichever workspace the reader is signed in to. */
  channelUrl(channelId: string): string {
    return `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}`;
  }

  /** One Web API call: timed for `onCall`, errors translated; codes in `accept` resolve to null instead of throwing. */
  private call<T>(method: string, fn: () => Promise<T>): Promise<T>;
  private call<T>(method: string, fn: () => Promise<T>, accept: readonly string[]): Promise<T | null>;
  private async call<T>(method: string, fn: () => Promise<T>, accept: readonly string[] = []): Promise<T | null> {
    const started = performance.now();
    try {
      const result = await fn();
      this.options.onCall?.(method, performance.now() - started);
      return result;
    } catch (err) {
      const code = platformErrorCode(err);
      if (code !== undefined && accept.includes(code)) {
        this.options.onCall?.(method, performance.now() - started);
        return null;
      }
      const error = toSlackError(method, err);
      this.options.onCall?.(method, performance.now() - started, error.code);
      this.options.logger?.warn({ method, error: error.code, retryable: error.retryable }, 'slack call failed');
      throw error;
    }
  }
}

export function createSlackChat(client: WebClient, options: SlackChatOptions = {}): SlackChatAdapter {
  return new SlackChatAdapter(client, options);
}
