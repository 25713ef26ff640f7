import type { DeclareResult } from '../core/incident/api.js';
import type { Deps } from '../deps.js';

/**
 * After a new declaration, the context snapshot is gathered without anyone waiting for it: the war room is already
 * open and its first message posted; the snapshot arrives in the channel as its sources answer.
 */
export function gatherContextInBackground(deps: Pick<Deps, 'context' | 'background'>, result: DeclareResult): void {
  if (!result.created || !result.incident.channelId) return;
  deps.background.run(`context snapshot of incident #${result.incident.id}`, () => deps.context.gather(result.incident.id));
}
