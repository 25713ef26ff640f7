/** Opening the postmortem (the stored draft or one from the record) and saving it before anything is published. */
import { DomainError } from '../errors.js';
import type { Actor } from '../incident/api.js';
import { computeDurations } from '../incident/durations.js';
import { requireByChannel } from '../incident/incident-context.js';
import type { Incident } from '../incident/model.js';
import type { PostmortemContext } from './api.js';
import { authorizeChange, requireIncident } from './authorization.js';
import type { PostmortemDeps } from './deps.js';
import { lintDraft } from './lint.js';
import type { LintFinding, Postmortem, PostmortemDraft } from './model.js';
import { prefillDraft } from './prefill.js';
import { keyEventsOf, postmortemDurations } from './record.js';
import { validateDraft } from './validate.js';

const WRITABLE = new Set(['mitigated', 'resolved', 'postmortem', 'closed']);

function refuseTooEarly(incident: Incident): never {
  throw new DomainError(
    'INVALID_TRANSITION',
    `INC-${incident.id} is still ${incident.state}: the postmortem can be written once it is mitigated (\`/incident mitigated\`) or resolved (\`/incident resolve\`).`,
    { state: incident.state },
  );
}

export function createOpen(deps: PostmortemDeps): (channelId: string, actor: Actor) => Promise<PostmortemContext> {
  return async (channelId) => {
    const incident = await requireByChannel(deps, channelId);
    if (!WRITABLE.has(incident.state)) refuseTooEarly(incident);
    const [postmortem, timeline] = await Promise.all([deps.store.postmortems.getByIncident(incident.id), deps.store.timeline.list(incident.id)]);
    const now = deps.clock.now();
    const draft = postmortem?.draft ?? prefillDraft(incident, postmortemDurations(incident, timeline, now));
    return { incident, draft, lint: lintDraft(draft), postmortem, keyEvents: keyEventsOf(timeline), durations: computeDurations(incident, now) };
  };
}

export function createSaveDraft(
  deps: PostmortemDeps,
): (incidentId: number, draft: PostmortemDraft, actor: Actor) => Promise<{ postmortem: Postmortem; lint: LintFinding[] }> {
  return async (incidentId, input, actor) => {
    const incident = await requireIncident(deps, incidentId);
    if (!WRITABLE.has(incident.state)) refuseTooEarly(incident);
    await authorizeChange(deps, incident, actor, 'edit the postmortem');
    const draft = validateDraft(input);
    const postmortem = await deps.store.postmortems.saveDraft(incident.id, draft, actor.userId);
    return { postmortem, lint: lintDraft(draft) };
  };
}
