import type { App, BlockButtonAction } from '@slack/bolt';
import { isDomainError } from '../../core/errors.js';
import type { Deps } from '../../deps.js';
import { DEPLOY_CHECK_APPROVE_ACTION_ID, deployCheckMessage } from '../../templates/deploy-check/index.js';

/** The Approve button of a deploy check: counts distinct authorized people and edits the message in place. */
export function registerApproveDeployCheckAction(app: App, deps: Deps): void {
  app.action<BlockButtonAction>(DEPLOY_CHECK_APPROVE_ACTION_ID, async ({ ack, action, body, respond, logger }) => {
    await ack();
    try {
      const result = await deps.work.run(() => deps.deployChecks.approve(Number(action.value), body.user.id));
      deps.metrics.commands.inc({ command: 'deploy-check approve', outcome: result.changed ? 'ok' : 'unchanged' });
      if (result.changed) {
        const shown = deployCheckMessage(result.check, deps.deployCheckView);
        await respond({ replace_original: true, text: shown.text, blocks: shown.blocks as never });
      } else {
        await respond({ response_type: 'ephemeral', replace_original: false, text: result.reason ?? 'Nothing changed.' });
      }
    } catch (err) {
      deps.metrics.commands.inc({ command: 'deploy-check approve', outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err }, 'approving a deploy check failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...deps.responses.failure(err) } as never);
    }
  });
}
