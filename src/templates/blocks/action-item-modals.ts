/** The small modals behind the Done and New due date buttons of action items. */
import type { ActionItem } from '../../core/postmortem/model.js';
import { truncate } from './kit.js';

export const ACTION_ITEM_DONE_CALLBACK_ID = 'action_item_done_modal';
export const ACTION_ITEM_RESCHEDULE_CALLBACK_ID = 'action_item_reschedule_modal';
const NOTE = { block: 'validation_note', action: 'note' } as const;
const DUE = { block: 'due_date', action: 'date' } as const;

type StateValues = Record<string, Record<string, { value?: string | null; selected_date?: string | null }>>;

const title = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 24) });

export function actionItemDoneModal(item: ActionItem): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: ACTION_ITEM_DONE_CALLBACK_ID,
    private_metadata: String(item.id),
    title: title('Done? Validate it'),
    submit: title('Close the issue'),
    close: title('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: truncate(`#${item.issueNumber} ${item.description}`, 2000) } },
      {
        type: 'input',
        block_id: NOTE.block,
        label: { type: 'plain_text', text: 'How do we know it works?' },
        hint: { type: 'plain_text', text: truncate(item.validation ? `The criterion: ${item.validation}` : 'Say what you checked: a test, an alert that fired, a number.', 150) },
        element: { type: 'plain_text_input', action_id: NOTE.action, multiline: true, min_length: 10, max_length: 2000 },
      },
    ],
  };
}

export function actionItemRescheduleModal(item: ActionItem, today: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: ACTION_ITEM_RESCHEDULE_CALLBACK_ID,
    private_metadata: String(item.id),
    title: title('New due date'),
    submit: title('Save'),
    close: title('Cancel'),
    blocks: [
      { type: 'section', text: { type: 'plain_text', text: truncate(`#${item.issueNumber} ${item.description} (due ${item.dueDate})`, 2000) } },
      { type: 'input', block_id: DUE.block, label: { type: 'plain_text', text: 'Due on' }, element: { type: 'datepicker', action_id: DUE.action, initial_date: item.dueDate >= today ? item.dueDate : today } },
    ],
  };
}

export const readValidationNote = (values: StateValues): string => (values[NOTE.block]?.[NOTE.action]?.value ?? '').trim();
export const readDueDate = (values: StateValues): string => values[DUE.block]?.[DUE.action]?.selected_date ?? '';
export const ACTION_ITEM_MODAL_BLOCKS = { note: NOTE, due: DUE } as const;
