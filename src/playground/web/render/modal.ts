/** A modal view: title, body and the Close/Submit buttons. The page wraps it in its own form element. */
import { renderBlockList } from './blocks.js';
import { asArray, asObject, asString } from './escape.js';
import { labelOf } from './options.js';
import type { RenderContext } from './types.js';

export function renderModal(view: Record<string, unknown>, ctx: RenderContext, errors?: Record<string, string>): string {
  const title = `<div class="bk-modal-title">${labelOf(view.title, ctx)}</div>`;
  const body = `<div class="bk-modal-body">${renderBlockList(asArray(view.blocks), ctx, { surface: 'modal', ...(errors ? { errors } : {}) })}</div>`;
  // Slack's defaults when a view names no close button.
  const close = asString(asObject(view.close)?.text) !== undefined ? labelOf(view.close, ctx) : 'Cancel';
  const submit = asObject(view.submit) ? `<button type="button" data-modal="submit" class="bk-primary">${labelOf(view.submit, ctx)}</button>` : '';
  return `${title}${body}<div class="bk-modal-actions"><button type="button" data-modal="close">${close}</button>${submit}</div>`;
}
