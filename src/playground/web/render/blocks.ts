/** Block Kit blocks → HTML. Every block is wrapped in `<div class="bk-block bk-TYPE" data-block-id>`; unknown types show a marker. */
import { renderImageElement, renderInteractiveElement } from './elements.js';
import { asArray, asObject, asObjects, asString, attr, escapeHtml, isSafeImageUrl, isSafeUrl, type Json } from './escape.js';
import { actionIdOf, blockIdOf } from './ids.js';
import { renderInputBlock } from './inputs.js';
import { renderMarkdown } from './markdown.js';
import { renderPlainText } from './mrkdwn.js';
import { labelOf } from './options.js';
import { renderRichText } from './rich-text.js';
import { renderTextObject } from './text-objects.js';
import type { RenderContext, Surface } from './types.js';
import { unsupported } from './unsupported.js';

export interface BlockOptions {
  surface: Surface;
  /** Validation errors by block_id (modals). */
  errors?: Record<string, string>;
}

type BlockRenderer = (block: Json, blockId: string, ctx: RenderContext, options: BlockOptions) => string;

const wrap = (type: string, blockId: string, inner: string): string => `<div class="bk-block bk-${type}"${attr('data-block-id', blockId)}>${inner}</div>`;

function section(block: Json, blockId: string, ctx: RenderContext): string {
  const text = block.text ? `<div class="bk-section-text">${renderTextObject(block.text, ctx)}</div>` : '';
  const fields = asArray(block.fields);
  const fieldsHtml = fields.length ? `<div class="bk-fields">${fields.map((f) => `<div class="bk-field">${renderTextObject(f, ctx)}</div>`).join('')}</div>` : '';
  const accessory = asObject(block.accessory);
  const accessoryHtml = accessory ? `<div class="bk-accessory">${renderInteractiveElement(accessory, { blockId, actionId: actionIdOf(accessory, 'accessory') }, ctx)}</div>` : '';
  return wrap('section', blockId, `<div class="bk-section-main">${text}${fieldsHtml}</div>${accessoryHtml}`);
}

function context(block: Json, blockId: string, ctx: RenderContext): string {
  const elements = asObjects(block.elements).map((element) => {
    if (element.type === 'image') return renderImageElement(element, 'bk-context-image');
    if (element.type === 'plain_text' || element.type === 'mrkdwn') return `<span class="bk-context-text">${renderTextObject(element, ctx)}</span>`;
    return unsupported(asString(element.type) ?? 'unknown', 'element');
  });
  return wrap('context', blockId, elements.join(''));
}

function actions(block: Json, blockId: string, ctx: RenderContext): string {
  const elements = asObjects(block.elements).map((element, i) => renderInteractiveElement(element, { blockId, actionId: actionIdOf(element, i) }, ctx));
  return wrap('actions', blockId, elements.join(''));
}

function image(block: Json, blockId: string, ctx: RenderContext): string {
  const title = block.title ? `<div class="bk-image-title">${labelOf(block.title, ctx)}</div>` : '';
  const url = asString(block.image_url);
  const img = url ? renderImageElement(block, 'bk-image') : `<div class="bk-file-placeholder">🖼️ ${escapeHtml(asString(block.alt_text) ?? 'image')}</div>`;
  return wrap('image', blockId, `${title}${img}`);
}

function video(block: Json, blockId: string, ctx: RenderContext): string {
  const url = asString(block.title_url) ?? asString(block.video_url) ?? '';
  const title = labelOf(block.title, ctx) || escapeHtml(asString(block.alt_text) ?? 'Video');
  const link = isSafeUrl(url) ? `<a class="bk-link"${attr('href', url)} target="_blank" rel="noopener noreferrer">▶ ${title}</a>` : `▶ ${title}`;
  const thumbUrl = asString(block.thumbnail_url);
  const thumb = thumbUrl && isSafeImageUrl(thumbUrl) ? `<img class="bk-video-thumb"${attr('src', thumbUrl)}${attr('alt', asString(block.alt_text) ?? '')}>` : '';
  const description = block.description ? `<div class="bk-video-description">${labelOf(block.description, ctx)}</div>` : '';
  return wrap('video', blockId, `${thumb}<div>${link}</div>${description}`);
}

function file(block: Json, blockId: string): string {
  return wrap('file', blockId, `<div class="bk-file-placeholder">📎 File ${escapeHtml(asString(block.external_id) ?? asString(block.file_id) ?? '')}</div>`);
}

function table(block: Json, blockId: string, ctx: RenderContext): string {
  const cell = (c: Json): string => (c.type === 'rich_text' ? renderRichText(c, ctx) : c.type === 'raw_text' ? escapeHtml(asString(c.text) ?? '') : unsupported(asString(c.type) ?? 'unknown', 'element'));
  const rows = asArray(block.rows).map((row) => `<tr>${asObjects(row).map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`);
  return wrap('table', blockId, `<table class="bk-table">${rows.join('')}</table>`);
}

const RENDERERS: Record<string, BlockRenderer> = {
  header: (block, id) => wrap('header', id, `<div class="bk-header-text">${renderPlainText(asString(asObject(block.text)?.text) ?? '')}</div>`),
  section: (block, id, ctx) => section(block, id, ctx),
  context: (block, id, ctx) => context(block, id, ctx),
  divider: (_, id) => wrap('divider', id, '<hr>'),
  actions: (block, id, ctx) => actions(block, id, ctx),
  image: (block, id, ctx) => image(block, id, ctx),
  input: (block, id, ctx, options) => renderInputBlock(block, id, ctx, options.errors?.[id]),
  rich_text: (block, id, ctx) => wrap('rich_text', id, renderRichText(block, ctx)),
  markdown: (block, id) => wrap('markdown', id, renderMarkdown(asString(block.text) ?? '')),
  table: (block, id, ctx) => table(block, id, ctx),
  file: (block, id) => file(block, id),
  video: (block, id, ctx) => video(block, id, ctx),
};

export const RENDERABLE_BLOCK_TYPES: ReadonlySet<string> = new Set(Object.keys(RENDERERS));

export function renderBlock(value: unknown, index: number, ctx: RenderContext, options: BlockOptions): string {
  const block = asObject(value);
  if (!block) return unsupported('invalid');
  const type = asString(block.type) ?? 'unknown';
  const render = RENDERERS[type];
  if (!render) return unsupported(type);
  try {
    return render(block, blockIdOf(block, index), ctx, options);
  } catch {
    // A malformed block must not take the whole message down with it.
    return unsupported(type);
  }
}

export function renderBlockList(blocks: unknown[], ctx: RenderContext, options: BlockOptions): string {
  return blocks.map((block, i) => renderBlock(block, i, ctx, options)).join('');
}
