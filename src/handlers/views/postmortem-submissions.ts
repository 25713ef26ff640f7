import type { App } from '@slack/bolt';
import { describeError, isDomainError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/ports.js';
import type { Deps } from '../../deps.js';
import { ACTION_ITEM_DONE_CALLBACK_ID, ACTION_ITEM_MODAL_BLOCKS, ACTION_ITEM_RESCHEDULE_CALLBACK_ID, readDueDate, readValidationNote } from '../../templates/blocks/action-item-modals.js';

/**
 * The postmortem form (saved as a draft at once, then the blameless/SMART suggestions with Publish), and the
 * action-item modals (validation note, new due date). Modals close first; answers come privately.
 */
export function registerPostmortemSubmissions(app: App, deps: Deps): void {
  const tell = (userId: string, channelId: string | null, message: ChatMessage) =>
    (channelId ? deps.chat.postEphemeral(channelId, userId, message) : deps.chat.sendDirectMessage(userId, message)).catch((err: unknown) =>
      deps.logger.warn({ err: describeError(err) }, 'could not answer a postmortem submission'),
    );

  app.view(deps.postmortemViews.modalCallbackId, async ({ ack, view, body, logger }) => {
    await ack();
    const userId = body.user.id;
    const incidentId = Number(view.private_metadata);
    const incident = await deps.store.incidents.get(incidentId);
    try {
      const draft = deps.postmortemViews.readPostmortemModal(view.state.values);
      const { postmortem, lint } = await deps.work.run(() => deps.postmortems.saveDraft(incidentId, draft, { userId }));
      await tell(userId, incident?.channelId ?? null, deps.postmortemViews.postmortemReview(postmortem, lint));
    } catch (err) {
      if (!isDomainError(err)) logger.error({ err }, 'saving the postmortem draft failed');
      await tell(userId, incident?.channelId ?? null, deps.responses.failure(err));
    }
  });

  app.view(ACTION_ITEM_DONE_CALLBACK_ID, async ({ ack, view, body }) => {
    const note = readValidationNote(view.state.values as never);
    if (note.length < 10) {
      await ack({ response_action: 'errors', errors: { [ACTION_ITEM_MODAL_BLOCKS.note.block]: 'Say how you know it works: the test, the alert that fired, the number you measured.' } });
      return;
    }
    await ack();
    try {
      const item = await deps.work.run(() => deps.postmortems.completeActionItem(Number(view.private_metadata), note, { userId: body.user.id }));
      await tell(body.user.id, null, { text: `:white_check_mark: Closed #${item.issueNumber} with your validation note.` });
    } catch (err) {
      await tell(body.user.id, null, deps.responses.failure(err));
    }
  });

  app.view(ACTION_ITEM_RESCHEDULE_CALLBACK_ID, async ({ ack, view, body }) => {
    const due = readDueDate(view.state.values as never);
    if (due < deps.today()) {
      await ack({ response_action: 'errors', errors: { [ACTION_ITEM_MODAL_BLOCKS.due.block]: 'Pick today or a later day.' } });
      return;
    }
    await ack();
    try {
      const item = await deps.work.run(() => deps.postmortems.rescheduleActionItem(Number(view.private_metadata), due, { userId: body.user.id }));
      await tell(body.user.id, null, { text: `:calendar: #${item.issueNumber} is now due ${item.dueDate}.` });
    } catch (err) {
      await tell(body.user.id, null, deps.responses.failure(err));
    }
  });
}
