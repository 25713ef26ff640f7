/** Interactive elements in actions blocks and section accessories, and image elements. */
import { inputControl, selectControl } from './controls.js';
import { asString, attr, isSafeImageUrl, isSafeUrl, type Json } from './escape.js';
import { labelOf } from './options.js';
import type { RenderContext } from './types.js';
import { unsupported } from './unsupported.js';

export interface ElementIds {
  blockId: string;
  actionId: string;
}

/** Elements that make a `<select data-bk-action>` (one choice → one block action). */
const SINGLE_SELECTS = new Set(['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select', 'overflow', 'radio_buttons']);
const MULTI_SELECTS = new Set(['multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'checkboxes']);
const NATIVE_INPUTS: Record<string, string> = {
  datepicker: 'date',
  timepicker: 'time',
  datetimepicker: 'datetime-local',
  plain_text_input: 'text',
  number_input: 'number',
  email_text_input: 'email',
  url_text_input: 'url',
};

export const INTERACTIVE_ELEMENT_TYPES: ReadonlySet<string> = new Set(['button', 'workflow_button', 'image', ...SINGLE_SELECTS, ...MULTI_SELECTS, ...Object.keys(NATIVE_INPUTS)]);

const actionHooks = (type: string, ids: ElementIds): string => `${attr('data-bk-action', type)}${attr('data-block-id', ids.blockId)}${attr('data-action-id', ids.actionId)}`;

function renderButton(element: Json, ids: ElementIds, ctx: RenderContext): string {
  const style = element.style === 'primary' ? ' bk-primary' : element.style === 'danger' ? ' bk-danger' : '';
  const confirm = element.confirm && typeof element.confirm === 'object' ? attr('data-confirm', JSON.stringify(element.confirm)) : '';
  const url = asString(element.url);
  const urlAttr = url && isSafeUrl(url) ? attr('data-url', url) : '';
  return `<button type="button" class="bk-button${style}"${actionHooks('button', ids)}${confirm}${urlAttr}>${labelOf(element.text, ctx)}</button>`;
}

export function renderImageElement(element: Json, className: string): string {
  const url = asString(element.image_url);
  const src = url && isSafeImageUrl(url) ? attr('src', url) : '';
  return `<img class="${className}"${src}${attr('alt', asString(element.alt_text) ?? '')}>`;
}

/** One element of an actions block or a section accessory. */
export function renderInteractiveElement(element: Json, ids: ElementIds, ctx: RenderContext): string {
  const type = asString(element.type) ?? 'unknown';
  if (type === 'button' || type === 'workflow_button') return renderButton(element, ids, ctx);
  if (type === 'image') return renderImageElement(element, 'bk-accessory-image');
  const hooks = actionHooks(type, ids);
  if (SINGLE_SELECTS.has(type)) return selectControl(element, hooks, ctx, { multiple: false, className: type === 'overflow' ? 'bk-select bk-overflow' : 'bk-select' });
  if (MULTI_SELECTS.has(type)) return selectControl(element, hooks, ctx, { multiple: true, className: 'bk-select' });
  const native = NATIVE_INPUTS[type];
  if (native) return inputControl(element, hooks, native, `bk-${type.replace(/_/g, '-')}`);
  return unsupported(type, 'element');
}
