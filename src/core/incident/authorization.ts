/**
 * Who may change an incident: its role holders, and members of the configured responders group.
 * A failing group lookup narrows the check to role holders (logged) rather than locking everyone out.
 */
import { DomainError } from '../errors.js';
import type { Actor } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { roleLabel } from './roles.js';

function whoMay(deps: IncidentDeps, incident: Incident): string {
  const holders = Object.entries(incident.roles).map(([role, userId]) => `<@${userId}> (${roleLabel(deps.settings.roles, role)})`);
  const parts = holders.length > 0 ? [`the incident's role holders: ${holders.join(', ')}`] : [];
  if (deps.settings.respondersGroup) parts.push(`members of the responders group <!subteam^${deps.settings.respondersGroup}>`);
  return parts.length > 0 ? parts.join(', and ') : 'nobody yet (no roles are assigned and no responders group is configured)';
}

/** Throws FORBIDDEN, naming who may, unless `actor` may `action` (e.g. "change the severity") on `incident`. */
export async function authorize(deps: IncidentDeps, incident: Incident, actor: Actor, action: string): Promise<void> {
  if (Object.values(incident.roles).includes(actor.userId)) return;
  const group = deps.settings.respondersGroup;
  if (group) {
    try {
      if ((await deps.chat.usersInGroup(group)).includes(actor.userId)) return;
    } catch (err) {
      deps.logger.warn({ err, group, incidentId: incident.id }, 'responders group lookup failed; only role holders are allowed');
    }
  }
  throw new DomainError('FORBIDDEN', `You are not allowed to ${action} (INC-${incident.id}). Only ${whoMay(deps, incident)} can.`, {
    action,
    allowedUsers: Object.values(incident.roles),
    respondersGroup: group,
  });
}
