/** What the postmortem core posts in Slack, and the review shown after saving a draft. */
import type { Incident } from '../../core/incident/model.js';
import type { ChatMessage } from '../../core/ports.js';
import type { PublishResult } from '../../core/postmortem/api.js';
import type { ActionItem, LintFinding, Postmortem } from '../../core/postmortem/model.js';
import { actions, button, context, message, section, sections } from '../blocks/kit.js';
import { escapeMrkdwn } from '../escape.js';
import { createTimeFormat } from '../format.js';
import { POSTMORTEM_EDIT_OPEN_ACTION_ID, POSTMORTEM_PUBLISH_ACTION_ID } from './action-ids.js';

const ref = (incident: Incident): string => `${escapeMrkdwn(incident.severity)} incident #${incident.id}`;
/** A Slack link to a URL we made (GitHub issue URLs): no user text inside. */
const link = (url: string, label: string): string => (/^https?:\/\/[^\s<>|]+$/.test(url) ? `<${url}|${escapeMrkdwn(label)}>` : escapeMrkdwn(label));
const itemLine = (item: ActionItem): string =>
  `• ${link(item.issueUrl, `#${item.issueNumber}`)} ${escapeMrkdwn(item.description)} (${item.priority}, due ${item.dueDate}${item.ownerSlackId ? `, <@${item.ownerSlackId}>` : ', no owner'})`;

export function createPostmortemMessages(timeZone: string) {
  const times = createTimeFormat(timeZone);
  return {
    postmortemPublished(incident: Incident, published: { url: string; actionItems: ActionItem[] }): ChatMessage {
      const head = `:memo: The postmortem of ${ref(incident)} is published: ${link(published.url, 'postmortem issue')}`;
      const items = published.actionItems.length > 0 ? `*Action items*\n${published.actionItems.map(itemLine).join('\n')}` : '_No action items._';
      return message(head, [section(head), ...sections(items), context('Re-publishing after an edit updates the same issues.')]);
    },

    postmortemDue(incident: Incident, due: { commanderId: string | null; dueAt: Date; attempt: number }): ChatMessage {
      const who = due.commanderId ? `<@${due.commanderId}>` : 'Commander (nobody holds the role)';
      const text = `:alarm_clock: ${who}, the postmortem of ${ref(incident)} was due ${times.dateTime(due.dueAt)}. Write it with \`/incident postmortem\` and publish it; reminders stop once it is published.`;
      return message(text, [section(text), actions([button('Write the postmortem', POSTMORTEM_EDIT_OPEN_ACTION_ID, String(incident.id), 'primary')])]);
    },

    actionItemClosedUnvalidated(incident: Incident, item: ActionItem): ChatMessage {
      const owner = item.ownerSlackId ? ` <@${item.ownerSlackId}>,` : '';
      const text = `:warning:${owner} action item ${link(item.issueUrl, `#${item.issueNumber}`)} (${escapeMrkdwn(item.description)}) of ${ref(incident)} was closed on GitHub without a validation note. Done means validated: add how you know it works (Done in the weekly review, or a \`Validated: …\` comment).`;
      return message(text, [section(text)]);
    },

    incidentClosed(incident: Incident, closed: { actionItems: ActionItem[] }): ChatMessage {
      const text = `:white_check_mark: Every action item of ${ref(incident)} is closed (${closed.actionItems.length}), so the incident is now *closed*. This channel can be archived: use the channel settings (Warroom does not archive channels itself).`;
      return message(text, [section(text), ...sections(closed.actionItems.map(itemLine).join('\n'))]);
    },

    /** The reply to whoever pressed Publish. */
    publishedReply(result: PublishResult): ChatMessage {
      const url = result.postmortem.issueUrl ?? '';
      const text = `:white_check_mark: Published ${link(url, 'the postmortem')}: ${result.created} issue${result.created === 1 ? '' : 's'} created, ${result.updated} updated.`;
      return message(text, [section(text)]);
    },

    /** After saving: the suggestions (never blocking) and the Publish / Edit buttons. */
    postmortemReview(postmortem: Postmortem, lint: LintFinding[]): ChatMessage {
      const id = String(postmortem.incidentId);
      const head = lint.length === 0
        ? `:white_check_mark: The postmortem draft of incident #${postmortem.incidentId} is saved. No suggestions: it reads blameless and its action items are specific.`
        : `:memo: The postmortem draft of incident #${postmortem.incidentId} is saved. ${lint.length} suggestion${lint.length === 1 ? '' : 's'} before publishing (none blocks it):`;
      const list = lint.map((f) => `• \`${escapeMrkdwn(f.field)}\` ${escapeMrkdwn(f.message)}`).join('\n');
      const published = postmortem.issueUrl ? context(`Published: ${link(postmortem.issueUrl, 'postmortem issue')} (publishing again updates it)`) : null;
      return message(head, [
        section(head),
        ...(list ? sections(list) : []),
        published,
        actions([button('Publish to GitHub', POSTMORTEM_PUBLISH_ACTION_ID, id, 'primary'), button('Edit', POSTMORTEM_EDIT_OPEN_ACTION_ID, id)]),
      ]);
    },
  };
}
