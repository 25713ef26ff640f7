/** PostmortemViews (src/core/ports/views.ts) plus the postmortem modal and review, for the Slack edges. */
import type { SeverityPolicy } from '../../core/incident/settings.js';
import type { PostmortemViews } from '../../core/ports.js';
import type { TemplateRenderer } from '../render.js';
import { POSTMORTEM_MODAL_CALLBACK_ID } from './action-ids.js';
import { createPostmortemIssueViews } from './issue-views.js';
import { postmortemModal, readPostmortemModal } from './modal.js';
import { createPostmortemMessages } from './slack-messages.js';

export interface PostmortemViewsOptions {
  renderer: TemplateRenderer;
  timeZone: string;
  /** Gives severity labels in the issue; optional. */
  severities?: readonly SeverityPolicy[];
}

export type PostmortemTemplates = PostmortemViews & {
  postmortemModal: typeof postmortemModal;
  readPostmortemModal: typeof readPostmortemModal;
  postmortemReview: ReturnType<typeof createPostmortemMessages>['postmortemReview'];
  publishedReply: ReturnType<typeof createPostmortemMessages>['publishedReply'];
  modalCallbackId: typeof POSTMORTEM_MODAL_CALLBACK_ID;
};

export function createPostmortemViews(options: PostmortemViewsOptions): PostmortemTemplates {
  return {
    ...createPostmortemIssueViews(options.renderer, options.severities),
    ...createPostmortemMessages(options.timeZone),
    postmortemModal,
    readPostmortemModal,
    modalCallbackId: POSTMORTEM_MODAL_CALLBACK_ID,
  };
}

export { POSTMORTEM_EDIT_OPEN_ACTION_ID, POSTMORTEM_MODAL_CALLBACK_ID, POSTMORTEM_PUBLISH_ACTION_ID } from './action-ids.js';
export { ACTION_ITEM_SLOTS, actionItemSlotIds, POSTMORTEM_MODAL_IDS, postmortemModal, readPostmortemModal, slotKey, type PostmortemModalState } from './modal.js';
export { PRIORITY_MEANINGS, ROOT_CAUSE_LABELS } from './issue-views.js';
