/** IncidentViews as plain one-line text: enough for tests to see what was rendered with which data. */
import type { Incident } from '../../../src/core/incident/model.js';
import type { IncidentViews, PagedResponder } from '../../../src/core/ports.js';

const when = (date: Date | null): string => (date ? date.toISOString() : 'none');
const people = (responders: PagedResponder[]): string =>
  responders.map((r) => `${r.slackUserId ? `<@${r.slackUserId}>` : r.name}${r.level === null ? '' : ` (L${r.level})`}`).join(', ') || 'nobody';
const agent = (by: { name: string; slackUserId: string | null } | null): string => (by ? (by.slackUserId ? `<@${by.slackUserId}>` : by.name) : 'someone');

export function createFakeViews(options: { commanderRole?: string } = {}): IncidentViews {
  const commanderRole = options.commanderRole ?? 'commander';
  const ic = (incident: Incident): string => {
    const user = incident.roles[commanderRole];
    return user ? `<@${user}>` : 'nobody';
  };
  const ref = (incident: Incident): string => `INC-${incident.id}`;
  return {
    topic: (incident) => `${incident.severity} | ${incident.state} | IC ${ic(incident)}`,
    purpose: (incident) => `${ref(incident)}: ${incident.title}`,
    declaration: (incident, { nextUpdateDue, policy }) => ({
      text: `declaration ${ref(incident)} ${incident.severity} (${policy.label}): ${incident.title} | IC ${ic(incident)} | next update ${when(nextUpdateDue)}`,
    }),
    announcement: (incident) => ({
      text: `announcement ${ref(incident)} ${incident.severity} ${incident.state} IC ${ic(incident)} in <#${incident.channelId ?? 'none'}>${incident.lastUpdateText ? ` | last update: ${incident.lastUpdateText}` : ''}`,
    }),
    severityChanged: (incident, { from, to, actor }) => ({ text: `severity ${ref(incident)} ${from} -> ${to} by <@${actor}>` }),
    roleAssigned: (incident, { role, userId, actor }) => ({ text: `role ${ref(incident)} ${role} -> <@${userId}> by <@${actor}>` }),
    statusUpdate: (incident, { text, actor, nextUpdateDue }) => ({ text: `update ${ref(incident)} from <@${actor}>: ${text} | next update ${when(nextUpdateDue)}` }),
    stateChanged: (incident, { actor, note }) => ({ text: `state ${ref(incident)} ${incident.state} by <@${actor}>${note ? `: ${note}` : ''}` }),
    reminder: (incident, { attempt, overdueMinutes, snoozeMinutes }) => ({
      text: `reminder ${ref(incident)} attempt ${attempt} for ${ic(incident)}: overdue ${overdueMinutes} min (snooze ${snoozeMinutes})`,
    }),
    problems: (incident, problems) => ({ text: `problems ${ref(incident)}: ${problems.join(' | ')}` }),
    paged: (incident, page) => ({
      text: `paged ${ref(incident)} ${page.severity ?? `by <@${page.requestedBy}>`} ${page.urgency ?? 'unknown'}: ${people(page.responders)} | ack by ${when(page.ackBy)} | ${page.link ?? 'no link'}`,
    }),
    pageFailed: (incident, { severity, reason }) => ({ text: `page failed ${ref(incident)} ${severity ?? 'manual'}: ${reason} [retry ${incident.id}]` }),
    ackOverdue: (incident, overdue) => ({
      text: `ack overdue ${ref(incident)} level ${overdue.level} (${overdue.deadlineMinutes} min) for ${ic(incident)}: ${
        overdue.escalatedTo ? `escalated to level ${overdue.escalatedTo.level} (${people(overdue.escalatedTo.responders)})` : `not escalated: ${overdue.notEscalated}`
      }`,
    }),
    pageAcknowledged: (incident, ack) => ({ text: `page acknowledged ${ref(incident)} by ${agent(ack.by)} at ${when(ack.at)} after ${ack.afterMs ?? 'unknown'}ms` }),
    pageResolved: (incident, resolved) => ({ text: `page resolved ${ref(incident)} by ${agent(resolved.by)}: resolve? ${ic(incident)} [resolve ${incident.id}]` }),
    pageTriggered: (page) => ({ text: `page triggered on ${page.service} (${page.urgency ?? 'unknown'}): ${page.title} #${page.number ?? '?'} [declare ${page.declareValue}]` }),
  };
}
