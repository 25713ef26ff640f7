/**
 * The weekly poll behind the webhook: GitHub's label search says which action items are still open. An item open
 * in the store but absent from that answer is looked up (it may have lost its label rather than been closed);
 * if GitHub says closed, the store follows. One search (every page) plus a bounded number of lookups per review.
 */
import { describeError } from '../errors.js';
import type { ActionItem } from '../postmortem/model.js';
import type { ReviewSync } from './api.js';
import { OPEN_ACTIONS_QUERY, type FollowupDeps } from './deps.js';

/** Lookups of items missing from the search, per review; the rest wait for next week (or the webhook). */
export const MAX_LOOKUPS = 100;

const issueKey = (repository: string, number: number): string => `${repository.toLowerCase()}#${number}`;

type BackstopDeps = Pick<FollowupDeps, 'codeHost' | 'store' | 'clock' | 'logger'>;

/** Refreshes `open` (items open in the store) from GitHub; returns the items still open and what changed. */
export async function refreshFromGitHub(deps: BackstopDeps, open: ActionItem[]): Promise<{ open: ActionItem[]; sync: ReviewSync }> {
  const { codeHost, store, logger } = deps;
  const status = codeHost.status();
  if (!status.configured) {
    return { open, sync: { source: 'store', note: `GitHub is not configured (${status.detail}): open items are as Warroom last recorded them.`, openOnGitHub: 0, closedOnGitHub: [] } };
  }
  let openKeys: Set<string>;
  let found = 0;
  try {
    const issues = await codeHost.searchIssues(OPEN_ACTIONS_QUERY);
    found = issues.length;
    openKeys = new Set(issues.filter((i) => i.state === 'open').map((i) => issueKey(i.repository, i.number)));
  } catch (err) {
    logger.warn({ err }, 'weekly review: GitHub search failed; using the store alone');
    return { open, sync: { source: 'store', note: `GitHub could not be searched (${describeError(err)}): open items are as Warroom last recorded them.`, openOnGitHub: 0, closedOnGitHub: [] } };
  }
  const missing = open.filter((i) => !openKeys.has(issueKey(i.repository, i.issueNumber)));
  if (missing.length > MAX_LOOKUPS) logger.warn({ missing: missing.length, checked: MAX_LOOKUPS }, 'weekly review: many items missing from the search; checking some now');
  const closed: ActionItem[] = [];
  for (const item of missing.slice(0, MAX_LOOKUPS)) {
    try {
      const issue = await codeHost.getIssue(item.repository, item.issueNumber);
      if (issue?.state !== 'closed') continue; // relabelled or gone: nothing we can conclude
      closed.push(
        await store.actionItems.update(item.id, {
          state: 'closed',
          closedAt: issue.closedAt ?? deps.clock.now(),
          // Done means validated: closing on GitHub without the note is flagged.
          flaggedUnvalidated: !item.validationNote,
        }),
      );
    } catch (err) {
      logger.warn({ err, itemId: item.id, issue: `${item.repository}#${item.issueNumber}` }, 'weekly review: could not check an action item on GitHub');
    }
  }
  const closedIds = new Set(closed.map((i) => i.id));
  return {
    open: open.filter((i) => !closedIds.has(i.id)),
    sync: { source: 'github', note: null, openOnGitHub: found, closedOnGitHub: closed },
  };
}
