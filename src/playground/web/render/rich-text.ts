/** rich_text blocks: sections, lists, quotes and preformatted runs of text, link, mention and emoji elements. */
import { formatSlackDate } from './dates.js';
import { emojiFor } from './emoji.js';
import { asNumber, asObject, asObjects, asString, attr, escapeHtml, isSafeUrl, type Json } from './escape.js';
import type { RenderContext } from './types.js';
import { unsupported } from './unsupported.js';

export const RICH_TEXT_TYPES: ReadonlySet<string> = new Set([
  'rich_text_section', 'rich_text_list', 'rich_text_quote', 'rich_text_preformatted',
  'text', 'link', 'user', 'channel', 'usergroup', 'broadcast', 'emoji', 'date', 'color',
]);

function styled(html: string, style: unknown): string {
  const s = asObject(style);
  if (!s) return html;
  let out = html;
  if (s.code) out = `<code class="bk-code">${out}</code>`;
  if (s.bold) out = `<b>${out}</b>`;
  if (s.italic) out = `<i>${out}</i>`;
  if (s.strike) out = `<s>${out}</s>`;
  return out;
}

/** The emoji for a rich-text emoji element: its name if known, else its code point, else `:name:`. */
function emojiHtml(element: Json): string {
  const name = asString(element.name) ?? '';
  const known = emojiFor(name);
  if (known) return known;
  const unicode = asString(element.unicode);
  if (unicode && /^[0-9a-f]{2,6}(-[0-9a-f]{2,6})*$/i.test(unicode)) return unicode.split('-').map((hex) => String.fromCodePoint(parseInt(hex, 16))).join('');
  return escapeHtml(`:${name}:`);
}

function inline(element: Json, ctx: RenderContext): string {
  const type = asString(element.type) ?? 'unknown';
  switch (type) {
    case 'text':
      return styled(escapeHtml(asString(element.text) ?? '').replace(/\n/g, '<br>'), element.style);
    case 'link': {
      const url = asString(element.url) ?? '';
      const label = escapeHtml(asString(element.text) || url);
      return styled(isSafeUrl(url) ? `<a class="bk-link"${attr('href', url)} target="_blank" rel="noopener noreferrer">${label}</a>` : label, element.style);
    }
    case 'user': {
      const id = asString(element.user_id) ?? '';
      return `<span class="bk-mention"${attr('data-user-id', id)}>@${escapeHtml(ctx.userName(id) ?? id)}</span>`;
    }
    case 'channel': {
      const id = asString(element.channel_id) ?? '';
      return `<span class="bk-channel-link"${attr('data-channel-id', id)}>#${escapeHtml(ctx.channelName(id) ?? id)}</span>`;
    }
    case 'usergroup': {
      const id = asString(element.usergroup_id) ?? '';
      return `<span class="bk-mention bk-usergroup"${attr('data-group-id', id)}>@${escapeHtml(ctx.groupHandle(id) ?? id)}</span>`;
    }
    case 'broadcast':
      return `<span class="bk-mention bk-broadcast">@${escapeHtml(asString(element.range) ?? 'here')}</span>`;
    case 'emoji':
      return emojiHtml(element);
    case 'date': {
      const shown = formatSlackDate(asNumber(element.timestamp) ?? Number.NaN, asString(element.format) ?? '{date_short}') ?? asString(element.fallback) ?? '';
      return `<time class="bk-date">${escapeHtml(shown)}</time>`;
    }
    case 'color': {
      const value = asString(element.value) ?? '';
      return `<span class="bk-color"${/^#[0-9a-f]{3,8}$/i.test(value) ? attr('style', `--bk-color:${value}`) : ''}>${escapeHtml(value)}</span>`;
    }
    default:
      return unsupported(type, 'element');
  }
}

const inlines = (container: Json, ctx: RenderContext): string => asObjects(container.elements).map((e) => inline(e, ctx)).join('');

function part(element: Json, ctx: RenderContext): string {
  const type = asString(element.type) ?? 'unknown';
  switch (type) {
    case 'rich_text_section':
      return `<div class="bk-rt-section">${inlines(element, ctx)}</div>`;
    case 'rich_text_quote':
      return `<blockquote class="bk-quote">${inlines(element, ctx)}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre class="bk-pre">${inlines(element, ctx)}</pre>`;
    case 'rich_text_list': {
      const tag = element.style === 'ordered' ? 'ol' : 'ul';
      const indent = asNumber(element.indent) ?? 0;
      const items = asObjects(element.elements).map((item) => `<li>${inlines(item, ctx)}</li>`).join('');
      return `<${tag} class="bk-rt-list"${indent > 0 ? attr('data-indent', indent) : ''}>${items}</${tag}>`;
    }
    default:
      return unsupported(type, 'element');
  }
}

export const renderRichText = (block: Json, ctx: RenderContext): string => asObjects(block.elements).map((e) => part(e, ctx)).join('');
