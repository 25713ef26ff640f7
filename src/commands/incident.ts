import type { App } from '@slack/bolt';
import { isDomainError } from '../core/errors.js';
import type { ChatMessage } from '../core/ports.js';
import type { Deps } from '../deps.js';
import { runIncidentCommand } from './incident-dispatch.js';
import { parseIncidentCommand } from './parse.js';

/** `/incident …`: parse, call the core, reply ephemerally. The war room itself gets its messages from the core. */
export function registerIncidentCommand(app: App, deps: Deps): void {
  app.command('/incident', async ({ ack, command, respond, client, logger }) => {
    await ack(); // Slack's 3-second window: acknowledge before any I/O
    const reply = (message: ChatMessage) => respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks as never });
    const parsed = parseIncidentCommand(command.text);
    if (!parsed.ok) {
      deps.metrics.commands.inc({ command: 'invalid', outcome: 'usage_error' });
      await reply(deps.responses.usageError(parsed.error));
      return;
    }
    const name = parsed.value.name;
    try {
      if (parsed.value.name === 'open-modal') {
        await client.views.open({ trigger_id: command.trigger_id, view: deps.modals.declare() as never });
      } else if (parsed.value.name === 'postmortem') {
        // Straight to views.open: the trigger id expires 3 seconds after the command, so no queueing here.
        const context = await deps.postmortems.open(command.channel_id, { userId: command.user_id });
        await client.views.open({ trigger_id: command.trigger_id, view: deps.postmortemViews.postmortemModal(context) as never });
      } else {
        const command_ = parsed.value;
        const message = await deps.work.run(() => runIncidentCommand(command_, { channelId: command.channel_id, actor: { userId: command.user_id } }, deps), {
          key: command.channel_id,
        });
        if (message) await reply(message);
      }
      deps.metrics.commands.inc({ command: name, outcome: 'ok' });
    } catch (err) {
      deps.metrics.commands.inc({ command: name, outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err, command: name }, 'incident command failed');
      const message = isDomainError(err, 'NOT_AN_INCIDENT_CHANNEL') ? deps.responses.wrongPlace(name) : deps.responses.failure(err);
      await reply(message).catch((replyErr: unknown) => deps.logger.warn({ err: replyErr }, 'could not reply to /incident'));
    }
  });
}
