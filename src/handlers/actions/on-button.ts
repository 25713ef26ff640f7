import type { App, BlockAction, BlockButtonAction } from '@slack/bolt';
import { isDomainError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/ports.js';
import type { Deps } from '../../deps.js';

type ButtonWork = (input: { value: string; userId: string; channelId: string | null }) => Promise<ChatMessage>;

/** One button: ack, run the use case through the work queue, reply ephemerally (the core posts what the room sees). */
export function onButton(app: App, deps: Deps, actionId: string, name: string, work: ButtonWork): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, action, body, respond, logger }) => {
    await ack();
    const channelId = (body as BlockAction).channel?.id ?? null;
    try {
      const reply = await deps.work.run(() => work({ value: action.value ?? '', userId: body.user.id, channelId }));
      deps.metrics.commands.inc({ command: name, outcome: 'ok' });
      await respond({ response_type: 'ephemeral', replace_original: false, ...reply } as never);
    } catch (err) {
      deps.metrics.commands.inc({ command: name, outcome: isDomainError(err) ? err.code.toLowerCase() : 'error' });
      if (!isDomainError(err)) logger.error({ err, action: actionId }, 'button failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...deps.responses.failure(err) } as never);
    }
  });
}

