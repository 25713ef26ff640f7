import type { App, BlockAction, BlockButtonAction } from '@slack/bolt';
import { isDomainError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { actionItemDoneModal, actionItemRescheduleModal } from '../../templates/blocks/action-item-modals.js';
import { ACTION_ITEM_DONE_ACTION_ID, ACTION_ITEM_RESCHEDULE_ACTION_ID, ACTION_ITEM_SNOOZE_ACTION_ID } from '../../templates/followup/index.js';
import { POSTMORTEM_EDIT_OPEN_ACTION_ID, POSTMORTEM_PUBLISH_ACTION_ID } from '../../templates/postmortem/index.js';
import { onButton } from './on-button.js';


/** Opens a modal from a button: its trigger id lives 3 seconds, so nothing slow runs before views.open. */
function onModalButton(app: App, deps: Deps, actionId: string, build: (value: string, userId: string) => Promise<Record<string, unknown>>): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, action, body, client, respond, logger }) => {
    await ack();
    try {
      const view = await build(action.value ?? '', body.user.id);
      await client.views.open({ trigger_id: (body as BlockAction).trigger_id, view: view as never });
      deps.metrics.commands.inc({ command: actionId, outcome: 'ok' });
    } catch (err) {
      deps.metrics.commands.inc({ command: actionId, outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err, action: actionId }, 'could not open the modal');
      await respond({ response_type: 'ephemeral', replace_original: false, ...deps.responses.failure(err) } as never);
    }
  });
}

/** Publish (and retry), Edit, and the owners' Done / New due date / Snooze buttons on action items. */
export function registerPostmortemButtons(app: App, deps: Deps): void {
  onButton(app, deps, POSTMORTEM_PUBLISH_ACTION_ID, 'postmortem-publish', async ({ value, userId }) => {
    const result = await deps.postmortems.publish(Number(value), { userId });
    return deps.postmortemViews.publishedReply(result);
  });
  onModalButton(app, deps, POSTMORTEM_EDIT_OPEN_ACTION_ID, async (value, userId) => {
    const incident = await deps.store.incidents.get(Number(value));
    if (!incident?.channelId) throw new Error(`incident ${value} has no war room`);
    return deps.postmortemViews.postmortemModal(await deps.postmortems.open(incident.channelId, { userId })) as Record<string, unknown>;
  });
  onModalButton(app, deps, ACTION_ITEM_DONE_ACTION_ID, async (value) => actionItemDoneModal(await requireItem(deps, value)));
  onModalButton(app, deps, ACTION_ITEM_RESCHEDULE_ACTION_ID, async (value) => actionItemRescheduleModal(await requireItem(deps, value), deps.today()));
  onButton(app, deps, ACTION_ITEM_SNOOZE_ACTION_ID, 'action-item-snooze', async ({ value, userId }) => {
    const item = await deps.postmortems.snoozeActionItem(Number(value), { userId });
    return { text: `:zzz: Snoozed: #${item.issueNumber} is now due ${item.dueDate}.` };
  });
}

async function requireItem(deps: Deps, value: string) {
  const item = await deps.store.actionItems.get(Number(value));
  if (!item) throw new Error(`action item ${value} does not exist`);
  return item;
}
