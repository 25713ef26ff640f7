/** The buttons of the weekly review: Done (with the validation note), New due date, Snooze a week. */
import { DomainError, describeError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import type { Incident } from '../incident/model.js';
import { authorizeChange, requireIncident } from './authorization.js';
import { addDays, isCalendarDate, laterDate, todayIn } from './dates.js';
import type { PostmortemDeps } from './deps.js';
import { applyStateChange } from './item-state.js';
import type { ActionItem } from './model.js';

export const SNOOZE_DAYS = 7;

async function load(deps: PostmortemDeps, id: number, actor: Actor, action: string): Promise<{ item: ActionItem; incident: Incident }> {
  const item = await deps.store.actionItems.get(id);
  if (!item) throw new DomainError('BAD_INPUT', `There is no action item #${id}; it may have been removed.`, { actionItemId: id });
  const incident = await requireIncident(deps, item.incidentId);
  await authorizeChange(deps, incident, actor, action, item.ownerSlackId);
  return { item, incident };
}

async function onGitHub<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw new DomainError('INTEGRATION_FAILED', `Could not ${what} on GitHub: ${describeError(err)}. Nothing was lost; try again.`, { cause: describeError(err) });
  }
}

export function createCompleteActionItem(deps: PostmortemDeps): (id: number, note: string, actor: Actor) => Promise<ActionItem> {
  return async (id, noteInput, actor) => {
    const note = noteInput.trim();
    if (!note) throw new DomainError('BAD_INPUT', 'Say how you know it works (the validation note): done means validated.', { field: 'validationNote' });
    const { item } = await load(deps, id, actor, 'complete this action item');
    // The note is stored before the issue closes, so the close webhook finds it and does not flag the item.
    const noted = await deps.store.actionItems.update(item.id, { validationNote: note });
    await onGitHub('close the issue', async () => {
      await deps.codeHost.addComment({ repository: item.repository, number: item.issueNumber, body: `Validated: ${note}` });
      if (item.state === 'open') await deps.codeHost.updateIssue({ repository: item.repository, number: item.issueNumber, state: 'closed' });
    });
    const current = (await deps.store.actionItems.get(item.id)) ?? noted;
    if (current.state === 'closed') return deps.store.actionItems.update(item.id, { flaggedUnvalidated: false });
    return applyStateChange(deps, current, { state: 'closed', closedAt: deps.clock.now(), flaggedUnvalidated: false });
  };
}

async function moveDueDate(deps: PostmortemDeps, item: ActionItem, incident: Incident, dueDate: string): Promise<ActionItem> {
  const postmortem = await deps.store.postmortems.getByIncident(incident.id);
  const link = postmortem?.issueUrl && postmortem.issueNumber ? { url: postmortem.issueUrl, number: postmortem.issueNumber } : null;
  const { body } = deps.views.actionItemIssue({ incident, item: { ...item, dueDate }, postmortemIssue: link });
  await onGitHub('update the due date', () => deps.codeHost.updateIssue({ repository: item.repository, number: item.issueNumber, body }));
  return deps.store.actionItems.update(item.id, { dueDate });
}

export function createRescheduleActionItem(deps: PostmortemDeps): (id: number, dueDate: string, actor: Actor) => Promise<ActionItem> {
  return async (id, dueDateInput, actor) => {
    const dueDate = dueDateInput.trim();
    if (!isCalendarDate(dueDate)) throw new DomainError('BAD_INPUT', `"${dueDate}" is not a date: use YYYY-MM-DD, e.g. 2026-04-15.`, { field: 'dueDate' });
    const today = todayIn(deps.clock.now(), deps.incidentSettings.timeZone);
    if (dueDate < today) throw new DomainError('BAD_INPUT', `${dueDate} is in the past: pick today (${today}) or later.`, { field: 'dueDate' });
    const { item, incident } = await load(deps, id, actor, 'reschedule this action item');
    return moveDueDate(deps, item, incident, dueDate);
  };
}

/** A week later than the due date, or than today when the item is already overdue (a snooze must land in the future). */
export function createSnoozeActionItem(deps: PostmortemDeps): (id: number, actor: Actor) => Promise<ActionItem> {
  return async (id, actor) => {
    const { item, incident } = await load(deps, id, actor, 'snooze this action item');
    const today = todayIn(deps.clock.now(), deps.incidentSettings.timeZone);
    return moveDueDate(deps, item, incident, addDays(laterDate(item.dueDate, today), SNOOZE_DAYS));
  };
}
