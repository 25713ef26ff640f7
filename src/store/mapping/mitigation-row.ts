/** mitigations rows ↔ Mitigation. JSON columns go through the deploy-check encoder, so NaN/Infinity survive too. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  Confirmation,
  Mitigation,
  MitigationPatch,
  MitigationPreview,
  MitigationRequest,
  MitigationResult,
  MitigationState,
  NewMitigation,
} from '../../core/mitigation/model.js';
import type { MitigationsTable } from '../db/schema.js';
import { parseJsonNumbers, stringifyJson } from './deploy-check-row.js';
import { toDate, toNumber } from './values.js';

/** Confirmation times are stored as epoch milliseconds: exact, and no Date-to-string round trip through JSON. */
interface StoredConfirmation {
  userId: string;
  at: number;
}

const confirmationsToJson = (confirmations: readonly Confirmation[]): string =>
  stringifyJson(confirmations.map((c): StoredConfirmation => ({ userId: c.userId, at: c.at.getTime() })));

function confirmationsFromJson(text: string): Confirmation[] {
  return parseJsonNumbers<StoredConfirmation[]>(text, 'mitigations.confirmations').map((c) => ({ userId: c.userId, at: new Date(c.at) }));
}

export function mitigationToInsert(mitigation: NewMitigation, now: Date): Insertable<MitigationsTable> {
  return {
    incident_id: mitigation.incidentId,
    channel_id: mitigation.channelId,
    message_ts: mitigation.messageTs,
    request: stringifyJson(mitigation.request),
    requested_by: mitigation.requestedBy,
    requested_at: mitigation.requestedAt.getTime(),
    expires_at: mitigation.expiresAt.getTime(),
    state: mitigation.state,
    preview: stringifyJson(mitigation.preview),
    confirmations: confirmationsToJson(mitigation.confirmations),
    progress: stringifyJson(mitigation.progress),
    result: mitigation.result === null ? null : stringifyJson(mitigation.result),
    created_at: now.getTime(),
    updated_at: now.getTime(),
  };
}

/** Only the keys present in the patch are written (an absent key keeps the stored value; `result: null` clears it). */
export function mitigationPatchToUpdate(patch: MitigationPatch): Updateable<MitigationsTable> {
  const update: Updateable<MitigationsTable> = {};
  if (patch.messageTs !== undefined) update.message_ts = patch.messageTs;
  if (patch.state !== undefined) update.state = patch.state;
  if (patch.confirmations !== undefined) update.confirmations = confirmationsToJson(patch.confirmations);
  if (patch.progress !== undefined) update.progress = stringifyJson(patch.progress);
  if (patch.result !== undefined) update.result = patch.result === null ? null : stringifyJson(patch.result);
  if (patch.preview !== undefined) update.preview = stringifyJson(patch.preview);
  return update;
}

export function mitigationFromRow(row: Selectable<MitigationsTable>): Mitigation {
  return {
    id: toNumber(row.id),
    incidentId: toNumber(row.incident_id),
    channelId: row.channel_id,
    messageTs: row.message_ts,
    request: parseJsonNumbers<MitigationRequest & { cluster: string }>(row.request, 'mitigations.request'),
    requestedBy: row.requested_by,
    requestedAt: toDate(row.requested_at),
    expiresAt: toDate(row.expires_at),
    state: row.state as MitigationState,
    preview: parseJsonNumbers<MitigationPreview>(row.preview, 'mitigations.preview'),
    confirmations: confirmationsFromJson(row.confirmations),
    progress: parseJsonNumbers<string[]>(row.progress, 'mitigations.progress'),
    result: row.result === null ? null : parseJsonNumbers<MitigationResult>(row.result, 'mitigations.result'),
  };
}
