/** postmortems and action_items rows ↔ Postmortem and ActionItem. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ActionItem, ActionItemPatch, ActionItemState, ActionPriority, NewActionItem, Postmortem, PostmortemDraft } from '../../core/postmortem/model.js';
import type { ActionItemsTable, PostmortemsTable } from '../db/schema.js';
import { parseJsonNumbers, stringifyJson } from './deploy-check-row.js';
import { toDate, toDateOrNull, toFlag, toMillisOrNull, toNumber } from './values.js';

export function postmortemFromRow(row: Selectable<PostmortemsTable>): Postmortem {
  return {
    id: toNumber(row.id),
    incidentId: toNumber(row.incident_id),
    draft: parseJsonNumbers<PostmortemDraft>(row.draft, 'postmortems.draft'),
    repository: row.repository,
    issueNumber: row.issue_number === null ? null : toNumber(row.issue_number),
    issueUrl: row.issue_url,
    publishedAt: toDateOrNull(row.published_at),
    updatedAt: toDate(row.updated_at),
    updatedBy: row.updated_by,
  };
}

export const draftToJson = (draft: PostmortemDraft): string => stringifyJson(draft);

/** Every column but the identity and created_at: what an upsert replaces on conflict. */
export function actionItemToColumns(item: NewActionItem, now: Date): Omit<Insertable<ActionItemsTable>, 'id' | 'created_at'> {
  return {
    postmortem_id: item.postmortemId,
    incident_id: item.incidentId,
    key: item.key,
    description: item.description,
    owner_slack_id: item.ownerSlackId,
    owner_github: item.ownerGithub,
    priority: item.priority,
    due_date: item.dueDate,
    validation: item.validation,
    repository: item.repository,
    issue_number: item.issueNumber,
    issue_url: item.issueUrl,
    state: item.state,
    closed_at: toMillisOrNull(item.closedAt),
    validation_note: item.validationNote,
    flagged_unvalidated: toFlag(item.flaggedUnvalidated),
    updated_at: now.getTime(),
  };
}

/** Only the keys present in the patch are written (an absent key keeps the stored value; null clears it). */
export function actionItemPatchToUpdate(patch: ActionItemPatch): Updateable<ActionItemsTable> {
  const update: Updateable<ActionItemsTable> = {};
  if (patch.description !== undefined) update.description = patch.description;
  if (patch.ownerSlackId !== undefined) update.owner_slack_id = patch.ownerSlackId;
  if (patch.ownerGithub !== undefined) update.owner_github = patch.ownerGithub;
  if (patch.priority !== undefined) update.priority = patch.priority;
  if (patch.dueDate !== undefined) update.due_date = patch.dueDate;
  if (patch.validation !== undefined) update.validation = patch.validation;
  if (patch.state !== undefined) update.state = patch.state;
  if (patch.closedAt !== undefined) update.closed_at = toMillisOrNull(patch.closedAt);
  if (patch.validationNote !== undefined) update.validation_note = patch.validationNote;
  if (patch.flaggedUnvalidated !== undefined) update.flagged_unvalidated = toFlag(patch.flaggedUnvalidated);
  if (patch.issueUrl !== undefined) update.issue_url = patch.issueUrl;
  return update;
}

export function actionItemFromRow(row: Selectable<ActionItemsTable>): ActionItem {
  return {
    id: toNumber(row.id),
    postmortemId: toNumber(row.postmortem_id),
    incidentId: toNumber(row.incident_id),
    key: row.key,
    description: row.description,
    ownerSlackId: row.owner_slack_id,
    ownerGithub: row.owner_github,
    priority: row.priority as ActionPriority,
    dueDate: row.due_date,
    validation: row.validation,
    repository: row.repository,
    issueNumber: toNumber(row.issue_number),
    issueUrl: row.issue_url,
    state: row.state as ActionItemState,
    closedAt: toDateOrNull(row.closed_at),
    validationNote: row.validation_note,
    flaggedUnvalidated: toNumber(row.flagged_unvalidated) === 1,
    updatedAt: toDate(row.updated_at),
  };
}
