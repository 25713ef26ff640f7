/** The mitigation use cases as the Slack edges see them. Errors are DomainError with a message that says what to do. */
import type { Actor } from '../incident/api.js';
import type { HistoryReport, Mitigation, MitigationRequest, NodesReport, PodsReport } from './model.js';

export type { HistoryReport, NodesReport, PodsReport } from './model.js';

export interface ConfirmOutcome {
  mitigation: Mitigation;
  /** ran: executed (see mitigation.result); needs_second: recorded, waiting for a different authorized person; refused: nothing changed. */
  outcome: 'ran' | 'needs_second' | 'refused';
  reason?: string;
}

export interface MitigationUseCases {
  /** Computes and stores the preview, posts it in the war room with Confirm and Cancel. Anyone in the war room may ask. */
  preview(channelId: string, request: MitigationRequest, actor: Actor): Promise<Mitigation>;
  /** An authorized person confirms; above the blast-radius threshold a second, different one must too. Re-checks live state. */
  confirm(mitigationId: number, actor: Actor): Promise<ConfirmOutcome>;
  cancel(mitigationId: number, actor: Actor): Promise<Mitigation>;
  nodes(channelId: string, query: { cluster: string | null; selector: string | null }): Promise<NodesReport>;
  pods(channelId: string, query: { cluster: string | null; deployment: string; namespace: string | null }): Promise<PodsReport>;
  history(channelId: string, query: { cluster: string | null; deployment: string; namespace: string | null }): Promise<HistoryReport>;
}
