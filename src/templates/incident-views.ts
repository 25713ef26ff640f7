/**
 * IncidentViews (src/core/ports.ts): everything the incident core posts, as fallback text plus Block Kit.
 * Editable wording lives in hbs/*.mrkdwn.hbs; structure and Slack's limits live here and in blocks/kit.ts.
 */
import type { Incident } from '../core/incident/model.js';
import type { RoleDefinition, SeverityPolicy } from '../core/incident/settings.js';
import type { IncidentViews } from '../core/ports.js';
import { SNOOZE_REMINDER_ACTION_ID } from './blocks/action-ids.js';
import { actions, type Block, button, context, header, message, sections, truncate } from './blocks/kit.js';
import { escapeMrkdwn, escapeMrkdwnMessage, plainText } from './escape.js';
import { createOnCallViews } from './oncall-views.js';
import type { TemplateRenderer } from './render.js';
import { commanderOf, incidentModel, roleLabel, severityOf, severityRank, stateLabel, type ViewContext } from './view-model.js';

export interface IncidentViewsOptions {
  renderer: TemplateRenderer;
  timeZone: string;
  roles: RoleDefinition[];
  /** Gives labels, policies and ranks (raised/lowered); without it names are shown as they are. */
  severities?: SeverityPolicy[];
  commanderRole?: string;
}

/** Slack's limit for topics and purposes. */
export const TOPIC_MAX = 250;

/** Plain-text headline; private incidents keep their title inside the war room. */
const headline = (incident: Incident, inWarRoom: boolean): string =>
  incident.isPrivate && !inWarRoom ? `${incident.severity} private incident #${incident.id}` : `${incident.severity} incident #${incident.id}: ${incident.title}`;

/** The same as mrkdwn for notification text. */
const headlineMrkdwn = (incident: Incident, inWarRoom: boolean): string =>
  incident.isPrivate && !inWarRoom
    ? `${escapeMrkdwn(incident.severity)} private incident #${incident.id}`
    : `${escapeMrkdwn(incident.severity)} incident #${incident.id}: ${escapeMrkdwn(incident.title)}`;

export function createIncidentViews(options: IncidentViewsOptions): IncidentViews {
  const ctx: ViewContext = { roles: options.roles, severities: options.severities, commanderRole: options.commanderRole };
  const { renderer } = options;
  const model = (incident: Incident) => incidentModel(ctx, incident);
  const body = (name: string, data: object): Block[] => sections(renderer.render(name, data));

  return {
    ...createOnCallViews(renderer, ctx),

    topic(incident) {
      const commander = commanderOf(ctx, incident);
      const prefix = `${plainText(incident.severity)} · ${stateLabel(incident.state)} · IC ${commander ? `<@${commander}>` : 'unassigned'} · `;
      const title = incident.isPrivate ? `private incident #${incident.id}` : plainText(incident.title);
      return prefix + truncate(title, Math.max(1, TOPIC_MAX - prefix.length));
    },

    purpose(incident) {
      const label = severityOf(ctx, incident.severity)?.label;
      const service = incident.service ? ` · service ${plainText(incident.service)}` : '';
      const prefix = `War room for incident #${incident.id} (${plainText(incident.severity)}${label ? ` ${plainText(label)}` : ''})${service}: `;
      return prefix + truncate(plainText(incident.title), Math.max(1, TOPIC_MAX - prefix.length));
    },

    declaration(incident, { nextUpdateDue, policy }) {
      const text = renderer.render('declaration.mrkdwn', { ...model(incident), policy, nextUpdateDue });
      return message(`:rotating_light: ${headlineMrkdwn(incident, true)} declared`, [
        header(`:rotating_light: ${headline(incident, true)}`),
        ...sections(text),
        context('Status update: `/incident update &lt;text&gt;` · Overview: `/incident status` · Every command: `/incident help`'),
      ]);
    },

    announcement(incident) {
      const text = `${headlineMrkdwn(incident, false)} · ${stateLabel(incident.state)}`;
      return message(text, body('announcement.mrkdwn', model(incident)));
    },

    severityChanged(incident, { from, to, actor }) {
      const fromRank = severityRank(ctx, from);
      const toRank = severityRank(ctx, to);
      // Rank 0 is the most severe: a smaller rank is a raise.
      const direction = fromRank === null || toRank === null || fromRank === toRank ? 'changed' : toRank < fromRank ? 'raised' : 'lowered';
      const policy = severityOf(ctx, to);
      const data = { ...model(incident), from, to, actor, direction, policy, severityLabel: policy?.label ?? null };
      return message(`${headlineMrkdwn(incident, false)}: severity ${direction} from ${escapeMrkdwn(from)} to ${escapeMrkdwn(to)}`, body('severity-changed.mrkdwn', data));
    },

    roleAssigned(incident, { role, userId, actor }) {
      const data = { ...model(incident), role, roleLabel: roleLabel(ctx, role), userId, actor, isCommander: role === (ctx.commanderRole ?? 'commander') };
      return message(`${escapeMrkdwn(roleLabel(ctx, role))}: <@${userId}>`, body('role-assigned.mrkdwn', data));
    },

    statusUpdate(incident, { text, actor, nextUpdateDue }) {
      const data = { ...model(incident), text, actor, nextUpdateDue };
      return message(`Status update for ${headlineMrkdwn(incident, false)}: ${escapeMrkdwnMessage(text)}`, body('status-update.mrkdwn', data));
    },

    stateChanged(incident, { actor, note }) {
      const policy = severityOf(ctx, incident.severity);
      const data = {
        ...model(incident),
        actor,
        note,
        postmortemRequired: policy?.postmortemRequired ?? false,
        postmortemDueHours: policy?.postmortemDueHours ?? null,
      };
      return message(`${headlineMrkdwn(incident, true)} is ${stateLabel(incident.state).toLowerCase()}`, body('state-changed.mrkdwn', data));
    },

    reminder(incident, { attempt, overdueMinutes, snoozeMinutes }) {
      const level = Math.min(Math.max(1, attempt), 3);
      const data = { ...model(incident), attempt, level, overdueMinutes, snoozeMinutes };
      const wording = ['Status update due', 'Status update overdue', 'Status update still missing'][level - 1];
      return message(`${wording} for ${headlineMrkdwn(incident, true)}`, [
        ...sections(renderer.render('reminder.mrkdwn', data)),
        actions([button(`Snooze ${snoozeMinutes} min`, SNOOZE_REMINDER_ACTION_ID, String(incident.id))], `reminder_${incident.id}`),
      ]);
    },

    problems(incident, problems) {
      const data = { ...model(incident), problems, count: problems.length };
      return message(`Problems while handling incident #${incident.id}: ${problems.map(escapeMrkdwn).join('; ')}`, body('problems.mrkdwn', data));
    },
  };
}
