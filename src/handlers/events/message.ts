import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { captureOrHoldAck } from './capture.js';

/** Subtypes that are people talking (or sharing) in the war room; joins, topic changes and the like are not. */
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast', 'me_message']);

interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  permalink?: string;
}

interface MessageEventShape {
  subtype?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  files?: SlackFile[];
  message?: { ts: string; text?: string; user?: string; bot_id?: string };
  previous_message?: { ts: string };
  deleted_ts?: string;
}

/** Every human message in a war room goes to the timeline; edits update it, deletions mark it deleted. */
export function registerMessageEvents(app: App, deps: Deps): void {
  app.event('message', async ({ event, context }) => {
    const message = event as unknown as MessageEventShape;
    await captureOrHoldAck(context, deps, 'message', async () => {
      if (message.subtype === 'message_changed' && message.message) {
        if (message.message.bot_id) return false;
        return deps.capture.editMessage(message.channel, message.message.ts, message.message.text ?? '');
      }
      if (message.subtype === 'message_deleted') {
        const ts = message.deleted_ts ?? message.previous_message?.ts;
        return ts ? deps.capture.deleteMessage(message.channel, ts) : false;
      }
      if (!HUMAN_SUBTYPES.has(message.subtype) || message.bot_id || !message.user) return false;
      const result = await deps.capture.recordMessage({
        channelId: message.channel,
        ts: message.ts,
        threadTs: message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : null,
        userId: message.user,
        text: message.text ?? '',
        files: (message.files ?? []).map((file) => ({ id: file.id, name: file.name ?? file.title ?? file.id, url: file.permalink })),
      });
      return result.stored;
    });
  });
}
