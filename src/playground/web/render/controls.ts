/**
 * The HTML controls behind Block Kit elements, shared by interactive elements (actions, accessories) and
 * modal inputs. `hooks` are the data attributes the page's script finds the control by.
 */
import { attr, asString, escapeHtml, type Json } from './escape.js';
import { choicesOf, initialValues, labelOf, optionsOf, textOf } from './options.js';
import type { RenderContext } from './types.js';

const PLACEHOLDERS: Record<string, string> = {
  users_select: 'Select a person',
  conversations_select: 'Select a conversation',
  channels_select: 'Select a channel',
  overflow: '⋯',
};

export function selectControl(element: Json, hooks: string, ctx: RenderContext, options: { multiple: boolean; className?: string }): string {
  const type = asString(element.type) ?? '';
  const selected = new Set(initialValues(element));
  const choices = choicesOf(element, ctx);
  const placeholder = labelOf(element.placeholder, ctx) || PLACEHOLDERS[type] || 'Select an item';
  const parts: string[] = options.multiple ? [] : [`<option value="">${placeholder}</option>`];
  let group: string | undefined;
  for (const choice of choices) {
    if (choice.group !== group) {
      if (group !== undefined) parts.push('</optgroup>');
      if (choice.group !== undefined) parts.push(`<optgroup label="${choice.group}">`);
      group = choice.group;
    }
    parts.push(`<option${attr('value', choice.value)}${selected.has(choice.value) ? ' selected' : ''}>${choice.label}</option>`);
  }
  if (group !== undefined) parts.push('</optgroup>');
  const cls = options.className ? attr('class', options.className) : '';
  const placeholderAttr = options.multiple ? attr('data-placeholder', textOf(element.placeholder) || undefined) : '';
  return `<select${cls}${hooks}${options.multiple ? ' multiple' : ''}${placeholderAttr}>${parts.join('')}</select>`;
}

/** A native input for text-like, number, date and time elements. */
export function inputControl(element: Json, hooks: string, htmlType: string, className?: string): string {
  const type = asString(element.type) ?? '';
  const value = initialValues(element)[0] ?? (type === 'datetimepicker' ? dateTimeLocal(element.initial_date_time) : undefined);
  const placeholder = textOf(element.placeholder) || undefined;
  const extra =
    htmlType === 'number'
      ? `${attr('step', element.is_decimal_allowed ? 'any' : '1')}${attr('min', asString(element.min_value))}${attr('max', asString(element.max_value))}`
      : `${attr('maxlength', typeof element.max_length === 'number' ? element.max_length : undefined)}`;
  return `<input type="${htmlType}"${className ? attr('class', className) : ''}${hooks}${attr('value', value)}${attr('placeholder', placeholder)}${extra}>`;
}

export function textareaControl(element: Json, hooks: string): string {
  const maxLength = typeof element.max_length === 'number' ? element.max_length : undefined;
  const value = asString(element.initial_value) ?? '';
  return `<textarea${hooks}${attr('placeholder', textOf(element.placeholder) || undefined)}${attr('maxlength', maxLength)} rows="4">${escapeHtml(value)}</textarea>`;
}

/** Checkboxes or radio buttons: a group whose inputs carry the option values. */
export function choiceGroup(element: Json, hooks: string, ctx: RenderContext, kind: 'checkbox' | 'radio', name: string): string {
  const selected = new Set(initialValues(element));
  const items = optionsOf(element).map((o) => {
    const value = asString(o.value) ?? '';
    const description = o.description ? `<span class="bk-choice-description">${labelOf(o.description, ctx)}</span>` : '';
    return `<label class="bk-choice"><input type="${kind}"${attr('name', name)}${attr('value', value)}${selected.has(value) ? ' checked' : ''}> <span>${labelOf(o.text, ctx)}</span>${description}</label>`;
  });
  return `<div class="bk-choices"${hooks}>${items.join('')}</div>`;
}

/** Unix seconds → the `YYYY-MM-DDTHH:MM` a datetime-local input takes (UTC). */
function dateTimeLocal(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString().slice(0, 16) : undefined;
}
