/** Options of selects, checkboxes and radio buttons: where they come from, what is pre-selected, and their state shape. */
import { asArray, asObject, asObjects, asString, type Json } from './escape.js';
import { textOnly } from './mrkdwn.js';
import type { RenderContext } from './types.js';

export interface Choice {
  value: string;
  /** Already HTML (escaped, no tags). */
  label: string;
  group?: string;
}

export const textOf = (value: unknown): string => asString(asObject(value)?.text) ?? '';
const textType = (value: unknown): 'plain_text' | 'mrkdwn' => (asObject(value)?.type === 'mrkdwn' ? 'mrkdwn' : 'plain_text');

/** A text object as markup-free HTML. */
export const labelOf = (value: unknown, ctx: RenderContext): string => textOnly(textOf(value), textType(value), ctx);

/** Every option of a static element, option groups flattened. */
export function optionsOf(element: Json): Json[] {
  const groups = asObjects(element.option_groups).flatMap((g) => asObjects(g.options));
  return [...asObjects(element.options), ...groups];
}

const option = (o: Json, ctx: RenderContext, group?: string): Choice => ({ value: asString(o.value) ?? '', label: labelOf(o.text, ctx), ...(group ? { group } : {}) });

/** The choices a select of this type offers; conversation and external selects only know their initial picks. */
export function choicesOf(element: Json, ctx: RenderContext): Choice[] {
  const type = asString(element.type) ?? '';
  if (type === 'users_select' || type === 'multi_users_select') {
    const known = ctx.users.map((u) => ({ value: u.id, label: textOnly(u.name, 'plain_text', ctx) }));
    const extra = initialValues(element).filter((id) => !ctx.users.some((u) => u.id === id));
    return [...known, ...extra.map((id) => ({ value: id, label: textOnly(ctx.userName(id) ?? id, 'plain_text', ctx) }))];
  }
  if (/conversations_select|channels_select$/.test(type)) {
    return initialValues(element).map((id) => ({ value: id, label: `#${textOnly(ctx.channelName(id) ?? id, 'plain_text', ctx)}` }));
  }
  if (type === 'external_select' || type === 'multi_external_select') return initialOptions(element).map((o) => option(o, ctx));
  const grouped = asObjects(element.option_groups).flatMap((g) => asObjects(g.options).map((o) => option(o, ctx, labelOf(g.label, ctx))));
  return [...asObjects(element.options).map((o) => option(o, ctx)), ...grouped];
}

const initialOptions = (element: Json): Json[] => [...asObjects([element.initial_option]), ...asObjects(element.initial_options)];

/** The values an element starts with, whatever its type. */
export function initialValues(element: Json): string[] {
  const single = ['initial_value', 'initial_user', 'initial_conversation', 'initial_channel', 'initial_date', 'initial_time']
    .map((key) => asString(element[key]))
    .filter((v): v is string => v !== undefined);
  const many = ['initial_users', 'initial_conversations', 'initial_channels'].flatMap((key) => asArray(element[key]).filter((v): v is string => typeof v === 'string'));
  const options = initialOptions(element).map((o) => asString(o.value)).filter((v): v is string => v !== undefined);
  return [...single, ...many, ...options];
}

/** The option with this value as Slack reports a select's choice: plain_text label with emoji. */
export function selectedSelectOption(element: Json, value: string): Json | null {
  const found = optionsOf(element).find((o) => o.value === value) ?? initialOptions(element).find((o) => o.value === value);
  return found ? { text: { type: 'plain_text', text: textOf(found.text), emoji: true }, value } : null;
}

/** The option with this value as defined (checkboxes, radio buttons and overflow menus echo it back whole). */
export function definedOption(element: Json, value: string): Json | null {
  const found = optionsOf(element).find((o) => o.value === value);
  if (!found) return null;
  const { text, value: v, description } = found;
  return { text, value: v, ...(description !== undefined ? { description } : {}) };
}
