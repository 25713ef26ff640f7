import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { MITIGATION_CANCEL_ACTION_ID, MITIGATION_CONFIRM_ACTION_ID } from '../../templates/mitigation/index.js';
import { onButton } from './on-button.js';

/**
 * Confirm and Cancel on a mitigation preview. The core edits the preview message with progress and the outcome for
 * everyone; the person who pressed gets a private word only when their press did not run the action.
 */
export function registerMitigationButtons(app: App, deps: Deps): void {
  onButton(app, deps, MITIGATION_CONFIRM_ACTION_ID, 'mitigation-confirm', async ({ value, userId }) => {
    const { outcome, reason, mitigation } = await deps.mitigations.confirm(Number(value), { userId });
    if (outcome === 'needs_second') return { text: `:white_check_mark: Confirmation recorded. This one needs a second, different authorized person to confirm (${mitigation.preview.secondConfirmationReason ?? 'large blast radius'}).` };
    if (outcome === 'refused') return { text: `:no_entry: Not run: ${reason ?? 'refused'}` };
    return { text: mitigation.result?.ok ? `:white_check_mark: ${mitigation.result.summary}` : `:warning: ${mitigation.result?.summary ?? 'The action failed.'}` };
  });
  onButton(app, deps, MITIGATION_CANCEL_ACTION_ID, 'mitigation-cancel', async ({ value, userId }) => {
    await deps.mitigations.cancel(Number(value), { userId });
    return { text: ':x: Cancelled; nothing was changed.' };
  });
}
