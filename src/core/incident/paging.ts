/** Paging on-call per the severity's policy, at most once per incident and severity. */
import { describeError } from '../errors.js';
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { SeverityPolicy } from './settings.js';
import { recordAction } from './effects.js';

export const pagedKey = (incidentId: number, severity: string): string => `act:paged:${incidentId}:${severity}`;

/**
 * Pages on-call for `policy` unless it pages nobody or this severity was already paged for the incident
 * (a resumed declaration must not page twice). Returns problem sentences. An unconfigured on-call
 * integration is not a problem: it is noted on the timeline once.
 */
export async function pageOnCall(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, actor: string): Promise<string[]> {
  if (policy.page === 'none') return [];
  const key = pagedKey(incident.id, policy.name);
  if (await deps.store.timeline.findByKey(key)) return [];
  const status = deps.oncall.status();
  if (!status.configured) {
    // A team that has not set up paging chose so: note it on the timeline instead of alarming every war room.
    await recordAction(deps, incident, { key, kind: 'bot_action', actor, text: `Nobody was paged for ${policy.name}: ${status.detail}`, data: { action: 'page_skipped', severity: policy.name, page: policy.page } });
    return [];
  }
  let outcome;
  try {
    outcome = await deps.oncall.pageForIncident({ incident, policy });
  } catch (err) {
    return [`Could not page on-call for ${policy.name} (${policy.page}): ${describeError(err)}`];
  }
  if (!outcome.paged) return [`On-call was not paged for ${policy.name} (${policy.page}): ${outcome.summary}`];
  await recordAction(deps, incident, {
    key,
    kind: 'bot_action',
    actor,
    text: outcome.summary,
    data: { action: 'paged', severity: policy.name, page: policy.page, link: outcome.link },
  });
  if (outcome.link) {
    const current = (await deps.store.incidents.get(incident.id)) ?? incident;
    await deps.store.incidents.update(incident.id, { links: { ...current.links, oncall: outcome.link } });
  }
  return [];
}
