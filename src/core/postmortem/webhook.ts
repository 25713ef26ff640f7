/**
 * Action-item state from GitHub: issue webhooks (already verified by the HTTP edge) and the poll that backs them
 * up. Each delivery has one effect at most: its id is recorded first and forgotten again if handling fails.
 */
import type { CodeHostIssue, CodeHostWebhookEvent } from '../ports.js';
import type { PostmortemDeps } from './deps.js';
import { applyStateChange, statePatch } from './item-state.js';
import type { ActionItem } from './model.js';

export const CODE_HOST_WEBHOOK_SOURCE = 'github';

function slackUserOf(deps: PostmortemDeps, login: string | undefined): string | null {
  if (!login) return null;
  const found = Object.entries(deps.settings.githubUsers).find(([, github]) => github.toLowerCase() === login.toLowerCase());
  return found?.[0] ?? null;
}

async function edited(deps: PostmortemDeps, item: ActionItem, issue: CodeHostIssue): Promise<boolean> {
  const incident = await deps.store.incidents.get(item.incidentId);
  if (!incident) return false;
  // The title is ours unless someone changed it: only a different title becomes the new description.
  const ours = deps.views.actionItemIssue({ incident, item, postmortemIssue: null }).title;
  const title = issue.title.trim();
  if (!title || title === ours || title === item.description) return false;
  await deps.store.actionItems.update(item.id, { description: title });
  return true;
}

async function handleIssue(deps: PostmortemDeps, event: CodeHostWebhookEvent, issue: CodeHostIssue): Promise<'handled' | 'ignored'> {
  const item = await deps.store.actionItems.findByIssue(issue.repository, issue.number);
  if (!item) return 'ignored';
  switch (event.action) {
    case 'closed':
    case 'reopened': {
      const patch = statePatch(item, { state: event.action === 'closed' ? 'closed' : 'open', closedAt: issue.closedAt }, deps.clock.now());
      if (patch) await applyStateChange(deps, item, patch);
      return 'handled';
    }
    case 'assigned':
    case 'unassigned': {
      const login = issue.assignees[0];
      await deps.store.actionItems.update(item.id, { ownerGithub: login ?? null, ownerSlackId: slackUserOf(deps, login) ?? item.ownerSlackId });
      return 'handled';
    }
    case 'edited':
      await edited(deps, item, issue);
      return 'handled';
    default:
      return 'ignored';
  }
}

export function createHandleCodeHostWebhook(deps: PostmortemDeps): (event: CodeHostWebhookEvent) => Promise<'handled' | 'duplicate' | 'ignored'> {
  return async (event) => {
    if (!(await deps.store.inbound.recordOnce(CODE_HOST_WEBHOOK_SOURCE, event.id, deps.clock.now()))) return 'duplicate';
    try {
      if (event.event !== 'issues' || !event.issue) return 'ignored';
      return await handleIssue(deps, event, event.issue);
    } catch (err) {
      // Not handled after all: let GitHub's redelivery through.
      await deps.store.inbound.forget(CODE_HOST_WEBHOOK_SOURCE, event.id);
      throw err;
    }
  };
}

/** The backstop for missed webhooks: open items whose issue was closed meanwhile. Returns how many changed. */
export function createSyncOpenItems(deps: PostmortemDeps): () => Promise<number> {
  return async () => {
    let changed = 0;
    for (const item of await deps.store.actionItems.list({ state: 'open' })) {
      try {
        const issue = await deps.codeHost.getIssue(item.repository, item.issueNumber);
        const patch = issue ? statePatch(item, issue, deps.clock.now()) : null;
        if (!patch) continue;
        await applyStateChange(deps, item, patch);
        changed++;
      } catch (err) {
        deps.logger.warn({ err, actionItemId: item.id }, 'could not sync an action item from the code host');
      }
    }
    return changed;
  };
}
