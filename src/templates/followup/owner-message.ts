/** An owner's DM: each open item with Done, New due date and Snooze a week. */
import type { ReviewItem } from '../../core/followup/api.js';
import type { ChatMessage } from '../../core/ports.js';
import { actions, button, context, header, LIMITS, message, section, type Block } from '../blocks/kit.js';
import { escapeMrkdwn, isSlackUserId } from '../escape.js';
import type { TemplateRenderer } from '../render.js';
import { ACTION_ITEM_DONE_ACTION_ID, ACTION_ITEM_RESCHEDULE_ACTION_ID, ACTION_ITEM_SNOOZE_ACTION_ID } from './action-ids.js';
import { itemLine } from './review-message.js';

/** Two blocks an item (text, buttons) plus header, intro and "and N more" stay under Slack's 50. */
export const OWNER_ITEM_LIMIT = Math.floor((LIMITS.messageBlocks - 4) / 2);

export function ownerMessage(renderer: TemplateRenderer, ownerSlackId: string, items: ReviewItem[]): ChatMessage {
  const shown = items.slice(0, OWNER_ITEM_LIMIT);
  const more = items.length - shown.length;
  const overdue = items.filter((r) => r.daysOverdue !== null).length;
  const blocks: Block[] = [
    header('Your postmortem action items'),
    context(`${isSlackUserId(ownerSlackId) ? `<@${ownerSlackId}>` : escapeMrkdwn(ownerSlackId)}, ${items.length} open${overdue ? `, ${overdue} overdue` : ''}. Done asks for the validation note: done means validated.`),
  ];
  for (const r of shown) {
    const id = String(r.item.id);
    blocks.push(section(renderer.render('action-item.mrkdwn', itemLine(r))));
    blocks.push(
      actions(
        [button('Done', ACTION_ITEM_DONE_ACTION_ID, id, 'primary'), button('New due date', ACTION_ITEM_RESCHEDULE_ACTION_ID, id), button('Snooze a week', ACTION_ITEM_SNOOZE_ACTION_ID, id)],
        `action_item_${id}`,
      ),
    );
  }
  if (more > 0) blocks.push(context(`and ${more} more: see \`/incident actions\``));
  return message(`You have ${items.length} open postmortem action item${items.length === 1 ? '' : 's'}${overdue ? ` (${overdue} overdue)` : ''}`, blocks);
}
