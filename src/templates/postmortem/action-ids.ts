/** Interactive ids of the postmortem messages and modal, shared with the handlers that answer them. */
export const POSTMORTEM_MODAL_CALLBACK_ID = 'postmortem_edit';
/** Publish the saved draft; value = incident id. Also the Retry button after a GitHub failure. */
export const POSTMORTEM_PUBLISH_ACTION_ID = 'postmortem_publish';
/** Open the modal again; value = incident id. */
export const POSTMORTEM_EDIT_OPEN_ACTION_ID = 'postmortem_edit_open';
