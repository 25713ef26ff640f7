import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { captureOrHoldAck } from './capture.js';

interface ReactionEventShape {
  user: string;
  reaction: string;
  item: { type: string; channel?: string; ts?: string };
}

interface PinEventShape {
  channel_id: string;
  item: { type: string; channel?: string; message?: { ts: string }; ts?: string };
}

/** A configured reaction (default :pushpin:) or a pin marks a message as a key event; removing it unmarks. */
export function registerKeyEventListeners(app: App, deps: Deps): void {
  const reactions = new Set(deps.settings.keyEventReactions.map((name) => name.replace(/:/g, '').toLowerCase()));

  const onReaction = (on: boolean) =>
    async ({ event, context }: { event: unknown; context: object }) => {
      const reaction = event as ReactionEventShape;
      // Skin-tone variants (`+1::skin-tone-2`) count as the base reaction.
      const base = reaction.reaction.split('::')[0]?.toLowerCase() ?? '';
      if (reaction.item.type !== 'message' || !reactions.has(base) || !reaction.item.channel || !reaction.item.ts) return;
      const { channel, ts } = reaction.item;
      await captureOrHoldAck(context, deps, 'key_event', () => deps.capture.markKeyEvent(channel, ts, `reaction:${reaction.user}:${base}`, on));
    };

  const onPin = (on: boolean) =>
    async ({ event, context }: { event: unknown; context: object }) => {
      const pin = event as PinEventShape;
      const ts = pin.item.message?.ts ?? pin.item.ts;
      const channel = pin.item.channel ?? pin.channel_id;
      if (pin.item.type !== 'message' || !ts) return;
      await captureOrHoldAck(context, deps, 'key_event', () => deps.capture.markKeyEvent(channel, ts, 'pin', on));
    };

  app.event('reaction_added', onReaction(true));
  app.event('reaction_removed', onReaction(false));
  app.event('pin_added', onPin(true));
  app.event('pin_removed', onPin(false));
}
