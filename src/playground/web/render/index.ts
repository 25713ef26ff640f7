/**
 * The playground's Slack renderer: Block Kit and mrkdwn as HTML fragments for the page, and the payloads
 * Slack would send back for the page's clicks and form submissions. Pure; runs on the server.
 */
import { RENDERABLE_BLOCK_TYPES, renderBlockList } from './blocks.js';
import { INTERACTIVE_ELEMENT_TYPES } from './elements.js';
import { INPUT_ELEMENT_TYPES } from './inputs.js';
import { renderMrkdwn } from './mrkdwn.js';
import { RICH_TEXT_TYPES } from './rich-text.js';
import type { RenderContext, Surface } from './types.js';

export { BLOCK_KIT_TYPES } from './kit-types.js';
export { renderModal } from './modal.js';
export { emojiFor } from './emoji.js';
export { renderMrkdwn, renderPlainText } from './mrkdwn.js';
export { blockAction, defaultFormValues, viewStateValues } from './state.js';
export type { RenderContext } from './types.js';
export { RENDERABLE_BLOCK_TYPES };

/** Element types drawn somewhere: in actions/accessories, modal inputs, rich text and table cells. */
export const RENDERABLE_ELEMENT_TYPES: ReadonlySet<string> = new Set([...INTERACTIVE_ELEMENT_TYPES, ...INPUT_ELEMENT_TYPES, ...RICH_TEXT_TYPES, 'raw_text']);

export function renderBlocks(blocks: unknown[], ctx: RenderContext, surface: Surface): string {
  return renderBlockList(blocks, ctx, { surface });
}

/** A message as Slack shows it: its blocks if it has any, else its mrkdwn text. */
export function renderMessageBody(message: { text: string; blocks?: unknown[] }, ctx: RenderContext): string {
  return message.blocks && message.blocks.length > 0 ? renderBlocks(message.blocks, ctx, 'message') : renderMrkdwn(message.text ?? '', ctx);
}
