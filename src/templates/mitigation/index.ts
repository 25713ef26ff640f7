/** MitigationViews: what the mitigation core posts, rendered as Block Kit. */
import type { MitigationViews } from '../../core/ports.js';
import { createTimeFormat } from '../format.js';
import { mitigationMessage } from './mitigation-message.js';
import { historyReportMessage, nodesReportMessage, podsReportMessage } from './reports.js';

export { MITIGATION_CANCEL_ACTION_ID, MITIGATION_CONFIRM_ACTION_ID } from './action-ids.js';
export { mitigationMessage, zonesTable } from './mitigation-message.js';
export { historyReportMessage, nodesReportMessage, podsReportMessage } from './reports.js';

export function createMitigationViews(options: { timeZone: string }): MitigationViews {
  const time = createTimeFormat(options.timeZone);
  return {
    mitigation: (m) => mitigationMessage(m, time),
    nodesReport: nodesReportMessage,
    podsReport: podsReportMessage,
    historyReport: historyReportMessage,
  };
}
