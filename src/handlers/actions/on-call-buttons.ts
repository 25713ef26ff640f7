import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { DECLARE_FROM_PAGE_ACTION_ID, RESOLVE_FROM_PAGE_ACTION_ID, RETRY_PAGE_ACTION_ID } from '../../templates/index.js';
import { gatherContextInBackground } from '../../commands/context-trigger.js';
import { onButton } from './on-button.js';


/** The buttons of on-call messages: retry a failed page, declare a war room from a page, resolve after PagerDuty did. */
export function registerOnCallButtons(app: App, deps: Deps): void {
  onButton(app, deps, RETRY_PAGE_ACTION_ID, 'retry-page', async ({ value, userId }) => deps.responses.changed(await deps.incidents.retryPage(Number(value), { userId }), 'retry'));
  onButton(app, deps, DECLARE_FROM_PAGE_ACTION_ID, 'declare-from-page', async ({ value, userId }) => {
    const result = await deps.incidents.declareFromPage(value, { userId });
    gatherContextInBackground(deps, result);
    return deps.responses.declared(result);
  });
  onButton(app, deps, RESOLVE_FROM_PAGE_ACTION_ID, 'resolve-from-page', async ({ userId, channelId }) => {
    if (!channelId) throw new Error('the Resolve button was pressed outside a channel');
    return deps.responses.changed(await deps.incidents.resolve(channelId, 'Resolved in PagerDuty', { userId }), 'resolve');
  });
}
