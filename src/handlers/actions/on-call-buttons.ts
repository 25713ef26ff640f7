import type { App, BlockAction, BlockButtonAction } from '@slack/bolt';
import { isDomainError } from '../../core/errors.js';
import type { ChatMessage } from '../../core/ports.js';
import type { Deps } from '../../deps.js';
import { DECLARE_FROM_PAGE_ACTION_ID, RESOLVE_FROM_PAGE_ACTION_ID, RETRY_PAGE_ACTION_ID } from '../../templates/index.js';


type ButtonWork = (input: { value: string; userId: string; channelId: string | null }) => Promise<ChatMessage>;

/** One button: ack, run the use case through the work queue, reply ephemerally (the core posts what the room sees). */
function onButton(app: App, deps: Deps, actionId: string, name: string, work: ButtonWork): void {
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

/** The buttons of on-call messages: retry a failed page, declare a war room from a page, resolve after PagerDuty did. */
export function registerOnCallButtons(app: App, deps: Deps): void {
  onButton(app, deps, RETRY_PAGE_ACTION_ID, 'retry-page', async ({ value, userId }) => deps.responses.changed(await deps.incidents.retryPage(Number(value), { userId }), 'retry'));
  onButton(app, deps, DECLARE_FROM_PAGE_ACTION_ID, 'declare-from-page', async ({ value, userId }) => deps.responses.declared(await deps.incidents.declareFromPage(value, { userId })));
  onButton(app, deps, RESOLVE_FROM_PAGE_ACTION_ID, 'resolve-from-page', async ({ userId, channelId }) => {
    if (!channelId) throw new Error('the Resolve button was pressed outside a channel');
    return deps.responses.changed(await deps.incidents.resolve(channelId, 'Resolved in PagerDuty', { userId }), 'resolve');
  });
}
