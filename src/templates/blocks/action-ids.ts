/** Interactive ids shared by the blocks that carry them and the handlers that answer them. */
export const SNOOZE_REMINDER_ACTION_ID = 'incident_snooze_reminder';
/** Retry paging after a failed page; value = incident id. */
export const RETRY_PAGE_ACTION_ID = 'incident_retry_page';
/** Declare a war room for a page triggered outside Warroom; value = what `declareFromPage` reads. */
export const DECLARE_FROM_PAGE_ACTION_ID = 'incident_declare_from_page';
/** Resolve the incident after its page was resolved on the on-call side; value = incident id. */
export const RESOLVE_FROM_PAGE_ACTION_ID = 'incident_resolve_from_page';
