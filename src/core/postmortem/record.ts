/** What the incident record says, gathered for the postmortem: durations, key events, deploys before it, what changed. */
import { computeDurations } from '../incident/durations.js';
import { isKeyEvent, type Incident, type TimelineEvent } from '../incident/model.js';
import type { PostmortemDurations, PostmortemIssueInput } from '../ports.js';
import type { DeployCheck } from '../release/model.js';
import { postmortemContext } from './context.js';
import type { PostmortemDeps } from './deps.js';
import type { ActionItem, Postmortem } from './model.js';

/** Bot events that belong in the key-events table even when nobody pinned them. */
const MILESTONES = new Set(['declared', 'severity_changed', 'paged', 'page_acknowledged', 'mitigated', 'resolved']);
const DAY_MS = 24 * 60 * 60 * 1000;
const DEPLOY_CHECKS_SCANNED = 100;

/** The first acknowledgement of a page, from its `page_acknowledged` event (data.afterMs). */
export function timeToAcknowledge(timeline: readonly TimelineEvent[]): number | null {
  const times = timeline.filter((e) => e.kind === 'page_acknowledged' && typeof e.data.afterMs === 'number').map((e) => e.data.afterMs as number);
  return times.length > 0 ? Math.min(...times) : null;
}

export function postmortemDurations(incident: Incident, timeline: readonly TimelineEvent[], now: Date): PostmortemDurations {
  const d = computeDurations(incident, now);
  return { toDetect: d.toDetect, toAcknowledge: timeToAcknowledge(timeline), toMitigate: d.toMitigate, toResolve: d.toResolve };
}

/** Marked events (pins, key-event reactions) and the incident's milestones, in timeline order. */
export const keyEventsOf = (timeline: readonly TimelineEvent[]): TimelineEvent[] => timeline.filter((e) => isKeyEvent(e) || MILESTONES.has(e.kind));

/** Deploy checks of the incident's service in the 24 h before its impact started. */
export async function deploysBefore(deps: Pick<PostmortemDeps, 'store'>, incident: Incident): Promise<DeployCheck[]> {
  if (!incident.service) return [];
  const start = (incident.startedAt ?? incident.declaredAt).getTime();
  const checks = await deps.store.deployChecks.listByService(incident.service, DEPLOY_CHECKS_SCANNED);
  return checks.filter((c) => c.requestedAt.getTime() <= start && c.requestedAt.getTime() >= start - DAY_MS).sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
}

/** The postmortem issue's input, as the incident and its items now stand. */
export async function issueInput(deps: PostmortemDeps, incident: Incident, postmortem: Postmortem, actionItems: ActionItem[]): Promise<PostmortemIssueInput> {
  const timeline = await deps.store.timeline.list(incident.id);
  const byKey = new Map(postmortem.draft.actionItems.map((item, i) => [item.key, i]));
  // Task-list order follows the draft; items dropped from the draft since keep their issues and come last.
  const ordered = [...actionItems].sort((a, b) => (byKey.get(a.key) ?? 1e6) - (byKey.get(b.key) ?? 1e6) || a.id - b.id);
  return {
    incident,
    draft: postmortem.draft,
    durations: postmortemDurations(incident, timeline, deps.clock.now()),
    keyEvents: keyEventsOf(timeline),
    timeline,
    actionItems: ordered,
    deployChecks: await deploysBefore(deps, incident),
    channelUrl: incident.channelId ? deps.chat.channelUrl(incident.channelId) : null,
    context: await postmortemContext(deps, incident, timeline),
  };
}
