/**
 * Who may change a postmortem and its action items: the incident's role holders and the responders group, as for
 * every incident change, plus (for an action item) its owner. A failing group lookup narrows the check (logged).
 */
import { DomainError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import type { Incident } from '../incident/model.js';
import type { PostmortemDeps } from './deps.js';

export async function authorizeChange(deps: PostmortemDeps, incident: Incident, actor: Actor, action: string, alsoAllowed: (string | null)[] = []): Promise<void> {
  if (Object.values(incident.roles).includes(actor.userId) || alsoAllowed.includes(actor.userId)) return;
  const group = deps.incidentSettings.respondersGroup;
  if (group) {
    try {
      if ((await deps.chat.usersInGroup(group)).includes(actor.userId)) return;
    } catch (err) {
      deps.logger.warn({ err, group, incidentId: incident.id }, 'responders group lookup failed; only role holders are allowed');
    }
  }
  const who = ['the incident\'s role holders', ...(alsoAllowed.some(Boolean) ? ['the owner'] : []), ...(group ? [`members of <!subteam^${group}>`] : [])];
  throw new DomainError('FORBIDDEN', `You are not allowed to ${action} (INC-${incident.id}). Only ${who.join(', ')} can.`, { action });
}

export async function requireIncident(deps: Pick<PostmortemDeps, 'store'>, incidentId: number): Promise<Incident> {
  const incident = await deps.store.incidents.get(incidentId);
  if (!incident) throw new DomainError('INCIDENT_NOT_FOUND', `There is no incident #${incidentId}.`, { incidentId });
  return incident;
}
