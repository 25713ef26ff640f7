/**
 * The `markdown` block (standard Markdown, not mrkdwn): headings, emphasis, code, links and line breaks.
 * A small subset on purpose; text is escaped before any markup is added.
 */
import { replaceEmoji } from './emoji.js';
import { escapeHtml, isSafeUrl } from './escape.js';

function inline(line: string): string {
  const codes: string[] = [];
  let html = escapeHtml(line).replace(/`([^`]+)`/g, (_, code: string) => {
    codes.push(`<code class="bk-code">${code}</code>`);
    return `\uE000${codes.length - 1}\uE001`;
  });
  html = html
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
      const raw = url.replace(/&amp;/g, '&');
      return isSafeUrl(raw) ? `<a class="bk-link" href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>` : whole;
    })
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
    .replace(/__([^_]+)__/g, '<b>$1</b>')
    .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, '$1<i>$2</i>')
    .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1<i>$2</i>')
    .replace(/~~([^~]+)~~/g, '<s>$1</s>');
  return replaceEmoji(html).replace(/\uE000(\d+)\uE001/g, (_, n: string) => codes[Number(n)] ?? '');
}

export function renderMarkdown(text: string): string {
  const parts = text.replace(/[\uE000\uE001]/g, '').split('```');
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return `<pre class="bk-pre">${escapeHtml(part.replace(/^[^\n]*\n/, '').replace(/\n$/, ''))}</pre>`;
      return part
        .split('\n')
        .map((line) => {
          const heading = /^(#{1,6})\s+(.*)$/.exec(line);
          if (heading) return `<div class="bk-md-h${heading[1]?.length ?? 1}">${inline(heading[2] ?? '')}</div>`;
          const quote = /^>\s?(.*)$/.exec(line);
          if (quote) return `<blockquote class="bk-quote">${inline(quote[1] ?? '')}</blockquote>`;
          return `${inline(line)}<br>`;
        })
        .join('');
    })
    .join('');
}
