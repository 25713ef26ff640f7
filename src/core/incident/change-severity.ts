/**
 * Raising or lowering the severity. The announcement is edited in place either way; a raise also posts
 * a new message in the announcement channel (an edit alone goes unnoticed) and pages per the new policy.
 */
import type { Actor, SeverityChangeResult } from './api.js';
import type { IncidentDeps } from './incident-deps.js';
import type { Step } from './effects.js';
import { recordAction } from './effects.js';
import { applyEffects, loadForChange, postInChannel, quietly, refreshSteps } from './incident-context.js';
import { incidentRef, isOpen } from './lifecycle.js';
import { followRaise, lowerSteps } from './oncall-sync.js';
import { rescheduleReminders } from './reminder-jobs.js';
import { compareSeverity, findSeverity } from './severity.js';

export function createChangeSeverity(deps: IncidentDeps): (channelId: string, severity: string, actor: Actor) => Promise<SeverityChangeResult> {
  const { store, settings, chat, views } = deps;
  return async (channelId, severityInput, actor) => {
    const incident = await loadForChange(deps, channelId, actor, 'change the severity');
    const target = findSeverity(settings.severities, severityInput);
    const from = incident.severity;
    if (target.name === from) {
      return { incident, changed: false, reason: `${incidentRef(incident)} is already ${from} (${target.label}).`, from, to: from, direction: 'unchanged' };
    }
    if (!isOpen(incident)) {
      return { incident, changed: false, reason: `${incidentRef(incident)} is ${incident.state}; its severity can no longer change.`, from, to: from, direction: 'unchanged' };
    }
    const direction = compareSeverity(settings.severities, target.name, from) < 0 ? 'raised' : 'lowered';
    const now = deps.clock.now();
    const updated = await store.incidents.update(incident.id, { severity: target.name });
    await recordAction(deps, updated, {
      key: `act:severity:${incident.id}:${from}-${target.name}:${now.getTime()}`,
      kind: 'severity_changed',
      actor: actor.userId,
      text: `Severity ${direction} from ${from} to ${target.name}`,
      data: { from, to: target.name, direction },
    });
    const change = { from, to: target.name, actor: actor.userId };
    // Filled by the paging step; applyEffects reads the problems once every step has settled.
    const pageProblems: string[] = [];
    const paging: { failure: string | null } = { failure: null };
    const steps: Step[] = [...refreshSteps(deps, updated), ...postInChannel(deps, updated, 'post the severity change in the channel', () => views.severityChanged(updated, change))];
    const announceChannel = settings.announceChannel;
    if (direction === 'raised') {
      if (announceChannel) {
        steps.push({ description: 'announce the severity raise', run: () => chat.postMessage(announceChannel, views.severityChanged(updated, change)) });
      }
      steps.push({
        description: 'page on-call',
        run: async () => {
          const page = await followRaise(deps, updated, target, actor.userId);
          pageProblems.push(...page.problems);
          paging.failure = page.failure;
        },
      });
    } else {
      steps.push(...lowerSteps(deps, updated, { ...change, at: now }));
    }
    const problems = await applyEffects(deps, updated, 'severity', steps, pageProblems);
    await quietly(deps, 'reschedule status update reminders', updated.id, () => rescheduleReminders(deps, updated));
    // A failed page was reported on its own, with a Retry button; the person who raised it still hears of it.
    const all = paging.failure ? [...problems, paging.failure] : problems;
    return { incident: (await store.incidents.get(updated.id)) ?? updated, changed: true, from, to: target.name, direction, problems: all };
  };
}
