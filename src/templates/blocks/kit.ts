/**
 * Typed Block Kit builders that enforce Slack's limits: an over-long block is truncated here, not rejected
 * by Slack with `invalid_blocks` in the middle of an incident.
 */

export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  optionText: 75,
  messageBlocks: 50,
  /** Slack truncates longer `text` anyway; keep notifications short. */
  fallbackText: 3000,
} as const;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}
export type TextObject = PlainText | MrkdwnText;

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  style?: 'primary' | 'danger';
}

export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] }
  | { type: 'divider' };

/** Cuts plain text to `max` characters (code points kept whole), ending with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Like truncate, but never leaves half an entity (`&amp;`) or half a mention (`<@U…>`) behind,
 * which Slack would show as garbage or reject.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const openAngle = cut.lastIndexOf('<');
  if (openAngle > cut.lastIndexOf('>')) cut = cut.slice(0, openAngle);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';') && cut.length - amp < 6) cut = cut.slice(0, amp);
  // Never split a surrogate pair (emoji).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export const plain = (text: string, max: number = LIMITS.sectionText): PlainText => ({ type: 'plain_text', text: truncate(text || ' ', max), emoji: true });
export const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnText => ({ type: 'mrkdwn', text: truncateMrkdwn(text || ' ', max) });

export const header = (text: string): Block => ({ type: 'header', text: plain(text.replace(/\s+/g, ' ').trim(), LIMITS.headerText) });
export const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
export const divider = (): Block => ({ type: 'divider' });

/** Long mrkdwn as several sections, split at line breaks, each within the section limit. */
export function sections(text: string, max: number = LIMITS.sectionText): Block[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) current = candidate;
    else {
      if (current) chunks.push(current);
      current = line.length <= max ? line : truncateMrkdwn(line, max);
    }
  }
  if (current.trim()) chunks.push(current);
  return chunks.map((chunk) => section(chunk));
}

/** Label/value pairs as section fields (at most 10); empty values are left out. */
export function fields(pairs: [label: string, value: string | null][]): Block {
  const shown = pairs.filter(([, value]) => value).slice(0, LIMITS.fields);
  return { type: 'section', fields: shown.map(([label, value]) => mrkdwn(`*${label}*\n${value ?? ''}`, LIMITS.fieldText)) };
}

export const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts.filter(Boolean).slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): ButtonElement {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId.slice(0, LIMITS.actionId),
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export const actions = (elements: ButtonElement[], blockId?: string): Block => ({
  type: 'actions',
  ...(blockId ? { block_id: blockId } : {}),
  elements: elements.slice(0, LIMITS.actionsElements),
});

/** A message: fallback text (already escaped mrkdwn) plus blocks, both within limits. */
export function message(text: string, blocks: (Block | null)[]): { text: string; blocks: Block[] } {
  const kept = blocks.filter((b): b is Block => b !== null && !(b.type === 'section' && !b.text && (b.fields?.length ?? 0) === 0));
  return { text: truncateMrkdwn(text, LIMITS.fallbackText), blocks: kept.slice(0, LIMITS.messageBlocks) };
}
