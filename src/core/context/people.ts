/** People and state: who is on call for the service, the other open incidents, the deploy freezes in force. */
import type { Incident } from '../incident/model.js';
import type { IncidentSettings } from '../incident/settings.js';
import { policyOf } from '../incident/severity.js';
import type { ChatPort, OnCallPort } from '../ports.js';
import type { PeopleAndState } from './model.js';
import { NotConfigured } from './source.js';

export async function onCallFor(oncall: OnCallPort, chat: ChatPort, settings: IncidentSettings, service: string | null): Promise<PeopleAndState['onCall']> {
  const status = oncall.status();
  if (!status.configured) throw new NotConfigured(status.detail);
  const definition = settings.services.find((s) => s.name === service) ?? null;
  const policy = oncall.escalationPolicyFor(definition);
  if (!policy) throw new NotConfigured(`no escalation policy for ${service ?? 'incidents without a service'}`);
  const entries = await oncall.whoIsOnCall({ escalationPolicyId: policy });
  // A failed Slack lookup only costs the mention: the name still shows.
  const slackIdOf = async (email: string | null) => (email ? chat.lookupUserByEmail(email).catch(() => null) : null);
  return Promise.all(
    [...entries].sort((a, b) => a.level - b.level).map(async (e) => ({ level: e.level, name: e.person.name, slackUserId: await slackIdOf(e.person.email), until: e.until })),
  );
}

/** Other open incidents, and every open incident (this one included) whose severity freezes deploys of the service or of all. */
export function stateOf(open: readonly Incident[], incident: Incident, settings: IncidentSettings): Pick<PeopleAndState, 'otherOpenIncidents' | 'freezes'> {
  return {
    otherOpenIncidents: open
      .filter((i) => i.id !== incident.id)
      .map((i) => ({ id: i.id, severity: i.severity, title: i.title, channelId: i.channelId })),
    freezes: open
      .filter((i) => (i.service === null || i.service === incident.service) && policyOf(settings.severities, i.severity).freezesDeploys)
      .map((i) => ({ incidentId: i.id, severity: i.severity, title: i.title })),
  };
}
