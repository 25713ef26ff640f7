/**
 * Ephemeral replies of the `/incident` edge (and DMs after the declare modal). Each returns a ChatMessage:
 * escaped fallback text plus blocks. Lists and pages are in response-pages.ts.
 */
import type { ChangeResult, DeclareResult, Durations } from '../core/incident/api.js';
import type { IncidentSettings } from '../core/incident/settings.js';
import { isDomainError } from '../core/errors.js';
import type { ChatMessage } from '../core/ports.js';
import { context, message, sections } from './blocks/kit.js';
import { escapeMrkdwn, escapeText } from './escape.js';
import { createTimeFormat, formatDuration } from './format.js';
import type { TemplateRenderer } from './render.js';
import { createOnCallResponses, type OnCallResponses } from './oncall-responses.js';
import { createResponsePages, type ResponsePages } from './response-pages.js';
import { roleLabel, type ViewContext } from './view-model.js';

export interface IncidentResponses extends ResponsePages, OnCallResponses {
  help(): ChatMessage;
  usageError(message: string): ChatMessage;
  failure(err: unknown): ChatMessage;
  declared(result: DeclareResult): ChatMessage;
  /** `what` names the command that changed something: severity, role, update, note, mitigated, resolve, snooze, page, retry. */
  changed(result: ChangeResult, what: string): ChatMessage;
  wrongPlace(subcommand: string): ChatMessage;
}

export interface IncidentResponsesOptions {
  renderer: TemplateRenderer;
  settings: IncidentSettings;
}

const GENERIC_FAILURE =
  ':warning: Sorry, that did not work because of a problem on Warroom’s side. Nothing may have changed: check with `/incident status`, then try again. If it keeps failing, tell whoever runs Warroom (the details are in its logs).';

const plainMessage = (text: string): ChatMessage => message(text, sections(text));

function durationsLine(durations: Durations): string {
  const parts = [
    durations.toMitigate !== null ? `time to mitigate ${formatDuration(durations.toMitigate)}` : null,
    durations.toResolve !== null ? `time to resolve ${formatDuration(durations.toResolve)}` : null,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

export function createIncidentResponses(options: IncidentResponsesOptions): IncidentResponses {
  const { renderer, settings } = options;
  const ctx: ViewContext = { roles: settings.roles, severities: settings.severities, commanderRole: settings.commanderRole };
  const times = createTimeFormat(settings.timeZone);

  function changedText(result: ChangeResult, what: string): string {
    const { incident } = result;
    const ref = `incident #${incident.id}`;
    switch (what) {
      case 'severity': {
        const from = 'from' in result && typeof result.from === 'string' ? ` (was ${escapeMrkdwn(result.from)})` : '';
        return `:white_check_mark: Severity of ${ref} is now *${escapeMrkdwn(incident.severity)}*${from}.`;
      }
      case 'role': {
        const holders = Object.entries(incident.roles).map(([key, user]) => `${escapeMrkdwn(roleLabel(ctx, key))} <@${user}>`);
        return `:white_check_mark: Role assigned. Roles now: ${holders.join(', ') || 'none'}.`;
      }
      case 'update':
        return ':white_check_mark: Status update posted; the reminder starts over.';
      case 'note':
        return ':white_check_mark: Note added to the timeline.';
      case 'mitigated':
        return `:white_check_mark: ${ref} marked mitigated; reminders stop. When it is over: \`/incident resolve [note]\`.`;
      case 'resolve': {
        const durations = 'durations' in result ? durationsLine(result.durations as Durations) : '';
        return `:white_check_mark: ${ref} resolved${durations}.`;
      }
      case 'page':
        return `:pager: On-call paged for ${ref}; who was paged is posted in the war room.`;
      case 'retry':
        return `:pager: Paging worked this time for ${ref}; who was paged is posted in the war room.`;
      case 'snooze':
        return 'until' in result && result.until instanceof Date
          ? `:zzz: Reminder snoozed until ${times.time(result.until)}.`
          : ':zzz: Reminder snoozed.';
      default:
        return ':white_check_mark: Done.';
    }
  }

  return {
    ...createResponsePages({ renderer, ctx, settings }),
    ...createOnCallResponses(renderer),

    help() {
      const text = renderer.render('help.mrkdwn', {
        severityNames: settings.severities.map((s) => s.name).join('|'),
        defaultSeverity: settings.defaultSeverity,
        timeZone: settings.timeZone,
        roleWords: settings.roles.map((r) => r.aliases[0] ?? r.key).join(', '),
        reactions: settings.keyEventReactions.map((r) => `:${r}:`).join(' or '),
      });
      return message('How to use /incident', sections(text));
    },

    usageError(text) {
      const body = `:question: ${escapeText(text)}`;
      return message(body, [...sections(body), context('Every command with an example: `/incident help`')]);
    },

    failure(err) {
      return isDomainError(err) ? plainMessage(`:warning: ${escapeText(err.message)}`) : plainMessage(GENERIC_FAILURE);
    },

    declared({ incident, created, problems }) {
      const where = incident.channelId ? `<#${incident.channelId}>` : 'its channel (not created yet)';
      const what = `*${escapeMrkdwn(incident.severity)}* incident #${incident.id}: ${escapeMrkdwn(incident.title)}`;
      const lines = created
        ? [`:rotating_light: Declared ${what}. War room: ${where}. You are the incident commander until you hand over with \`/incident role ic @someone\`.`]
        : [`:information_source: You declared this a moment ago: ${what}, war room ${where}. No second war room was opened.`];
      if (problems.length > 0) {
        lines.push(`:warning: Some steps did not work (also posted in the war room):`, ...problems.map((p) => `• ${escapeMrkdwn(p)}`));
      }
      return plainMessage(lines.join('\n'));
    },

    changed(result, what) {
      if (!result.changed) return plainMessage(`:information_source: Nothing changed: ${escapeText(result.reason ?? 'it already was that way')}.`.replace(/\.\.$/, '.'));
      return plainMessage(changedText(result, what));
    },

    wrongPlace(subcommand) {
      return plainMessage(
        `:round_pushpin: \`/incident ${escapeText(subcommand)}\` works inside an incident’s war room channel. Go to the incident’s channel (\`/incident list\` shows the open ones) and run it there.`,
      );
    },
  };
}
