import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { registerApproveDeployCheckAction } from './approve-deploy-check.js';
import { registerContextRollbackButton } from './context-rollback.js';
import { registerMitigationButtons } from './mitigation-buttons.js';
import { registerOnCallButtons } from './on-call-buttons.js';
import { registerPostmortemButtons } from './postmortem-buttons.js';
import { registerSnoozeReminderAction } from './snooze-reminder.js';

export function registerActionHandlers(app: App, deps: Deps): void {
  registerSnoozeReminderAction(app, deps);
  registerApproveDeployCheckAction(app, deps);
  registerOnCallButtons(app, deps);
  registerMitigationButtons(app, deps);
  registerPostmortemButtons(app, deps);
  registerContextRollbackButton(app, deps);
}
