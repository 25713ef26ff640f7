import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';

export const DECLARE_SHORTCUT = 'incident_declare_shortcut';

/** The global shortcut "Declare incident" opens the same modal as `/incident` with no text. */
export function registerDeclareShortcut(app: App, deps: Deps): void {
  app.shortcut(DECLARE_SHORTCUT, async ({ ack, shortcut, client }) => {
    await ack(); // the trigger id is valid for 3 seconds: open the modal right after
    await client.views.open({ trigger_id: shortcut.trigger_id, view: deps.modals.declare() as never });
    deps.metrics.commands.inc({ command: 'declare-shortcut', outcome: 'ok' });
  });
}
