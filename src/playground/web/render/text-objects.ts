import { asObject, asString } from './escape.js';
import { renderMrkdwn, renderPlainText } from './mrkdwn.js';
import type { RenderContext } from './types.js';

/** A plain_text or mrkdwn text object as HTML ('' when absent). */
export function renderTextObject(value: unknown, ctx: RenderContext): string {
  const obj = asObject(value);
  const text = asString(obj?.text);
  if (!obj || text === undefined) return '';
  return obj.type === 'mrkdwn' ? renderMrkdwn(text, ctx) : renderPlainText(text);
}
