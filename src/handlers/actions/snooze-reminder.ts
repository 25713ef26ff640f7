import type { App, BlockButtonAction } from '@slack/bolt';
import { isDomainError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { SNOOZE_REMINDER_ACTION_ID } from '../../templates/index.js';

/** The Snooze button on a status-update reminder postpones the next reminder. */
export function registerSnoozeReminderAction(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(SNOOZE_REMINDER_ACTION_ID, async ({ ack, action, body, respond, logger }) => {
    await ack();
    const incidentId = Number(action.value);
    try {
      if (!Number.isInteger(incidentId)) throw new Error(`bad snooze button value ${action.value}`);
      const result = await deps.work.run(() => deps.incidents.snoozeReminder(incidentId, { userId: body.user.id }));
      deps.metrics.commands.inc({ command: 'snooze', outcome: 'ok' });
      await respond({ response_type: 'ephemeral', replace_original: false, ...deps.responses.changed(result, 'snooze') } as never);
    } catch (err) {
      deps.metrics.commands.inc({ command: 'snooze', outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err }, 'snooze failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...deps.responses.failure(err) } as never);
    }
  });
}
