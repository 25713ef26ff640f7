/**
 * Escaping per target. User text (titles, impact, updates) must never ping people or style itself in the
 * bot's messages, so everything the bot writes goes through one of these.
 */

/** Zero-width space: invisible, but breaks Slack's pattern for mrkdwn delimiters and for @here-style words. */
const ZWSP = '\u200B';

const entities = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `@here`, `@channel`, `@everyone` as bare words (link_names) become inert. */
const muteBroadcasts = (value: string): string => value.replace(/@(here|channel|everyone)\b/gi, `@${ZWSP}$1`);

/**
 * Slack has no escape for * _ ~ `: a delimiter only counts at a word edge, so one there gets zero-width spaces
 * on both sides. Inside words (db_primary_lag) nothing changes, which keeps copy-paste intact.
 */
const muteFormatting = (value: string): string =>
  value.replace(/[*_~`]/g, (char, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? ' ';
    const after = whole[offset + 1] ?? ' ';
    const inWord = /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after);
    return inWord ? char : `${ZWSP}${char}${ZWSP}`;
  });

/** For user text in mrkdwn: no mentions, no links, no formatting; the text shows as typed. */
export function escapeMrkdwn(value: string): string {
  return muteFormatting(muteBroadcasts(entities(value)));
}

/**
 * For what a person writes as a message (status updates, notes): their formatting and their `<@U…>` / `<#C…>`
 * mentions stay, but no broadcast (`<!channel>`, `@here`) and no hidden links.
 */
export function escapeMrkdwnMessage(value: string): string {
  return muteBroadcasts(entities(value)).replace(/&lt;([@#])([UWC][A-Z0-9]{2,})&gt;/g, '<$1$2>');
}

/** For text the bot composes around user input (usage errors): Slack entities and broadcasts neutralised, formatting kept. */
export function escapeText(value: string): string {
  return muteBroadcasts(entities(value));
}

/** For GitHub Markdown (postmortems, issues): HTML and @-mentions neutralised. */
export function escapeMarkdown(value: string): string {
  return entities(value).replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`);
}

/** Plain text where mentions may render (channel topics): angle brackets become look-alikes, so no `<@U…>` or `<!here>`. */
export function plainText(value: string): string {
  return value.replace(/</g, '‹').replace(/>/g, '›').replace(/\s+/g, ' ').trim();
}

/** Slack user ids: U… or W… (enterprise). */
export const isSlackUserId = (value: string): boolean => /^[UW][A-Z0-9]{2,}$/.test(value);
/** Slack conversation ids: C…, G… (private, legacy), D… (DM). */
export const isSlackChannelId = (value: string): boolean => /^[CGD][A-Z0-9]{2,}$/.test(value);
