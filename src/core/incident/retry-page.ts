/** The Retry button of a failed page: finishes the paging that is missing; the dedup key keeps it to one on-call incident. */
import { DomainError } from '../errors.js';
import type { Actor, ChangeResult } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import { authorize } from './authorization.js';
import { incidentRef, isOpen } from './lifecycle.js';
import { findPagedEvent, oncallKeys, pageRecordOf } from './oncall-state.js';
import { pageOnCall } from './paging.js';
import { policyOf } from './severity.js';

export function createRetryPage(deps: IncidentDeps): (incidentId: number, actor: Actor) => Promise<ChangeResult> {
  const { store, settings } = deps;
  return async (incidentId, actor) => {
    const incident = await store.incidents.get(incidentId);
    if (!incident) throw new DomainError('INCIDENT_NOT_FOUND', `There is no incident INC-${incidentId}.`, { incidentId });
    await authorize(deps, incident, actor, 'page on-call');
    const ref = incidentRef(incident);
    if (!isOpen(incident)) return { incident, changed: false, reason: `${ref} is ${incident.state}; nobody needs paging any more.` };
    const policy = policyOf(settings.severities, incident.severity);
    if (policy.page === 'none') return { incident, changed: false, reason: `${incident.severity} pages nobody.` };
    const status = deps.oncall.status();
    if (!status.configured) return { incident, changed: false, reason: status.detail };
    const event = (await store.timeline.findByKey(oncallKeys.paged(incident.id, policy.name))) ?? (await findPagedEvent(deps, incident));
    const record = event ? pageRecordOf(event) : null;
    if (event && !record) return { incident, changed: false, reason: `paging was not set up when ${ref} was declared; page by hand with \`/incident page\`.` };
    if (record && (record.announced || (await store.timeline.findByKey(oncallKeys.notified(incident.id, record.severity))))) {
      return { incident, changed: false, reason: `on-call was already paged for ${ref}.` };
    }
    const attempt = await pageOnCall(deps, incident, policy, actor.userId);
    const current = (await store.incidents.get(incident.id)) ?? incident;
    if (attempt.failure) return { incident: current, changed: false, reason: attempt.failure, problems: [attempt.failure, ...attempt.problems] };
    return { incident: current, changed: true, problems: attempt.problems };
  };
}
