/** Buttons of the mitigation message; value = mitigation id. */
export const MITIGATION_CONFIRM_ACTION_ID = 'mitigation_confirm';
export const MITIGATION_CANCEL_ACTION_ID = 'mitigation_cancel';
