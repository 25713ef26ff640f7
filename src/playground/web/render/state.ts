/**
 * What Slack sends back to the bot: `view.state.values` for a submitted modal and `actions[0]` of a
 * block_actions payload, built from the raw form values the page posts. Shapes follow Slack's payloads.
 */
import { asObject, asObjects, asString, type Json } from './escape.js';
import { actionIdOf, blockIdOf } from './ids.js';
import { definedOption, initialValues, selectedSelectOption, textOf } from './options.js';

type Raw = string | string[] | undefined;

const firstOf = (raw: Raw): string | null => {
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first ? first : null;
};
const listOf = (raw: Raw): string[] => (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v) => v !== '');
const notNull = <T>(value: T | null): value is T => value !== null;

/** datetime-local `YYYY-MM-DDTHH:MM` (read as UTC) → Unix seconds. */
function unixSeconds(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(/Z|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** The value fields of an element's state (no type), or null when the raw value is not one the element offers. */
function valueFields(element: Json, raw: Raw): Json | null {
  const type = asString(element.type) ?? '';
  const first = firstOf(raw);
  const list = listOf(raw);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { value: first };
    case 'rich_text_input':
      return { rich_text_value: { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: first ? [{ type: 'text', text: first }] : [] }] } };
    case 'static_select':
    case 'external_select':
      return { selected_option: first ? selectedSelectOption(element, first) : null };
    case 'multi_static_select':
    case 'multi_external_select':
      return { selected_options: list.map((v) => selectedSelectOption(element, v)).filter(notNull) };
    case 'overflow':
    case 'radio_buttons':
      return { selected_option: first ? definedOption(element, first) : null };
    case 'checkboxes':
      return { selected_options: list.map((v) => definedOption(element, v)).filter(notNull) };
    case 'users_select':
      return { selected_user: first };
    case 'multi_users_select':
      return { selected_users: list };
    case 'conversations_select':
      return { selected_conversation: first };
    case 'multi_conversations_select':
      return { selected_conversations: list };
    case 'channels_select':
      return { selected_channel: first };
    case 'multi_channels_select':
      return { selected_channels: list };
    case 'datepicker':
      return { selected_date: first };
    case 'timepicker':
      return { selected_time: first };
    case 'datetimepicker':
      return { selected_date_time: unixSeconds(first) };
    case 'file_input':
      return { files: [] };
    default:
      return {};
  }
}

/**
 * `view.state.values` for the input blocks of `view`. A field the page did not post counts as empty,
 * exactly like a cleared field (Slack reports what the form shows, and the page posts every field).
 */
export function viewStateValues(view: Record<string, unknown>, form: Record<string, Record<string, string | string[]>>): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  asObjects(view.blocks).forEach((block, index) => {
    if (block.type !== 'input') return;
    const element = asObject(block.element);
    if (!element) return;
    const blockId = blockIdOf(block, index);
    const actionId = actionIdOf(element, 'input');
    const fields = valueFields(element, form[blockId]?.[actionId]) ?? {};
    values[blockId] = { [actionId]: { type: asString(element.type) ?? 'unknown', ...fields } };
  });
  return values;
}

/** The elements of a block that can send block actions, each with its (possibly generated) action id. */
function actionableElements(block: Json): { element: Json; actionId: string }[] {
  if (block.type === 'actions') return asObjects(block.elements).map((element, i) => ({ element, actionId: actionIdOf(element, i) }));
  const accessory = asObject(block.accessory);
  if (block.type === 'section' && accessory) return [{ element: accessory, actionId: actionIdOf(accessory, 'accessory') }];
  const input = asObject(block.element);
  if (block.type === 'input' && input) return [{ element: input, actionId: actionIdOf(input, 'input') }];
  return [];
}

function buttonAction(element: Json, base: Json, actionTs: string): Json {
  const text = asObject(element.text) ?? {};
  const value = asString(element.value);
  const style = asString(element.style);
  return {
    ...base,
    text: { type: 'plain_text', text: textOf(text), emoji: text.emoji ?? true },
    ...(value !== undefined ? { value } : {}),
    ...(style !== undefined ? { style } : {}),
    action_ts: actionTs,
  };
}

/** Single-choice elements: a choice that is missing or not on offer sends no action at all. */
const SINGLE_CHOICE = /^(static_select|external_select|overflow|radio_buttons|users_select|conversations_select|channels_select|datepicker|timepicker|datetimepicker)$/;

export function blockAction(blocks: unknown[], blockId: string, actionId: string, raw: string | string[] | undefined, actionTs: string): Record<string, unknown> | null {
  const index = blocks.findIndex((b, i) => {
    const block = asObject(b);
    return block !== null && blockIdOf(block, i) === blockId;
  });
  const block = asObject(blocks[index]);
  if (!block) return null;
  const found = actionableElements(block).find((e) => e.actionId === actionId);
  if (!found) return null;
  const { element } = found;
  const type = asString(element.type) ?? 'unknown';
  const base: Json = { type, action_id: actionId, block_id: blockId };
  if (type === 'button' || type === 'workflow_button') return buttonAction(element, base, actionTs);
  const fields = valueFields(element, raw);
  if (!fields) return null;
  if (SINGLE_CHOICE.test(type) && Object.values(fields).every((v) => v === null)) return null;
  const placeholder = asObject(element.placeholder);
  return { ...base, ...fields, ...(placeholder ? { placeholder } : {}), action_ts: actionTs };
}

/** The form a person posts when they accept what the modal prefilled (the scenario submits this way). */
export function defaultFormValues(view: Record<string, unknown>): Record<string, Record<string, string | string[]>> {
  const form: Record<string, Record<string, string | string[]>> = {};
  asObjects(view.blocks).forEach((block, index) => {
    const element = block.type === 'input' ? asObject(block.element) : null;
    if (!element) return;
    const initial = initialValues(element);
    const multiple = /^multi_|^checkboxes$/.test(asString(element.type) ?? '');
    form[blockIdOf(block, index)] = { [actionIdOf(element, 'input')]: multiple ? initial : (initial[0] ?? '') };
  });
  return form;
}
