/** The postmortem core: blameless postmortems published as GitHub issues, action items followed until validated. */
import type { PostmortemUseCases } from './api.js';
import { createCompleteActionItem, createRescheduleActionItem, createSnoozeActionItem } from './action-items.js';
import type { PostmortemDeps } from './deps.js';
import { createOpen, createSaveDraft } from './draft.js';
import { createPublish } from './publish.js';
import { createHandleCodeHostWebhook, createSyncOpenItems } from './webhook.js';

export function createPostmortemUseCases(deps: PostmortemDeps): PostmortemUseCases {
  return {
    open: createOpen(deps),
    saveDraft: createSaveDraft(deps),
    publish: createPublish(deps),
    handleCodeHostWebhook: createHandleCodeHostWebhook(deps),
    completeActionItem: createCompleteActionItem(deps),
    rescheduleActionItem: createRescheduleActionItem(deps),
    snoozeActionItem: createSnoozeActionItem(deps),
    syncOpenItems: createSyncOpenItems(deps),
  };
}

export type { PostmortemDeps } from './deps.js';
export { createPostmortemReminderHandler } from './reminders.js';
export { POSTMORTEM_REMINDER_JOB_KIND, postmortemReminderPrefix, schedulePostmortemDue } from './reminder-schedule.js';
export { lintDraft, MAX_FOCUSED_ACTION_ITEMS } from './lint.js';
export { validateDraft } from './validate.js';
export { actionItemLabels, postmortemLabels, repositoryFor } from './publish.js';
export { addDays, isCalendarDate, todayIn } from './dates.js';
export { CODE_HOST_WEBHOOK_SOURCE } from './webhook.js';
export { SNOOZE_DAYS } from './action-items.js';
