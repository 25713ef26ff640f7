/** The longer ephemeral replies: status of one incident, a page of its timeline, the open incidents. */
import type { IncidentStatus, TimelinePage } from '../core/incident/api.js';
import type { Incident, TimelineEvent, TimelineKind } from '../core/incident/model.js';
import type { IncidentSettings } from '../core/incident/settings.js';
import type { ChatMessage } from '../core/ports.js';
import { context, fields, header, message, sections, truncate } from './blocks/kit.js';
import { escapeMrkdwn } from './escape.js';
import { createTimeFormat, formatDuration } from './format.js';
import type { TemplateRenderer } from './render.js';
import { decodeSlackText } from './slack-text.js';
import { commanderOf, incidentModel, severityRank, stateEmoji, stateLabel, type ViewContext } from './view-model.js';

export interface ResponsePages {
  status(status: IncidentStatus): ChatMessage;
  timelinePage(page: TimelinePage): ChatMessage;
  list(incidents: Incident[]): ChatMessage;
}

const ICONS: Record<TimelineKind, string> = {
  message: ':speech_balloon:',
  declared: ':rotating_light:',
  severity_changed: ':arrows_counterclockwise:',
  role_assigned: ':bust_in_silhouette:',
  status_update: ':mega:',
  note: ':memo:',
  reminder: ':alarm_clock:',
  reminder_snoozed: ':zzz:',
  mitigated: ':large_yellow_circle:',
  resolved: ':large_green_circle:',
  integration_problem: ':warning:',
  bot_action: ':robot_face:',
  paged: ':pager:',
  page_acknowledged: ':white_check_mark:',
  page_escalated: ':arrow_double_up:',
  page_resolved: ':ballot_box_with_check:',
};

/** Long messages in a timeline listing are cut: the page is a summary, the channel has the full text. */
const EVENT_TEXT_MAX = 400;

export function createResponsePages(options: { renderer: TemplateRenderer; ctx: ViewContext; settings: IncidentSettings }): ResponsePages {
  const { renderer, ctx, settings } = options;
  const times = createTimeFormat(settings.timeZone);
  const title = (incident: Incident) => `${incident.severity} incident #${incident.id}: ${incident.title}`;

  const entry = (event: TimelineEvent) =>
    renderer.render('timeline-entry.mrkdwn', {
      ...event,
      // Captured messages are stored as Slack sent them (`&lt;`, `<url|label>`): decode before escaping again.
      text: truncate((event.kind === 'message' ? decodeSlackText(event.text) : event.text).replace(/\s+/g, ' '), EVENT_TEXT_MAX),
      icon: ICONS[event.kind] ?? ':small_blue_diamond:',
      isKey: event.marks.length > 0,
      edited: event.editedAt !== null,
    });

  return {
    status({ incident, policy, durations, nextUpdateDue, lastUpdate }) {
      const roles = Object.entries(incident.roles)
        .filter(([key]) => key !== (settings.commanderRole ?? 'commander'))
        .map(([key, user]) => `${escapeMrkdwn(ctx.roles.find((r) => r.key === key)?.label ?? key)}: <@${user}>`);
      const commander = commanderOf(ctx, incident);
      const body = renderer.render('status.mrkdwn', { ...incidentModel(ctx, incident), policy, nextUpdateDue, lastUpdate });
      return message(`Status of ${escapeMrkdwn(title(incident))}: ${stateLabel(incident.state)}`, [
        header(title(incident)),
        fields([
          ['Status', `${stateEmoji(incident.state)} ${stateLabel(incident.state)}`],
          ['Severity', `${escapeMrkdwn(policy.name)} · ${escapeMrkdwn(policy.label)}`],
          ['Commander', commander ? `<@${commander}>` : 'unassigned'],
          ['Other roles', roles.join('\n') || null],
          ['Declared', `${times.dateTime(incident.declaredAt)} (${formatDuration(durations.sinceDeclared)} ago)`],
          ['Service', incident.service ? escapeMrkdwn(incident.service) : null],
          ['Time to detect', durations.toDetect !== null ? formatDuration(durations.toDetect) : null],
          ['Time to mitigate', durations.toMitigate !== null ? formatDuration(durations.toMitigate) : null],
          ['Time to resolve', durations.toResolve !== null ? formatDuration(durations.toResolve) : null],
          ['War room', incident.channelId ? `<#${incident.channelId}>` : null],
        ]),
        ...sections(body),
      ]);
    },

    timelinePage({ incident, events, page, pageCount, total }) {
      const lines: string[] = [];
      let day = '';
      for (const event of events) {
        const eventDay = times.day(event.occurredAt);
        if (eventDay !== day) lines.push(`*${eventDay}*`);
        day = eventDay;
        lines.push(entry(event));
      }
      const nav = [
        page > 1 ? `previous: \`/incident timeline ${page - 1}\`` : null,
        page < pageCount ? `next: \`/incident timeline ${page + 1}\`` : null,
      ].filter(Boolean);
      const summary = `Page ${page} of ${Math.max(pageCount, 1)} · ${total} event${total === 1 ? '' : 's'}`;
      return message(`Timeline of ${escapeMrkdwn(title(incident))} (${summary})`, [
        header(`Timeline · ${title(incident)}`),
        ...(lines.length ? sections(lines.join('\n')) : sections('_No events on this page._')),
        context([summary, ...nav].join(' · ')),
      ]);
    },

    list(incidents) {
      if (incidents.length === 0) return message(':white_check_mark: No open incidents.', sections(':white_check_mark: No open incidents.'));
      // Most severe first (rank order from config), then oldest first.
      const sorted = [...incidents].sort(
        (a, b) => (severityRank(ctx, a.severity) ?? 99) - (severityRank(ctx, b.severity) ?? 99) || a.declaredAt.getTime() - b.declaredAt.getTime(),
      );
      const lines = sorted.map((incident) => renderer.render('list-entry.mrkdwn', incidentModel(ctx, incident)));
      const heading = `${incidents.length} open incident${incidents.length === 1 ? '' : 's'}`;
      return message(heading, [header(heading), ...sections(lines.join('\n'))]);
    },
  };
}
