/**
 * Slack mrkdwn → HTML. The input is what the bot sends: Slack-escaped text (`&amp; &lt; &gt;`) holding
 * `<…>` entities. Every character of it ends up HTML-escaped; only the tags made here are markup.
 */
import { formatSlackDate } from './dates.js';
import { replaceEmoji } from './emoji.js';
import { attr, decodeSlackEntities, escapeHtml, isSafeUrl } from './escape.js';
import type { RenderContext } from './types.js';

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Finished HTML set aside while the rest of the text is escaped and formatted, so nothing formats inside it. */
class Stash {
  private readonly items: string[] = [];
  put(html: string): string {
    this.items.push(html);
    return `${OPEN}${this.items.length - 1}${CLOSE}`;
  }
  restore(text: string): string {
    let out = text;
    // Stashed HTML may hold placeholders itself (a mention inside `code`).
    for (let pass = 0; pass < 4 && out.includes(OPEN); pass++) out = out.replace(/\uE000(\d+)\uE001/g, (_, n: string) => this.items[Number(n)] ?? '');
    return out;
  }
}

/** Text with Slack escaping, as HTML text with emoji. */
const slackTextToHtml = (text: string): string => replaceEmoji(escapeHtml(decodeSlackEntities(text)));

function renderMention(id: string, label: string | undefined, ctx: RenderContext): string {
  const name = ctx.userName(id) ?? label?.replace(/^@/, '') ?? id;
  return `<span class="bk-mention"${attr('data-user-id', id)}>@${escapeHtml(name)}</span>`;
}

function renderChannel(id: string, label: string | undefined, ctx: RenderContext): string {
  const name = ctx.channelName(id) ?? label?.replace(/^#/, '') ?? id;
  return `<span class="bk-channel-link"${attr('data-channel-id', id)}>#${escapeHtml(name)}</span>`;
}

function renderSpecial(command: string, label: string | undefined, ctx: RenderContext): string {
  if (command === 'here' || command === 'channel' || command === 'everyone') return `<span class="bk-mention bk-broadcast">@${command}</span>`;
  const [kind, ...args] = command.split('^');
  if (kind === 'subteam' && args[0]) {
    const handle = ctx.groupHandle(args[0]) ?? label?.replace(/^@/, '') ?? args[0];
    return `<span class="bk-mention bk-usergroup"${attr('data-group-id', args[0])}>@${escapeHtml(handle)}</span>`;
  }
  if (kind === 'date' && args.length >= 2) {
    const seconds = Number(args[0]);
    const shown = formatSlackDate(seconds, args[1] ?? '') ?? label ?? '';
    const iso = Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
    return `<time class="bk-date"${attr('datetime', iso)}>${escapeHtml(shown)}</time>`;
  }
  return escapeHtml(label ?? command);
}

/** One `<…>` entity; anything unrecognised is shown as the literal text it is. */
function renderEntity(inner: string, ctx: RenderContext): string {
  const bar = inner.indexOf('|');
  const target = decodeSlackEntities(bar >= 0 ? inner.slice(0, bar) : inner);
  const label = bar >= 0 ? decodeSlackEntities(inner.slice(bar + 1)) || undefined : undefined;
  if (/^@[UW][A-Z0-9]+$/.test(target)) return renderMention(target.slice(1), label, ctx);
  if (/^#[CGD][A-Z0-9]+$/.test(target)) return renderChannel(target.slice(1), label, ctx);
  if (target.startsWith('!')) return renderSpecial(target.slice(1), label, ctx);
  if (isSafeUrl(target)) {
    const shown = label ?? target.replace(/^mailto:/i, '');
    return `<a class="bk-link"${attr('href', target)} target="_blank" rel="noopener noreferrer">${replaceEmoji(escapeHtml(shown))}</a>`;
  }
  return escapeHtml(`<${decodeSlackEntities(inner)}>`);
}

/**
 * Characters that may stand next to a formatting delimiter. Slack formats only at word edges; the bot's own
 * escaping puts zero-width spaces (not in this set) around user-typed delimiters to keep them literal.
 */
const EDGE = String.raw`[\s.,;:!?'"()\[\]{}<>&\-–—…/*_~\`]`;

function delimited(delimiter: string): RegExp {
  const d = delimiter === '*' ? '\\*' : delimiter;
  return new RegExp(String.raw`(^|${EDGE})${d}([^\s\u200B${d}](?:[^${d}\n]*[^\s\u200B${d}])?)${d}(?=$|${EDGE})`, 'g');
}

const CODE = delimited('`');
const STYLES: [RegExp, string][] = [
  [delimited('*'), 'b'],
  [delimited('_'), 'i'],
  [delimited('~'), 's'],
];

function renderInline(line: string, stash: Stash): string {
  const withCode = line.replace(CODE, (_, edge: string, inner: string) => edge + stash.put(`<code class="bk-code">${escapeHtml(inner)}</code>`));
  let html = escapeHtml(withCode);
  for (const [pattern, tag] of STYLES) {
    // Twice, so that runs sharing an edge character (`*a* *b*`) both format.
    for (let i = 0; i < 2; i++) html = html.replace(pattern, (_, edge: string, inner: string) => `${edge}<${tag}>${inner}</${tag}>`);
  }
  return replaceEmoji(html);
}

/** Lines with `>` quotes grouped into blockquotes; other lines joined by <br>. */
function renderLines(text: string, stash: Stash): string {
  const out: string[] = [];
  let quote: string[] = [];
  let previousWasLine = false;
  const flushQuote = () => {
    if (quote.length) out.push(`<blockquote class="bk-quote">${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    const quoted = /^>\s?(.*)$/.exec(line);
    if (quoted) {
      quote.push(renderInline(quoted[1] ?? '', stash));
      previousWasLine = false;
      continue;
    }
    if (quote.length) flushQuote();
    else if (previousWasLine) out.push('<br>');
    out.push(renderInline(line, stash));
    previousWasLine = true;
  }
  flushQuote();
  return out.join('');
}

export function renderMrkdwn(text: string, ctx: RenderContext): string {
  const stash = new Stash();
  const withEntities = text.replace(/[\uE000\uE001]/g, '').replace(/<([^<>\n]*)>/g, (_, inner: string) => stash.put(renderEntity(inner, ctx)));
  const decoded = decodeSlackEntities(withEntities);
  const parts = decoded.split('```');
  // An unclosed fence is just text.
  if (parts.length % 2 === 0) parts.splice(parts.length - 2, 2, `${parts[parts.length - 2] ?? ''}\`\`\`${parts[parts.length - 1] ?? ''}`);
  const html = parts.map((part, i) => {
    if (i % 2 === 1) return `<pre class="bk-pre">${escapeHtml(part.replace(/^\n/, '').replace(/\n$/, ''))}</pre>`;
    // The line break next to a fence belongs to the fence.
    let body = part;
    if (i > 0) body = body.replace(/^\n/, '');
    if (i < parts.length - 1) body = body.replace(/\n$/, '');
    return body ? renderLines(body, stash) : '';
  });
  return stash.restore(html.join(''));
}

/** plain_text: escaped, emoji replaced, line breaks kept. */
export function renderPlainText(text: string): string {
  return replaceEmoji(escapeHtml(text)).replace(/\n/g, '<br>');
}

/** Text for places that take no markup (option labels, attribute values): mrkdwn entities reduced to their text. */
export function textOnly(text: string, type: 'plain_text' | 'mrkdwn', ctx: RenderContext): string {
  if (type === 'plain_text') return replaceEmoji(escapeHtml(text));
  const stripped = text.replace(/<([^<>\n]*)>/g, (_, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (target.startsWith('@')) return `@${ctx.userName(target.slice(1)) ?? (label.replace(/^@/, '') || target.slice(1))}`;
    if (target.startsWith('#')) return `#${ctx.channelName(target.slice(1)) ?? (label.replace(/^#/, '') || target.slice(1))}`;
    if (target.startsWith('!')) return label || `@${target.slice(1).split('^')[0] ?? ''}`;
    return label || target;
  });
  return slackTextToHtml(stripped);
}
