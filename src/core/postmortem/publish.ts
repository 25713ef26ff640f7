/**
 * Publishing: action-item issues first (each row stored as soon as its issue exists, so a failure halfway leaves
 * a record and a retry updates instead of duplicating), then the postmortem issue with the task list, then the
 * links back. Re-publishing updates the same issue numbers. The draft was stored before any of this.
 */
import { DomainError, describeError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import { recordAction } from '../incident/effects.js';
import type { Incident } from '../incident/model.js';
import type { PublishResult } from './api.js';
import { authorizeChange, requireIncident } from './authorization.js';
import { addDays, todayIn } from './dates.js';
import type { PostmortemDeps } from './deps.js';
import type { ActionItem, ActionItemDraft, Postmortem } from './model.js';
import { issueInput } from './record.js';
import { cancelPostmortemReminders } from './reminder-schedule.js';

export const postmortemLabels = (incident: Incident): string[] => ['postmortem', incident.severity];
export const actionItemLabels = (item: Pick<ActionItem, 'priority' | 'incidentId'>): string[] => ['postmortem-action', `priority-${item.priority.toLowerCase()}`, `incident-${item.incidentId}`];

/** The repository of the incident's service, else the central one; DomainError saying what to configure otherwise. */
export function repositoryFor(deps: PostmortemDeps, incident: Incident): string {
  const repo = (incident.service ? deps.settings.serviceRepositories[incident.service] : undefined) ?? deps.settings.centralRepository;
  if (repo) return repo;
  const service = incident.service ? ` (service ${incident.service})` : '';
  throw new DomainError(
    'INTEGRATION_NOT_CONFIGURED',
    `No GitHub repository for this postmortem${service}: set the service's \`github.repository\` or \`postmortem.centralRepository\` in the config.`,
    { service: incident.service },
  );
}

function integrationFailed(err: unknown): DomainError {
  return new DomainError(
    'INTEGRATION_FAILED',
    `Could not publish to GitHub: ${describeError(err)}. The draft is saved; press Retry to publish again (issues already created are updated, not duplicated).`,
    { cause: describeError(err) },
  );
}

async function publishItems(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem, repository: string, counts: { created: number; updated: number }): Promise<ActionItem[]> {
  const existing = new Map((await deps.store.actionItems.listByIncident(incident.id)).filter((i) => i.postmortemId === postmortem.id).map((i) => [i.key, i]));
  const today = todayIn(deps.clock.now(), deps.incidentSettings.timeZone);
  const link = postmortem.issueNumber && postmortem.issueUrl ? { url: postmortem.issueUrl, number: postmortem.issueNumber } : null;
  const items: ActionItem[] = [];
  for (const draft of postmortem.draft.actionItems) {
    const stored = existing.get(draft.key);
    const item = fill(deps, incident, draft, stored, today);
    const { title, body } = deps.views.actionItemIssue({ incident, item, postmortemIssue: link });
    const assignees = item.ownerGithub ? [item.ownerGithub] : [];
    const labels = actionItemLabels({ priority: item.priority, incidentId: incident.id });
    const issue = stored
      ? await deps.codeHost.updateIssue({ repository: stored.repository, number: stored.issueNumber, title, body, labels, assignees })
      : await deps.codeHost.createIssue({ repository, title, body, labels, assignees });
    counts[stored ? 'updated' : 'created']++;
    items.push(
      await deps.store.actionItems.upsert({
        postmortemId: postmortem.id,
        incidentId: incident.id,
        ...item,
        repository: issue.repository,
        issueNumber: issue.number,
        issueUrl: issue.url,
        state: stored?.state ?? 'open',
        closedAt: stored?.closedAt ?? null,
        validationNote: stored?.validationNote ?? null,
        flaggedUnvalidated: stored?.flaggedUnvalidated ?? false,
      }),
    );
  }
  // Items dropped from the draft keep their issues (closing them is a person's call) and stay in the task list.
  const kept = new Set(items.map((i) => i.key));
  return [...items, ...[...existing.values()].filter((i) => !kept.has(i.key))];
}

function fill(deps: PostmortemDeps, incident: Incident, draft: ActionItemDraft, stored: ActionItem | undefined, today: string) {
  const ownerGithub = (draft.ownerSlackId ? deps.settings.githubUsers[draft.ownerSlackId] : undefined) ?? (stored?.ownerSlackId === draft.ownerSlackId ? stored?.ownerGithub : null) ?? null;
  return {
    key: draft.key,
    description: draft.description,
    ownerSlackId: draft.ownerSlackId,
    ownerGithub,
    priority: draft.priority,
    dueDate: draft.dueDate ?? stored?.dueDate ?? addDays(today, deps.settings.dueDays[draft.priority]),
    validation: draft.validation,
  };
}

export function createPublish(deps: PostmortemDeps): (incidentId: number, actor: Actor) => Promise<PublishResult> {
  return async (incidentId, actor) => {
    const incident = await requireIncident(deps, incidentId);
    await authorizeChange(deps, incident, actor, 'publish the postmortem');
    if (incident.state === 'investigating' || incident.state === 'mitigated') {
      throw new DomainError('INVALID_TRANSITION', `INC-${incident.id} is ${incident.state}: resolve it first (\`/incident resolve\`), then publish the postmortem. The draft is saved.`, {
        state: incident.state,
      });
    }
    let postmortem = await deps.store.postmortems.getByIncident(incident.id);
    if (!postmortem) throw new DomainError('BAD_INPUT', 'There is no postmortem draft yet: write it first with `/incident postmortem`.', { incidentId });
    const repository = postmortem.repository ?? repositoryFor(deps, incident);
    const counts = { created: 0, updated: 0 };
    const firstTime = postmortem.issueNumber === null;
    let items: ActionItem[];
    try {
      items = await publishItems(deps, incident, postmortem, repository, counts);
      const { title, body } = deps.views.postmortemIssue(await issueInput(deps, incident, postmortem, items));
      const issue = postmortem.issueNumber
        ? await deps.codeHost.updateIssue({ repository, number: postmortem.issueNumber, title, body, labels: postmortemLabels(incident) })
        : await deps.codeHost.createIssue({ repository, title, body, labels: postmortemLabels(incident), assignees: [] });
      counts[postmortem.issueNumber ? 'updated' : 'created']++;
      postmortem = await deps.store.postmortems.markPublished(postmortem.id, { repository, issueNumber: issue.number, issueUrl: issue.url, at: deps.clock.now() });
      if (firstTime) await linkBack(deps, incident, items, { url: issue.url, number: issue.number });
    } catch (err) {
      if (err instanceof DomainError) throw err;
      deps.logger.warn({ err, incidentId }, 'publishing the postmortem failed; the draft is stored');
      throw integrationFailed(err);
    }
    await afterPublish(deps, incident, postmortem, items, actor);
    return { postmortem, actionItems: items, ...counts };
  };
}

/** The first publication rendered the items before the postmortem issue existed: add the link now. */
async function linkBack(deps: PostmortemDeps, incident: Incident, items: ActionItem[], link: { url: string; number: number }): Promise<void> {
  for (const item of items) {
    const { body } = deps.views.actionItemIssue({ incident, item, postmortemIssue: link });
    await deps.codeHost.updateIssue({ repository: item.repository, number: item.issueNumber, body });
  }
}

async function afterPublish(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem, items: ActionItem[], actor: Actor): Promise<void> {
  const url = postmortem.issueUrl ?? '';
  const state = incident.state === 'resolved' ? 'postmortem' : incident.state;
  const updated = await deps.store.incidents.update(incident.id, { state, links: { ...incident.links, postmortem: url } });
  const now = deps.clock.now();
  await recordAction(deps, updated, {
    key: `act:postmortem-published:${incident.id}:${now.getTime()}`,
    kind: 'bot_action',
    actor: actor.userId,
    text: `Published the postmortem: ${url}`,
    data: { action: 'postmortem_published', url, from: incident.state, actionItems: items.map((i) => i.issueUrl) },
  });
  try {
    await cancelPostmortemReminders(deps, incident.id);
    if (updated.channelId) await deps.chat.postMessage(updated.channelId, deps.views.postmortemPublished(updated, { url, actionItems: items }));
  } catch (err) {
    deps.logger.warn({ err, incidentId: incident.id }, 'could not announce the published postmortem');
  }
}
