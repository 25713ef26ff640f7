/**
 * The people's side of the simulated Slack workspace: what Slack does when someone types, clicks, reacts, pins or
 * submits a modal. It updates the workspace, then signs and sends the slash command, event or interaction to the bot
 * exactly as Slack does (sender.ts), and applies what the bot answers (response_url posts, view responses).
 * The Web API half (what the bot calls) is server.ts; both share one FakeWorkspace.
 */
import { randomUUID } from 'node:crypto';
import { parseJsonObject } from '../http-kit.js';
import { blockAction, viewStateValues } from '../web/render/index.js';
import type { AnsweredCall, FakeSlack } from './server.js';
import { createSlackRequester, type SlackRequester } from './sender.js';
import { channelFeed, ReadMarks, type FeedItem } from './feed.js';
import { ModalStacks, viewPayload } from './modals.js';
import { applyResponse, type ResponseOrigin } from './responses.js';
import { asSlackText } from './typed-text.js';
import { messageJson } from './wire.js';
import type { FakeChannel, FakeMessage, FakeView, FakeWorkspace } from './workspace.js';

export type SimChange =
  | { type: 'channels' }
  | { type: 'channel'; channelId: string }
  | { type: 'modals'; userId: string }
  | { type: 'toast'; text: string; level: 'info' | 'error'; userId?: string };

export type SimResult = { ok: true } | { ok: false; error: string };
export type SubmitResult = SimResult | { ok: false; errors: Record<string, string> };

export interface SimulatorOptions {
  fake: FakeSlack;
  /** The bot's request URL (…/slack/events) and signing secret, as configured in the Slack app. */
  botUrl: string;
  signingSecret: string;
  /** Slash commands the app registers (manifest.yml); others get Slack's "not a valid command". */
  commands: readonly string[];
  /** Waits before redelivering an event the bot did not acknowledge (Slack: at once, after 1 and 5 minutes). */
  eventRetryDelaysMs?: readonly number[];
}

/** Slack's own user for its system messages ("… is not a valid command"). */
export const SLACKBOT = 'USLACKBOT';
/** How long Slack waits for the app to answer a request. */
const SLACK_TIMEOUT_MS = 3_000;


export class SlackSimulator {
  readonly ws: FakeWorkspace;
  private readonly sender: SlackRequester;
  private readonly listeners = new Set<(change: SimChange) => void>();
  private readonly responseOrigins = new Map<string, ResponseOrigin>();
  /** Open modal stacks per user, bottom first. */
  private readonly modals = new ModalStacks();
  private readonly readMarks = new ReadMarks();
  private readonly appCreated = new Set<string>();
  private readonly retryDelays: readonly number[];

  constructor(private readonly options: SimulatorOptions) {
    this.ws = options.fake.workspace;
    this.retryDelays = options.eventRetryDelaysMs ?? [1_000, 5_000, 30_000];
    this.sender = createSlackRequester({
      url: options.botUrl,
      signingSecret: options.signingSecret,
      teamId: this.ws.teamId,
      botUserId: this.ws.bot.id,
      timeoutMs: SLACK_TIMEOUT_MS,
      newResponseUrl: () => options.fake.newResponseUrl(),
    });
    options.fake.onAnswered((call) => this.followBot(call));
  }

  onChange(listener: (change: SimChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The composer: a slash command when the text starts with "/", else a message (a thread reply with threadTs). */
  async send(input: { user: string; channel: string; text: string; threadTs?: string }): Promise<SimResult> {
    const channel = this.ws.channel(input.channel);
    const user = this.ws.user(input.user);
    if (!channel || !user) return { ok: false, error: 'unknown channel or user' };
    const text = input.text.trim();
    if (text === '') return { ok: false, error: 'nothing to send' };
    if (channel.archived) return { ok: false, error: `#${channel.name} is archived` };
    if (!channel.members.includes(user.id)) {
      if (channel.isPrivate) return { ok: false, error: `only members of #${channel.name} can post in it` };
      channel.members.push(user.id); // Slack's client offers to join a public channel; the playground just joins
      this.emit({ type: 'channels' });
    }
    if (text.startsWith('/')) return this.slashCommand(user.id, channel, text);
    return this.postMessage(user.id, channel, asSlackText(this.ws, text, false), input.threadTs);
  }

  async click(input: { user: string; channel: string; ts: string; blockId: string; actionId: string; value?: string | string[] }): Promise<SimResult> {
    const channel = this.ws.channel(input.channel);
    if (!channel) return { ok: false, error: 'unknown channel' };
    const ephemeral = this.ws.ephemerals.find((e) => e.channel === channel.id && e.ts === input.ts && e.user === input.user);
    const message = ephemeral ? undefined : channel.messages.find((m) => m.ts === input.ts);
    const source = ephemeral ?? message;
    if (!source) return { ok: false, error: 'that message is gone' };
    const action = blockAction(source.blocks ?? [], input.blockId, input.actionId, input.value, this.ws.nextTs());
    if (!action) return { ok: false, error: 'no such element in the message' };
    const responseUrl = this.responseUrlFor({ channel: channel.id, user: input.user, messageTs: input.ts, ephemeral: Boolean(ephemeral) });
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      user: this.userRef(input.user),
      container: { type: 'message', message_ts: input.ts, channel_id: channel.id, is_ephemeral: Boolean(ephemeral) },
      trigger_id: this.modals.newTrigger(input.user),
      channel: { id: channel.id, name: channel.name },
      response_url: responseUrl,
      actions: [action],
      state: { values: {} },
      ...(message ? { message: messageJson(this.ws, message) } : {}),
    };
    return this.interact(payload, input.user);
  }

  async react(input: { user: string; channel: string; ts: string; name: string; remove?: boolean }): Promise<SimResult> {
    const message = this.ws.message(input.channel, input.ts);
    if (!message) return { ok: false, error: 'that message is gone' };
    const reactions = (message.reactions ??= []);
    let reaction = reactions.find((r) => r.name === input.name);
    const had = reaction?.users.includes(input.user) ?? false;
    if (input.remove ? !had : had) return { ok: true }; // Slack ignores a repeat
    if (input.remove && reaction) {
      reaction.users = reaction.users.filter((u) => u !== input.user);
      if (reaction.users.length === 0) reactions.splice(reactions.indexOf(reaction), 1);
    } else {
      if (!reaction) reactions.push((reaction = { name: input.name, users: [] }));
      reaction.users.push(input.user);
    }
    this.emit({ type: 'channel', channelId: input.channel });
    return this.deliverEvent(input.channel, {
      type: input.remove ? 'reaction_removed' : 'reaction_added',
      user: input.user,
      reaction: input.name,
      item: { type: 'message', channel: input.channel, ts: input.ts },
      item_user: message.user,
      event_ts: this.ws.nextTs(),
    });
  }

  async pin(input: { user: string; channel: string; ts: string; remove?: boolean }): Promise<SimResult> {
    const channel = this.ws.channel(input.channel);
    const message = channel?.messages.find((m) => m.ts === input.ts);
    if (!channel || !message) return { ok: false, error: 'that message is gone' };
    const pinned = channel.pins.includes(input.ts);
    if (input.remove ? !pinned : pinned) return { ok: true };
    channel.pins = input.remove ? channel.pins.filter((ts) => ts !== input.ts) : [...channel.pins, input.ts];
    this.emit({ type: 'channel', channelId: channel.id });
    return this.deliverEvent(channel.id, {
      type: input.remove ? 'pin_removed' : 'pin_added',
      user: input.user,
      channel_id: channel.id,
      item: { type: 'message', channel: channel.id, created: this.ws.nowSeconds(), created_by: input.user, message: messageJson(this.ws, message) },
      event_ts: this.ws.nextTs(),
    });
  }

  modalsFor(userId: string): FakeView[] {
    return this.modals.forUser(this.ws, userId);
  }

  async submitView(input: { user: string; viewId: string; values: Record<string, Record<string, string | string[]>> }): Promise<SubmitResult> {
    const view = this.ws.views.get(input.viewId);
    if (!view || !this.modalsFor(input.user).includes(view)) return { ok: false, error: 'that modal is closed' };
    const payload = {
      type: 'view_submission',
      user: this.userRef(input.user),
      trigger_id: this.modals.newTrigger(input.user),
      view: viewPayload(this.ws, view, viewStateValues(view.view, input.values)),
      response_urls: [],
    };
    const answer = await this.sender.interaction(payload).catch((err: unknown) => ({ status: 0, body: String(err) }));
    if (answer.status !== 200) return this.failed(input.user, `the app did not answer the submission (${answer.status || answer.body})`);
    const response = parseJsonObject(answer.body);
    switch (response?.response_action) {
      case 'errors':
        return { ok: false, errors: (response.errors ?? {}) as Record<string, string> };
      case 'update':
        view.view = response.view as Record<string, unknown>;
        break;
      case 'push':
        this.modals.push(this.ws, input.user, response.view as Record<string, unknown>);
        break;
      case 'clear':
        this.modals.clear(input.user);
        break;
      default:
        this.modals.pop(input.user, view.id);
    }
    this.emit({ type: 'modals', userId: input.user });
    return { ok: true };
  }

  async closeView(input: { user: string; viewId: string }): Promise<SimResult> {
    const view = this.ws.views.get(input.viewId);
    if (!view || !this.modalsFor(input.user).includes(view)) return { ok: true }; // closed already, or not theirs
    this.modals.pop(input.user, view.id);
    this.emit({ type: 'modals', userId: input.user });
    if (view.view.notify_on_close !== true) return { ok: true };
    return this.interact({ type: 'view_closed', user: this.userRef(input.user), view: viewPayload(this.ws, view, {}), is_cleared: false }, input.user);
  }

  /** Top-level messages and the viewer's ephemerals, oldest first; with threadTs, the parent and its replies. */
  feed(channelId: string, viewer: string, threadTs?: string): FeedItem[] {
    return channelFeed(this.ws, channelId, viewer, threadTs);
  }

  unread(channelId: string, viewer: string): number {
    return this.readMarks.unread(this.ws, channelId, viewer);
  }

  markRead(channelId: string, viewer: string): void {
    this.readMarks.markRead(this.ws, channelId, viewer);
  }

  /** A channel the app created (a war room), not one the workspace had. */
  isAppCreated(channelId: string): boolean {
    return this.appCreated.has(channelId);
  }

  toast(text: string, level: 'info' | 'error' = 'info', userId?: string): void {
    this.emit({ type: 'toast', text, level, ...(userId ? { userId } : {}) });
  }

  private respond(origin: ResponseOrigin, body: Record<string, unknown>): void {
    const changed = applyResponse(this.ws, origin, body);
    if (!changed) return;
    if (changed.posted) this.emit({ type: 'channels' });
    this.emit({ type: 'channel', channelId: changed.channel });
  }

  private emit(change: SimChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private async slashCommand(userId: string, channel: FakeChannel, text: string): Promise<SimResult> {
    const [command = ''] = text.split(/\s+/);
    if (!this.options.commands.includes(command)) {
      this.slackbotSays(channel.id, userId, `\`${command}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`);
      return { ok: true };
    }
    const responseUrl = this.responseUrlFor({ channel: channel.id, user: userId, ephemeral: true });
    const answer = await this.sender
      .slashCommand({
        command,
        // manifest.yml sets should_escape: Slack escapes &, < and > and sends mentions as <@U…|name>.
        text: asSlackText(this.ws, text.slice(command.length).trim(), true),
        userId,
        channelId: channel.id,
        channelName: channel.isIm ? 'directmessage' : channel.isPrivate ? 'privategroup' : channel.name,
        responseUrl,
        triggerId: this.modals.newTrigger(userId),
      })
      .catch((err: unknown) => ({ status: isTimeout(err) ? -1 : 0, body: String(err), ms: 0 }));
    if (answer.status !== 200) {
      const error = answer.status === -1 ? 'operation_timeout' : answer.status === 0 ? 'dispatch_failed' : 'http_service_error';
      this.slackbotSays(channel.id, userId, `${command} failed with the error "${error}"`);
      return { ok: true };
    }
    // An immediate answer in the acknowledgement is shown like a response_url post.
    const immediate = answer.body.trim() === '' ? null : (parseJsonObject(answer.body) ?? { text: answer.body });
    if (immediate) this.respond({ channel: channel.id, user: userId, ephemeral: true }, immediate);
    return { ok: true };
  }

  private async postMessage(userId: string, channel: FakeChannel, text: string, threadTs?: string): Promise<SimResult> {
    const message: FakeMessage = { ts: this.ws.nextTs(), user: userId, text, ...(threadTs ? { threadTs } : {}) };
    channel.messages.push(message);
    this.emit({ type: 'channel', channelId: channel.id });
    this.emit({ type: 'channels' });
    if (channel.isIm) return { ok: true }; // the app subscribes to channel and group messages only
    return this.deliverEvent(channel.id, {
      type: 'message',
      channel: channel.id,
      user: userId,
      text,
      ts: message.ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      channel_type: channel.isPrivate ? 'group' : 'channel',
      event_ts: message.ts,
      client_msg_id: randomUUID(),
    });
  }

  /** Sends an event the bot subscribed to, when the bot can see the channel; redelivers on failure as Slack does. */
  private async deliverEvent(channelId: string, event: Record<string, unknown>): Promise<SimResult> {
    if (!this.ws.channel(channelId)?.members.includes(this.ws.bot.id)) return { ok: true };
    const eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    let retryReason: 'http_timeout' | 'http_error' = 'http_timeout';
    for (let attempt = 0; ; attempt += 1) {
      const answer: { status: number } = await this.sender.event(event, { eventId, ...(attempt > 0 ? { retryNum: attempt, retryReason } : {}) }).catch(() => ({ status: 0 }));
      if (answer.status === 200) return { ok: true };
      retryReason = answer.status === 0 ? 'http_timeout' : 'http_error';
      const wait = this.retryDelays[attempt];
      if (wait === undefined) {
        this.toast(`Slack gave up delivering a ${String(event.type)} event after ${attempt + 1} attempts`, 'error');
        return { ok: false, error: 'event not acknowledged by the app' };
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async interact(payload: Record<string, unknown>, userId: string): Promise<SimResult> {
    const answer = await this.sender.interaction(payload).catch((err: unknown) => ({ status: 0, body: String(err) }));
    if (answer.status === 200) return { ok: true };
    return this.failed(userId, `the app did not answer (${answer.status === 0 ? answer.body : `HTTP ${answer.status}`})`);
  }

  private failed(userId: string, error: string): SimResult {
    this.toast(error, 'error', userId);
    return { ok: false, error };
  }

  private slackbotSays(channel: string, user: string, text: string): void {
    this.ws.ephemerals.push({ channel, user, from: SLACKBOT, ts: this.ws.nextTs(), text });
    this.emit({ type: 'channel', channelId: channel });
  }

  private userRef(userId: string): Record<string, unknown> {
    const user = this.ws.user(userId);
    return { id: userId, username: user?.name ?? userId, name: user?.name ?? userId, team_id: this.ws.teamId };
  }

  private responseUrlFor(origin: ResponseOrigin): string {
    const url = this.options.fake.newResponseUrl();
    this.responseOrigins.set(url.slice(url.lastIndexOf('/') + 1), origin);
    return url;
  }

  /** Follows the bot's Web API calls so the page and the modal stacks stay current. */
  private followBot(call: AnsweredCall): void {
    const channelId = typeof call.answer.channel === 'string' ? call.answer.channel : typeof call.args.channel === 'string' ? call.args.channel : null;
    if (call.method === 'response_url' && call.responseUrlId) {
      const origin = this.responseOrigins.get(call.responseUrlId);
      if (origin) this.respond(origin, call.args);
      return;
    }
    if (call.method === 'views.open' || call.method === 'views.push') {
      const id = (call.answer.view as { id?: string } | undefined)?.id;
      const owner = id ? this.modals.opened(String(call.args.trigger_id), id, call.method === 'views.push') : null;
      if (owner) this.emit({ type: 'modals', userId: owner });
      return;
    }
    if (call.method === 'views.update') {
      const id = (call.answer.view as { id?: string } | undefined)?.id;
      for (const owner of id ? this.modals.ownersOf(id) : []) this.emit({ type: 'modals', userId: owner });
      return;
    }
    if (call.method === 'conversations.create') {
      const id = (call.answer.channel as { id?: string } | undefined)?.id;
      if (id) this.appCreated.add(id);
    }
    if (/^conversations\.(create|invite|kick|archive|unarchive|rename|join|setTopic|setPurpose)$/.test(call.method)) this.emit({ type: 'channels' });
    if (channelId && /^(chat|pins|reactions|conversations)\./.test(call.method)) {
      this.emit({ type: 'channel', channelId });
      if (call.method === 'chat.postMessage') this.emit({ type: 'channels' });
    }
  }


}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

