/** Slack's Block Kit type names: blocks, elements, rich-text parts and composition text, for telling them from other `type` literals. */

const BLOCKS = ['actions', 'context', 'context_actions', 'divider', 'file', 'header', 'image', 'input', 'markdown', 'rich_text', 'section', 'table', 'video', 'call'];

const ELEMENTS = [
  'button', 'checkboxes', 'datepicker', 'datetimepicker', 'email_text_input', 'external_select', 'multi_external_select', 'file_input',
  'image', 'multi_static_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'number_input', 'overflow',
  'plain_text_input', 'radio_buttons', 'rich_text_input', 'static_select', 'users_select', 'conversations_select', 'channels_select',
  'timepicker', 'url_text_input', 'workflow_button', 'feedback_buttons', 'icon_button',
];

const RICH_TEXT = [
  'rich_text_section', 'rich_text_list', 'rich_text_quote', 'rich_text_preformatted',
  'text', 'link', 'user', 'channel', 'usergroup', 'broadcast', 'emoji', 'date', 'color',
];

/** Table cells that are not rich text. */
const CELLS = ['raw_text'];

export const TEXT_OBJECT_TYPES: ReadonlySet<string> = new Set(['plain_text', 'mrkdwn']);

export const BLOCK_KIT_TYPES: ReadonlySet<string> = new Set([...BLOCKS, ...ELEMENTS, ...RICH_TEXT, ...CELLS, ...TEXT_OBJECT_TYPES]);
