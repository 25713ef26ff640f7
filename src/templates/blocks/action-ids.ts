/** Interactive ids shared by the blocks that carry them and the handlers that answer them. */
export const SNOOZE_REMINDER_ACTION_ID = 'incident_snooze_reminder';
