/**
 * A page that failed is the one problem nobody may miss: it gets its own message with a Retry button in the war
 * room (or, without one, to the declarer) instead of a line in the generic problems list, and a timeline event.
 */
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import { recordAction } from './effects.js';

export interface PageAttempt {
  /** Why paging failed (already reported in the war room with a Retry button); null when it did not. */
  failure: string | null;
  /** Slack steps around the page that failed (inviting, posting); for the caller's problems report. */
  problems: string[];
}

export async function reportPageFailure(deps: IncidentDeps, incident: Incident, severity: string | null, reason: string): Promise<PageAttempt> {
  deps.logger.warn({ incidentId: incident.id, severity, problem: reason }, 'paging on-call failed');
  const now = deps.clock.now();
  try {
    await recordAction(deps, incident, {
      key: `act:page-failed:${incident.id}:${severity ?? 'manual'}:${now.getTime()}`,
      kind: 'integration_problem',
      actor: null,
      text: reason,
      data: { action: 'page', severity },
    });
  } catch (err) {
    deps.logger.error({ err, incidentId: incident.id }, 'could not record the paging failure on the timeline');
  }
  const message = deps.views.pageFailed(incident, { severity, reason });
  try {
    if (incident.channelId) await deps.chat.postMessage(incident.channelId, message);
    else if (incident.declaredBy !== deps.botUserId) await deps.chat.sendDirectMessage(incident.declaredBy, message);
  } catch (err) {
    deps.logger.error({ err, incidentId: incident.id }, 'could not report the paging failure');
  }
  return { failure: reason, problems: [] };
}
