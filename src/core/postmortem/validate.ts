/** Checks a draft before it is stored: what would break publishing is refused, with the field and the fix. */
import { DomainError } from '../errors.js';
import { isCalendarDate } from './dates.js';
import { ROOT_CAUSE_CATEGORIES, type PostmortemDraft } from './model.js';

const PRIORITIES = ['P0', 'P1', 'P2'];
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

function refuse(field: string, message: string): never {
  throw new DomainError('BAD_INPUT', message, { field });
}

/** Returns the draft with text trimmed; throws BAD_INPUT naming the first invalid field. */
export function validateDraft(draft: PostmortemDraft): PostmortemDraft {
  const summary = draft.summary.trim();
  if (!summary) refuse('summary', 'The summary is empty: say in a sentence or two what happened.');
  if (!(ROOT_CAUSE_CATEGORIES as readonly string[]).includes(draft.rootCause.category)) {
    refuse('rootCause.category', `Unknown root-cause category "${draft.rootCause.category}". Use one of: ${ROOT_CAUSE_CATEGORIES.join(', ')}.`);
  }
  const keys = new Set<string>();
  const actionItems = draft.actionItems.map((item, i) => {
    const at = `actionItems[${i}]`;
    const n = i + 1;
    if (!KEY.test(item.key) || keys.has(item.key)) refuse(`${at}.key`, `Action item ${n} has a missing or repeated key ("${item.key}").`);
    keys.add(item.key);
    const description = item.description.trim();
    if (!description) refuse(`${at}.description`, `Action item ${n} has no description: say what will be done.`);
    if (!PRIORITIES.includes(item.priority)) refuse(`${at}.priority`, `Action item ${n} has priority "${String(item.priority)}": use P0, P1 or P2.`);
    if (item.dueDate !== null && !isCalendarDate(item.dueDate)) refuse(`${at}.dueDate`, `Action item ${n} has due date "${item.dueDate}": use YYYY-MM-DD, e.g. 2026-04-15.`);
    if (item.ownerSlackId !== null && !SLACK_USER.test(item.ownerSlackId)) refuse(`${at}.ownerSlackId`, `Action item ${n} has an owner that is not a Slack user id ("${item.ownerSlackId}").`);
    return { ...item, description, validation: item.validation?.trim() || null };
  });
  return { ...draft, summary, actionItems };
}
