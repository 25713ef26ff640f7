import type { App } from '@slack/bolt';
import { describeError, isDomainError } from '../../core/errors.js';
import { gatherContextInBackground } from '../../commands/context-trigger.js';
import type { Deps } from '../../deps.js';

/** The declare modal's submission: close the modal at once, then declare and tell the declarer where to go. */
export function registerDeclareSubmission(app: App, deps: Deps): void {
  app.view(deps.modals.declareCallbackId, async ({ ack, view, body, logger }) => {
    const input = deps.modals.readDeclare(view.state.values);
    if (!input.title.trim()) {
      await ack({ response_action: 'errors', errors: { [deps.modals.titleBlockId]: 'Give the incident a short title, e.g. "Checkout 500s in eu-west-1".' } });
      return;
    }
    await ack();
    const userId = body.user.id;
    try {
      const result = await deps.work.run(() => deps.incidents.declare(input, { userId }));
      gatherContextInBackground(deps, result);
      deps.metrics.commands.inc({ command: 'declare-modal', outcome: 'ok' });
      await deps.chat.sendDirectMessage(userId, deps.responses.declared(result));
    } catch (err) {
      deps.metrics.commands.inc({ command: 'declare-modal', outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err }, 'declare from modal failed');
      await deps.chat
        .sendDirectMessage(userId, deps.responses.failure(err))
        .catch((dmErr: unknown) => deps.logger.error({ err: describeError(dmErr) }, 'could not tell the declarer that declaring failed'));
    }
  });
}
