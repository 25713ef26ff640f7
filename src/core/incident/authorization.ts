/**
 * Who may change an incident: its role holders, and members of the configured responders group.
 * A failing group lookup narrows the check to role holders (logged) rather than locking everyone out.
 */
import { DomainError } from '../errors.js';
import type { Actor } from './api.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { roleLabel } from './roles.js';

/** What a permission check needs; the postmortem core passes its own settings in the same shape. */
export type AuthorizationDeps = Pick<IncidentDeps, 'settings' | 'chat' | 'logger'>;

/** Someone allowed besides role holders and responders (an action item's owner), with how to name them. */
export interface AlsoAllowed {
  userId: string | null;
  label: string;
}

function whoMay(deps: AuthorizationDeps, incident: Incident, also: AlsoAllowed | null): string {
  const holders = Object.entries(incident.roles).map(([role, userId]) => `<@${userId}> (${roleLabel(deps.settings.roles, role)})`);
  const parts = holders.length > 0 ? [`the incident's role holders: ${holders.join(', ')}`] : [];
  if (also?.userId) parts.push(`${also.label} <@${also.userId}>`);
  if (deps.settings.respondersGroup) parts.push(`members of the responders group <!subteam^${deps.settings.respondersGroup}>`);
  return parts.length > 0 ? parts.join(', and ') : 'nobody yet (no roles are assigned and no responders group is configured)';
}

/** Throws FORBIDDEN, naming who may, unless `actor` may `action` (e.g. "change the severity") on `incident`. */
export async function authorize(deps: AuthorizationDeps, incident: Incident, actor: Actor, action: string, also: AlsoAllowed | null = null): Promise<void> {
  if (Object.values(incident.roles).includes(actor.userId) || (also?.userId && also.userId === actor.userId)) return;
  const group = deps.settings.respondersGroup;
  if (group) {
    try {
      if ((await deps.chat.usersInGroup(group)).includes(actor.userId)) return;
    } catch (err) {
      deps.logger.warn({ err, group, incidentId: incident.id }, 'responders group lookup failed; only role holders are allowed');
    }
  }
  throw new DomainError('FORBIDDEN', `You are not allowed to ${action} (INC-${incident.id}). Only ${whoMay(deps, incident, also)} can.`, {
    action,
    allowedUsers: Object.values(incident.roles),
    respondersGroup: group,
  });
}
