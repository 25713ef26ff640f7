/** ContextViews: the context snapshot rendered as Block Kit. */
import type { ContextViews } from '../../core/ports.js';
import { createTimeFormat } from '../format.js';
import { snapshotMessage } from './snapshot-message.js';

export { CONTEXT_ROLLBACK_ACTION_ID } from './action-ids.js';
export { snapshotMessage } from './snapshot-message.js';

export function createContextViews(options: { timeZone: string }): ContextViews {
  const time = createTimeFormat(options.timeZone);
  return { snapshot: (snapshot) => snapshotMessage(snapshot, time) };
}
