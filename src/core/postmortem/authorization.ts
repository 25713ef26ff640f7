/**
 * Who may change a postmortem and its action items: the same people as for any incident change (the incident core's
 * check), plus, for an action item, its owner.
 */
import { DomainError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import { authorize } from '../incident/authorization.js';
import type { Incident } from '../incident/model.js';
import type { PostmortemDeps } from './deps.js';

export function authorizeChange(deps: PostmortemDeps, incident: Incident, actor: Actor, action: string, ownerSlackId: string | null = null): Promise<void> {
  return authorize({ settings: deps.incidentSettings, chat: deps.chat, logger: deps.logger }, incident, actor, action, ownerSlackId ? { userId: ownerSlackId, label: 'the owner' } : null);
}

export async function requireIncident(deps: Pick<PostmortemDeps, 'store'>, incidentId: number): Promise<Incident> {
  const incident = await deps.store.incidents.get(incidentId);
  if (!incident) throw new DomainError('INCIDENT_NOT_FOUND', `There is no incident #${incidentId}.`, { incidentId });
  return incident;
}
