/**
 * What follows a change of an action item's state, whoever made it (webhook, Done button, poll): the postmortem's
 * task list is re-rendered (best effort), an unvalidated close is said in the war room, and once every item of
 * the incident is closed the incident is closed.
 */
import { recordAction } from '../incident/effects.js';
import { canTransition } from '../incident/lifecycle.js';
import type { Incident } from '../incident/model.js';
import type { ChatMessage, CodeHostIssue } from '../ports.js';
import type { PostmortemDeps } from './deps.js';
import type { ActionItem, ActionItemPatch } from './model.js';
import { issueInput } from './record.js';

export async function postQuietly(deps: PostmortemDeps, incident: Incident, what: string, message: () => ChatMessage): Promise<void> {
  if (!incident.channelId) return;
  try {
    await deps.chat.postMessage(incident.channelId, message());
  } catch (err) {
    deps.logger.warn({ err, incidentId: incident.id }, `could not post ${what}`);
  }
}

/** Re-renders the postmortem issue so its task list checks closed items. Best effort: logged, never thrown. */
export async function refreshTaskList(deps: PostmortemDeps, incident: Incident): Promise<void> {
  try {
    const postmortem = await deps.store.postmortems.getByIncident(incident.id);
    if (!postmortem?.repository || postmortem.issueNumber === null) return;
    const items = await deps.store.actionItems.listByIncident(incident.id);
    const { body } = deps.views.postmortemIssue(await issueInput(deps, incident, postmortem, items));
    await deps.codeHost.updateIssue({ repository: postmortem.repository, number: postmortem.issueNumber, body });
  } catch (err) {
    deps.logger.warn({ err, incidentId: incident.id }, 'could not update the postmortem task list');
  }
}

/** Closes the incident when it has action items and all are closed; returns whether it did. */
export async function closeIncidentIfDone(deps: PostmortemDeps, incidentId: number): Promise<boolean> {
  const incident = await deps.store.incidents.get(incidentId);
  if (!incident || !canTransition(incident.state, 'closed')) return false;
  const items = await deps.store.actionItems.listByIncident(incidentId);
  if (items.length === 0 || items.some((i) => i.state !== 'closed')) return false;
  const closed = await deps.store.incidents.update(incidentId, { state: 'closed' });
  await recordAction(deps, closed, {
    key: `act:closed:${incidentId}`,
    kind: 'bot_action',
    actor: null,
    text: 'Closed: every postmortem action item is done',
    data: { action: 'incident_closed', actionItems: items.map((i) => i.issueUrl) },
  });
  await postQuietly(deps, closed, 'that the incident is closed', () => deps.views.incidentClosed(closed, { actionItems: items }));
  return true;
}

/** The patch an issue's open/closed state asks for, or null when the item already agrees. */
export function statePatch(item: ActionItem, issue: Pick<CodeHostIssue, 'state' | 'closedAt'>, now: Date): ActionItemPatch | null {
  if (issue.state === item.state) return null;
  if (issue.state === 'closed') return { state: 'closed', closedAt: issue.closedAt ?? now, flaggedUnvalidated: !item.validationNote };
  // Reopened: not done any more; a new close needs a new validation.
  return { state: 'open', closedAt: null, flaggedUnvalidated: false, validationNote: null };
}

/** Stores a state change and runs what follows it. */
export async function applyStateChange(deps: PostmortemDeps, item: ActionItem, patch: ActionItemPatch): Promise<ActionItem> {
  const updated = await deps.store.actionItems.update(item.id, patch);
  const incident = await deps.store.incidents.get(item.incidentId);
  if (!incident) return updated;
  if (updated.state === 'closed' && updated.flaggedUnvalidated) {
    await postQuietly(deps, incident, 'the unvalidated close', () => deps.views.actionItemClosedUnvalidated(incident, updated));
  }
  await refreshTaskList(deps, incident);
  if (updated.state === 'closed') await closeIncidentIfDone(deps, incident.id);
  return updated;
}
