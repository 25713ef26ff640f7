/** Input blocks: label, the form control for the element, hint, and the slot for a validation error. */
import { choiceGroup, inputControl, selectControl, textareaControl } from './controls.js';
import { asObject, asString, attr, escapeHtml, type Json } from './escape.js';
import { actionIdOf } from './ids.js';
import { labelOf } from './options.js';
import type { RenderContext } from './types.js';
import { unsupported } from './unsupported.js';

const NATIVE: Record<string, string> = {
  number_input: 'number',
  email_text_input: 'email',
  url_text_input: 'url',
  datepicker: 'date',
  timepicker: 'time',
  datetimepicker: 'datetime-local',
};
const SELECTS = new Set(['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select']);
const MULTI_SELECTS = new Set(['multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select']);

export const INPUT_ELEMENT_TYPES: ReadonlySet<string> = new Set([
  'plain_text_input', 'rich_text_input', 'checkboxes', 'radio_buttons', 'file_input', ...Object.keys(NATIVE), ...SELECTS, ...MULTI_SELECTS,
]);

function renderInputElement(element: Json, blockId: string, ctx: RenderContext): string {
  const type = asString(element.type) ?? 'unknown';
  const actionId = actionIdOf(element, 'input');
  const hooks = `${attr('data-bk-input', type)}${attr('data-action-id', actionId)}`;
  if (type === 'plain_text_input') return element.multiline ? textareaControl(element, hooks) : inputControl(element, hooks, 'text');
  // Rich text typed as plain text: enough to fill one in, not to format it.
  if (type === 'rich_text_input') return textareaControl(element, hooks);
  const native = NATIVE[type];
  if (native) return inputControl(element, hooks, native);
  if (SELECTS.has(type)) return selectControl(element, hooks, ctx, { multiple: false });
  if (MULTI_SELECTS.has(type)) return selectControl(element, hooks, ctx, { multiple: true });
  if (type === 'checkboxes' || type === 'radio_buttons') return choiceGroup(element, hooks, ctx, type === 'checkboxes' ? 'checkbox' : 'radio', `${blockId}.${actionId}`);
  // Uploads are out of the playground's reach; the input still shows so the modal reads right.
  if (type === 'file_input') return `<input type="file" disabled${hooks}>`;
  return unsupported(type, 'element');
}

export function renderInputBlock(block: Json, blockId: string, ctx: RenderContext, error: string | undefined): string {
  const element = asObject(block.element) ?? {};
  const hint = block.hint ? `<div class="bk-hint">${labelOf(block.hint, ctx)}</div>` : '';
  const optional = block.optional === true ? ' data-optional' : '';
  const optionalLabel = block.optional === true ? ' <span class="bk-optional">(optional)</span>' : '';
  return (
    `<div class="bk-block bk-input"${attr('data-block-id', blockId)}${optional}>` +
    `<label>${labelOf(block.label, ctx)}${optionalLabel}</label>` +
    renderInputElement(element, blockId, ctx) +
    hint +
    `<div class="bk-error"${attr('data-error-for', blockId)}>${escapeHtml(error ?? '')}</div>` +
    '</div>'
  );
}
