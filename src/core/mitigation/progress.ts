/** Progress lines of a running mitigation: stored, and shown by editing the war-room message. */
import type { MitigationDeps } from './deps.js';
import type { Mitigation } from './model.js';
import { refreshMessage } from './audit.js';

export type Report = (line: string) => Promise<void>;

/** A reporter that appends lines to `m` (kept current for the caller) and edits the message once per line. */
export function progressReporter(deps: MitigationDeps, holder: { m: Mitigation }): Report {
  return async (line) => {
    try {
      holder.m = await deps.store.mitigations.update(holder.m.id, { progress: [...holder.m.progress, line] });
    } catch (err) {
      deps.logger.warn({ err, mitigationId: holder.m.id }, 'could not store mitigation progress');
      holder.m = { ...holder.m, progress: [...holder.m.progress, line] };
    }
    await refreshMessage(deps, holder.m);
  };
}
