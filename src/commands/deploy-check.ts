import type { App } from '@slack/bolt';
import { isDomainError } from '../core/errors.js';
import type { ChatMessage } from '../core/ports.js';
import type { Deps } from '../deps.js';
import { deployCheckHistory, deployCheckMessage } from '../templates/deploy-check/index.js';
import { DEPLOY_CHECK_USAGE, parseDeployCheckCommand } from './deploy-check-parse.js';

/** `/deploy-check <service> [risk flags]`: the decision is posted in the channel, where people approve it. */
export function registerDeployCheckCommand(app: App, deps: Deps): void {
  app.command('/deploy-check', async ({ ack, command, respond, logger }) => {
    await ack(); // measuring takes longer than Slack's 3 seconds: acknowledge first
    const ephemeral = (message: ChatMessage) => respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks as never });
    const parsed = parseDeployCheckCommand(command.text);
    if (!parsed.ok) {
      deps.metrics.commands.inc({ command: 'deploy-check', outcome: 'usage_error' });
      await ephemeral(deps.responses.usageError(parsed.error));
      return;
    }
    const request = parsed.value;
    try {
      if (request.name === 'help') {
        await ephemeral(deps.responses.usageError(`Is this deploy safe now? Warroom checks SLO error budgets and burn rates, the risk of the change, the time of week and open incidents.\n${DEPLOY_CHECK_USAGE}`));
      } else if (request.name === 'history') {
        await ephemeral(deployCheckHistory(request.service, await deps.deployChecks.history(request.service), deps.settings.timeZone));
      } else {
        const check = await deps.work.run(() =>
          deps.deployChecks.run({ service: request.service, risk: request.risk, override: request.override, requestedBy: command.user_id, origin: 'slack' }),
        );
        deps.metrics.deployDecisions.inc({ service: check.service, decision: check.outcome.decision });
        const shown = deployCheckMessage(check, deps.deployCheckView);
        await respond({ response_type: 'in_channel', text: shown.text, blocks: shown.blocks as never });
      }
      deps.metrics.commands.inc({ command: `deploy-check ${request.name}`, outcome: 'ok' });
    } catch (err) {
      deps.metrics.commands.inc({ command: `deploy-check ${request.name}`, outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err }, 'deploy check failed');
      await ephemeral(deps.responses.failure(err)).catch((replyErr: unknown) => deps.logger.warn({ err: replyErr }, 'could not reply to /deploy-check'));
    }
  });
}
