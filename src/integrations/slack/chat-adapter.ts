/**
 * ChatPort on Slack's Web API. Messages to one channel go out in order and paced (ChannelPacer), and ride out a Slack
 * outage inside their lane (OutageWatch: callers just wait longer); other calls go straight through. Slack errors
 * become SlackApiError (an IntegrationError); outcomes the port treats as success (already_in_channel, already_pinned)
 * or as a result (name_taken) are not errors.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { Block, KnownBlock, WebClient } from '@slack/web-api';
import type { ChatMessage, ChatPort, Clock, CreateChannelResult, Logger } from '../../core/ports.js';
import { createChannelPacer, DEFAULT_PACING, type ChannelPacer, type PacerTime, type PacingOptions } from './channel-pacer.js';
import { inviteUsers } from './invite.js';
import { createOutageWatch, DEFAULT_OUTAGE, type OutageWatch, type WriteKind } from './outage-retry.js';
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
  /**
   * How long a channel's writes (posts, edits, direct messages) keep being retried in order while Slack fails, counted
   * from the channel's first failure; default 10 minutes, 0 turns it off. See outage-retry.ts for what is retried.
   */
  outagePatienceMs?: number;
  /** Backoff between outage retries: first wait, doubling up to the longest; default 1 s to 30 s (tests use ms). */
  outageRetryDelayMs?: { min?: number; max?: number };
  /** Called before each outage retry of a write, for metrics: the method and the Slack error code that caused it. */
  onOutageRetry?: (method: string, error: string) => void;
}

// ChatMessage.blocks is opaque to the core; the templates build Block Kit, so this cast only restores what they made.
type Blocks = (KnownBlock | Block)[];

export class SlackChatAdapter implements ChatPort {
  private readonly pacer: ChannelPacer;
  private readonly outage: OutageWatch;
  private readonly groups: TtlCache<string[]>;
  private botId: Promise<string> | null;

  constructor(
    private readonly client: WebClient,
    private readonly options: SlackChatOptions = {},
  ) {
    // Pacing runs on real time even when the app's clock is simulated: it spaces real HTTP calls.
    const pacingTime = options.pacingTime ?? { now: () => performance.now(), sleep: (ms: number) => sleepMs(ms) };
    this.pacer = createChannelPacer({ ...DEFAULT_PACING, ...options.pacing }, pacingTime);
    this.outage = createOutageWatch({
      options: {
        patienceMs: options.outagePatienceMs ?? DEFAULT_OUTAGE.patienceMs,
        minDelayMs: options.outageRetryDelayMs?.min ?? DEFAULT_OUTAGE.minDelayMs,
        maxDelayMs: options.outageRetryDelayMs?.max ?? DEFAULT_OUTAGE.maxDelayMs,
      },
      now: pacingTime.now,
      // Unreferenced, so waiting out an outage never keeps a stopping process alive.
      sleep: options.pacingTime?.sleep ?? ((ms: number) => sleepMs(ms, undefined, { ref: false })),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.onOutageRetry ? { onRetry: options.onOutageRetry } : {}),
    });
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

  /** Channels whose writes are currently waiting out a Slack outage (for tests and diagnostics). */
  channelsInOutage(): number {
    return this.outage.size();
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
      this.laneWrite(channelId, 'chat.postMessage', 'post', () =>
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
        this.laneWrite(channelId, 'chat.update', 'replace', () =>
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
      this.laneWrite(userId, 'chat.postMessage', 'post', () =>
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

  /** One Web API call: timed for `onCall`, errors translated and logged; codes in `accept` resolve to null instead. */
  private call<T>(method: string, fn: () => Promise<T>): Promise<T>;
  private call<T>(method: string, fn: () => Promise<T>, accept: readonly string[]): Promise<T | null>;
  private async call<T>(method: string, fn: () => Promise<T>, accept: readonly string[] = []): Promise<T | null> {
    try {
      return await this.attempt(method, fn, accept);
    } catch (err) {
      this.logFailure(method, err);
      throw err;
    }
  }

  /**
   * A write in a channel's lane (the caller holds the lane): retried through a Slack outage, where each failed attempt
   * is counted by `onCall` but only the outage's start and end are logged, and only the final failure as a call failure.
   */
  private async laneWrite<T>(lane: string, method: string, kind: WriteKind, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.outage.write(lane, method, kind, () => this.attempt(method, fn));
    } catch (err) {
      this.logFailure(method, err);
      throw err;
    }
  }

  private attempt<T>(method: string, fn: () => Promise<T>): Promise<T>;
  private attempt<T>(method: string, fn: () => Promise<T>, accept: readonly string[]): Promise<T | null>;
  private async attempt<T>(method: string, fn: () => Promise<T>, accept: readonly string[] = []): Promise<T | null> {
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
      throw error;
    }
  }

  private logFailure(method: string, err: unknown): void {
    const error = toSlackError(method, err);
    this.options.logger?.warn({ method, error: error.code, retryable: error.retryable }, 'slack call failed');
  }
}

export function createSlackChat(client: WebClient, options: SlackChatOptions = {}): SlackChatAdapter {
  return new SlackChatAdapter(client, options);
}
