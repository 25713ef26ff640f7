export { DECLARE_FROM_PAGE_ACTION_ID, RESOLVE_FROM_PAGE_ACTION_ID, RETRY_PAGE_ACTION_ID, SNOOZE_REMINDER_ACTION_ID } from './blocks/action-ids.js';
export {
  buildDeclareModal,
  DECLARE_MODAL_CALLBACK_ID,
  DECLARE_MODAL_IDS,
  readDeclareModal,
  type ModalActionState,
  type ModalStateValues,
} from './blocks/declare-modal.js';
export { LIMITS, type Block } from './blocks/kit.js';
export { escapeMarkdown, escapeMrkdwn, escapeMrkdwnMessage, escapeText, plainText } from './escape.js';
export { createTimeFormat, formatDuration, formatRelative, type TimeFormat } from './format.js';
export { createIncidentViews, TOPIC_MAX, type IncidentViewsOptions } from './incident-views.js';
export { BUILTIN_TEMPLATES_DIR, createTemplateRenderer, type TemplateRenderer, type TemplateRendererOptions } from './render.js';
export { decodeSlackText } from './slack-text.js';
export { createIncidentResponses, type IncidentResponses, type IncidentResponsesOptions } from './responses.js';
export type { OnCallResponses } from './oncall-responses.js';
