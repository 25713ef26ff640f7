/** The war-room message and the timeline: best effort once the mitigation is stored (a Slack failure loses nothing). */
import { recordAction } from '../incident/effects.js';
import type { MitigationDeps } from './deps.js';
import type { Mitigation } from './model.js';

export function describeRequest(m: Pick<Mitigation, 'request'>): string {
  const r = m.request;
  const target = r.nodes ? ('node' in r.nodes ? r.nodes.node : `-l ${r.nodes.selector}`) : r.deployment ? `${r.deployment.name} -n ${r.deployment.namespace ?? '?'}` : '';
  return `${r.kind} ${target} on ${r.cluster}`.replace(/\s+/g, ' ');
}

/** Appends `act:mitigation:<id>:<step>` (idempotent on the key); failures are logged, never thrown. */
export async function recordStep(deps: MitigationDeps, m: Mitigation, step: string, actor: string | null, text: string, data: Record<string, unknown> = {}): Promise<void> {
  try {
    await recordAction(deps, { id: m.incidentId, channelId: m.channelId }, {
      key: `act:mitigation:${m.id}:${step}`,
      kind: 'bot_action',
      actor,
      text,
      data: { mitigationId: m.id, kind: m.request.kind, cluster: m.request.cluster, step, ...data },
    });
  } catch (err) {
    deps.logger.error({ err, mitigationId: m.id, step }, 'could not record a mitigation step on the timeline');
  }
}

/** Edits the preview message to show the mitigation as it is now. */
export async function refreshMessage(deps: MitigationDeps, m: Mitigation): Promise<void> {
  if (!m.messageTs) return;
  try {
    await deps.chat.updateMessage(m.channelId, m.messageTs, deps.views.mitigation(m));
  } catch (err) {
    deps.logger.warn({ err, mitigationId: m.id }, 'could not update the mitigation message');
  }
}
