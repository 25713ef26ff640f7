/**
 * War room channel names. Slack accepts lowercase a–z, 0–9, `-` and `_`, at most 80 characters;
 * every title, whatever its script or markup, must still give a valid name.
 */
export const MAX_CHANNEL_NAME = 80;

// Letters NFKD does not decompose into a base letter plus marks.
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', đ: 'd', ð: 'd', ł: 'l', œ: 'oe', þ: 'th', ı: 'i' };

/** Slack markup that must not leak into a name: mentions, broadcasts, emoji codes, link targets. */
function stripMarkup(title: string): string {
  return title
    .replace(/<[!@][^>]*>/g, ' ') // <!channel>, <!here>, <@U123>, <!subteam^S1|@team>
    .replace(/<#[A-Z0-9]+\|([^>]*)>/gi, ' $1 ') // <#C123|general> → general
    .replace(/<[^>|]+\|([^>]*)>/g, ' $1 ') // <https://x|label> → label
    .replace(/<[^>]*>/g, ' ') // <https://x>
    .replace(/(^|\s)@(here|channel|everyone)\b/gi, ' ')
    .replace(/:[a-z0-9_+'-]+:/gi, ' '); // :fire:
}

const trimEdges = (value: string): string => value.replace(/^[-_]+|[-_]+$/g, '');

/** Lowercase a–z0–9-_ words joined by dashes; empty when nothing Latin is left (emoji, CJK, Cyrillic …). */
export function slugify(title: string): string {
  const latin = stripMarkup(title)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæøđðłœþı]/g, (c) => SPECIAL_LETTERS[c] ?? '-');
  return latin
    .replace(/[^a-z0-9_-]+/g, '-')
    .split('-')
    .map(trimEdges) // `_urgent_` in mrkdwn becomes `urgent`
    .filter((word) => word !== '')
    .join('-');
}

/** Cuts to `max` characters, at a dash when one is reasonably close, never leaving a dash or underscore at the end. */
function truncate(value: string, max: number): string {
  if (value.length <= max) return trimEdges(value);
  const cut = value.slice(0, max);
  if (value[max] === '-') return trimEdges(cut);
  const lastDash = cut.lastIndexOf('-');
  return trimEdges(lastDash >= max / 2 ? cut.slice(0, lastDash) : cut);
}

/** Any string as a valid channel name fragment (patterns come from config and may hold capitals or spaces). */
function sanitize(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-');
}

export interface ChannelNameInput {
  /** e.g. `inc-{date}-{slug}`; `{date}` (YYYYMMDD), `{slug}` and `{id}` are replaced. */
  pattern: string;
  /** YYYYMMDD in the configured time zone. */
  date: string;
  id: number;
  title: string;
}

export function channelName(input: ChannelNameInput): string {
  const slug = slugify(input.title) || `incident-${input.id}`;
  const render = (slugPart: string): string =>
    sanitize(input.pattern.replaceAll('{date}', input.date).replaceAll('{id}', String(input.id)).replaceAll('{slug}', slugPart));
  const fixedLength = render('').length;
  const budget = MAX_CHANNEL_NAME - fixedLength;
  const name = input.pattern.includes('{slug}') && budget > 0 ? render(truncate(slug, budget)) : render(slug);
  const valid = truncate(name.replace(/-{2,}/g, '-'), MAX_CHANNEL_NAME);
  return valid === '' ? `incident-${input.id}` : valid;
}

/** The name to try after a clash: `-2`, `-3` … appended, still within 80 characters. */
export function withSuffix(name: string, n: number): string {
  const suffix = `-${n}`;
  return `${truncate(name, MAX_CHANNEL_NAME - suffix.length)}${suffix}`;
}
