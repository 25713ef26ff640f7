/**
 * Keeping the on-call incident in step with the war room: a raise brings urgency and responders up to the new
 * policy (or pages, when nothing was paged yet), a lowering un-pages nobody, mitigation is noted, resolution
 * resolves it. Each action is a timeline event with a natural key; a failure is a problem, never a refusal.
 */
import type { Incident } from './model.js';
import type { IncidentDeps } from './incident-deps.js';
import type { SeverityPolicy } from './settings.js';
import type { Step } from './effects.js';
import { scheduleAckDeadline } from './ack-deadline.js';
import { problemSentence, recordAction } from './effects.js';
import { actorLabel, describeResponders, inviteResponders, lookupResponders, respondersData } from './oncall-people.js';
import { currentUrgency, findPageRecord, levelsOf, oncallKeys, serviceOf, urgencyOf, type PageRecord } from './oncall-state.js';
import { pageOnCall, type PageAttempt } from './paging.js';
import { MINUTE_MS } from './time.js';

/** The on-call incident to keep in step, when there is one and the integration can reach it. */
function syncedPage(deps: IncidentDeps, incident: Incident): string | null {
  const externalId = incident.links.pagerdutyId;
  return externalId && deps.oncall.status().configured ? externalId : null;
}

async function raiseUrgency(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, record: PageRecord | null, externalId: string, actor: string): Promise<void> {
  const key = oncallKeys.urgency(externalId, 'high');
  if (urgencyOf(policy) !== 'high' || (record && (await currentUrgency(deps, record)) === 'high') || (await deps.store.timeline.findByKey(key))) return;
  await deps.oncall.setUrgency(externalId, 'high');
  await recordAction(deps, incident, { key, kind: 'bot_action', actor, text: `Raised the on-call urgency to high for ${policy.name}`, data: { action: 'page_urgency', externalId, urgency: 'high', severity: policy.name } });
}

async function addResponders(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, record: PageRecord | null, externalId: string, actor: string): Promise<void> {
  const key = oncallKeys.responders(externalId, policy.name);
  const policyId = record?.escalationPolicyId ?? deps.oncall.escalationPolicyFor(serviceOf(deps.settings, incident));
  if (!policyId || (await deps.store.timeline.findByKey(key))) return;
  const responders = await lookupResponders(deps, policyId, levelsOf(policy));
  const invited = incident.channelId ? await inviteResponders(deps, incident.channelId, responders) : [];
  await recordAction(deps, incident, {
    key,
    kind: 'bot_action',
    actor,
    text: `On-call for ${policy.name} invited: ${describeResponders(responders)}`,
    data: { action: 'page_responders', externalId, severity: policy.name, responders: respondersData(responders), invited },
  });
}

/** Severity raised: page per the new policy, or bring the existing page up to it. */
export async function followRaise(deps: IncidentDeps, incident: Incident, policy: SeverityPolicy, actor: string): Promise<PageAttempt> {
  if (policy.page === 'none') return { failure: null, problems: [] };
  if (!incident.links.pagerdutyId) return pageOnCall(deps, incident, policy, actor);
  const externalId = syncedPage(deps, incident);
  if (!externalId) return { failure: null, problems: [] };
  const record = await findPageRecord(deps, incident);
  const problems: string[] = [];
  const attempt = async (description: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      problems.push(problemSentence(description, err));
    }
  };
  await attempt('raise the urgency of the on-call incident', () => raiseUrgency(deps, incident, policy, record, externalId, actor));
  await attempt(`invite the on-call responders for ${policy.name}`, () => addResponders(deps, incident, policy, record, externalId, actor));
  const acknowledged = await deps.store.timeline.findByKey(oncallKeys.acknowledged(externalId));
  // A tighter policy gets its own deadline while nobody has acknowledged; a linked page escalates on the on-call side.
  if (record && !record.linked && !acknowledged && policy.ackDeadlineMinutes !== null) {
    const runAt = new Date(deps.clock.now().getTime() + policy.ackDeadlineMinutes * MINUTE_MS);
    await attempt('plan the acknowledgement deadline', () =>
      scheduleAckDeadline(deps, incident.id, { severity: policy.name, level: 1, escalations: 0, externalId, escalationPolicyId: record.escalationPolicyId, runAt }).then(() => undefined),
    );
  }
  return { failure: null, problems };
}

/** Severity lowered: nothing is un-paged; the timeline and the on-call incident say so. */
export function lowerSteps(deps: IncidentDeps, incident: Incident, change: { from: string; to: string; actor: string; at: Date }): Step[] {
  const externalId = syncedPage(deps, incident);
  if (!externalId) return [];
  return [
    {
      description: 'note the lower severity on the on-call incident',
      run: async () => {
        const key = oncallKeys.note(externalId, `severity:${change.from}-${change.to}:${change.at.getTime()}`);
        const fresh = await recordAction(deps, incident, {
          key,
          kind: 'bot_action',
          actor: change.actor,
          text: `Severity lowered to ${change.to}: nobody was un-paged (noted on the on-call incident)`,
          data: { action: 'page_note', externalId, from: change.from, to: change.to },
        });
        if (!fresh) return;
        const who = await actorLabel(deps, change.actor);
        await deps.oncall.addNote(externalId, `Severity lowered from ${change.from} to ${change.to} in Warroom by ${who}. Nobody was un-paged.`);
      },
    },
  ];
}

/** Mitigated → a note on the on-call incident; resolved → it is resolved. */
export function transitionSteps(deps: IncidentDeps, incident: Incident, to: 'mitigated' | 'resolved', note: string | null, actor: string): Step[] {
  const externalId = syncedPage(deps, incident);
  if (!externalId) return [];
  if (to === 'mitigated') {
    return [
      {
        description: 'note the mitigation on the on-call incident',
        run: async () => {
          const key = oncallKeys.note(externalId, 'mitigated');
          if (await deps.store.timeline.findByKey(key)) return;
          const who = await actorLabel(deps, actor);
          await deps.oncall.addNote(externalId, `Mitigated in Warroom by ${who}${note ? `: ${note}` : ''}`);
          await recordAction(deps, incident, { key, kind: 'bot_action', actor, text: 'Noted the mitigation on the on-call incident', data: { action: 'page_note', externalId } });
        },
      },
    ];
  }
  return [
    {
      description: 'resolve the on-call incident',
      run: async () => {
        // Resolved on the on-call side already (its webhook came first): nothing to do.
        const key = oncallKeys.resolved(externalId);
        if (await deps.store.timeline.findByKey(key)) return;
        await deps.oncall.resolve(externalId);
        await recordAction(deps, incident, { key, kind: 'page_resolved', actor, text: 'Resolved the on-call incident from Warroom', data: { externalId, source: 'warroom' } });
      },
    },
  ];
}
