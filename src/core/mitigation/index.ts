/** The mitigation use cases: preview → confirm (one or two people) → execute → audit, plus read-only views. */
import type { MitigationUseCases } from './api.js';
import { cancel, confirm } from './confirm.js';
import type { MitigationDeps } from './deps.js';
import { preview } from './preview.js';
import { historyReport, nodesReport, podsReport } from './reports.js';

export type { MitigationDeps } from './deps.js';
export { undoCommand } from './execute.js';
export { permissionFor } from './authorization.js';

export function createMitigationUseCases(deps: MitigationDeps): MitigationUseCases {
  return {
    preview: (channelId, request, actor) => preview(deps, channelId, request, actor),
    confirm: (id, actor) => confirm(deps, id, actor),
    cancel: (id, actor) => cancel(deps, id, actor),
    nodes: (channelId, query) => nodesReport(deps, channelId, query),
    pods: (channelId, query) => podsReport(deps, channelId, query),
    history: (channelId, query) => historyReport(deps, channelId, query),
  };
}
