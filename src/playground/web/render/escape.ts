/** HTML escaping and safe reading of untyped Block Kit JSON (blocks come from the bot as `unknown`). */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and (quoted) attribute values alike. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Undoes Slack's own escaping of mrkdwn text (`&amp; &lt; &gt;`), before our HTML escaping. */
export const decodeSlackEntities = (value: string): string => value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** ` name="value"` with the value escaped, or '' when the value is absent. */
export const attr = (name: string, value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : ` ${name}="${escapeHtml(String(value))}"`;

/** Only web and mail links become clickable: a `javascript:` URL in a block must stay inert. */
export const isSafeUrl = (url: string): boolean => /^(https?:\/\/|mailto:)/i.test(url.trim());
export const isSafeImageUrl = (url: string): boolean => /^https?:\/\//i.test(url.trim());

export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const asObjects = (value: unknown): Json[] => asArray(value).map(asObject).filter((o): o is Json => o !== null);
export const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
