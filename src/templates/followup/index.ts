/** FollowupViews: the weekly digest, owners' DMs, `/incident actions` and `/incident stats`. */
import type { FollowupViews } from '../../core/ports.js';
import { createTimeFormat } from '../format.js';
import type { TemplateRenderer } from '../render.js';
import { ownerMessage } from './owner-message.js';
import { reviewMessage } from './review-message.js';
import { statsMessage } from './stats-message.js';

export { ACTION_ITEM_DONE_ACTION_ID, ACTION_ITEM_RESCHEDULE_ACTION_ID, ACTION_ITEM_SNOOZE_ACTION_ID } from './action-ids.js';
export { LIST_LIMIT } from './review-message.js';
export { OWNER_ITEM_LIMIT } from './owner-message.js';

export function createFollowupViews(options: { renderer: TemplateRenderer; timeZone: string }): FollowupViews {
  const { renderer } = options;
  const time = createTimeFormat(options.timeZone);
  return {
    weeklyDigest: (report) => reviewMessage(renderer, time, report, 'Weekly review of postmortem action items'),
    ownerDigest: (owner, items) => ownerMessage(renderer, owner, items),
    actionsReport: (report) => reviewMessage(renderer, time, report, 'Postmortem action items'),
    statsReport: (stats) => statsMessage(renderer, time, stats),
  };
}
