/** Buttons of an owner's action-item DM; value = action item id. */
export const ACTION_ITEM_DONE_ACTION_ID = 'action_item_done';
export const ACTION_ITEM_RESCHEDULE_ACTION_ID = 'action_item_reschedule';
export const ACTION_ITEM_SNOOZE_ACTION_ID = 'action_item_snooze';
