/** incidents row ↔ Incident. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Incident, IncidentPatch, IncidentState, NewIncident, RoleAssignments } from '../../core/incident/model.js';
import type { IncidentsTable } from '../db/schema.js';
import { parseJson, toDate, toDateOrNull, toFlag, toMillisOrNull, toNumber } from './values.js';

export function incidentFromRow(row: Selectable<IncidentsTable>): Incident {
  const announcement =
    row.announcement_channel_id !== null && row.announcement_ts !== null
      ? { channelId: row.announcement_channel_id, ts: row.announcement_ts }
      : null;
  return {
    id: toNumber(row.id),
    title: row.title,
    severity: row.severity,
    state: row.state as IncidentState,
    service: row.service,
    impact: row.impact,
    isPrivate: Boolean(row.is_private),
    declaredBy: row.declared_by,
    dedupeKey: row.dedupe_key,
    declaredAt: toDate(row.declared_at),
    startedAt: toDateOrNull(row.started_at),
    mitigatedAt: toDateOrNull(row.mitigated_at),
    resolvedAt: toDateOrNull(row.resolved_at),
    commanderAssignedAt: toDateOrNull(row.commander_assigned_at),
    roles: parseJson<RoleAssignments>(row.roles, 'incidents.roles'),
    channelId: row.channel_id,
    channelName: row.channel_name,
    declarationTs: row.declaration_ts,
    announcement,
    lastUpdateAt: toDateOrNull(row.last_update_at),
    lastUpdateText: row.last_update_text,
    links: parseJson<Record<string, string>>(row.links, 'incidents.links'),
    updatedAt: toDate(row.updated_at),
  };
}

export function incidentToInsert(incident: NewIncident, now: Date): Insertable<IncidentsTable> {
  // Every NewIncident field is required, so the patch mapping yields every column the insert needs.
  return {
    ...incidentPatchToUpdate(incident),
    declared_by: incident.declaredBy,
    dedupe_key: incident.dedupeKey,
    declared_at: incident.declaredAt.getTime(),
    created_at: now.getTime(),
    updated_at: now.getTime(),
  } as Insertable<IncidentsTable>;
}

/** How each patchable field is written; a field absent from the patch (or undefined) is left alone. */
const PATCH_COLUMNS: { [K in keyof Required<IncidentPatch>]: (value: Required<IncidentPatch>[K]) => Updateable<IncidentsTable> } = {
  title: (v) => ({ title: v }),
  severity: (v) => ({ severity: v }),
  state: (v) => ({ state: v }),
  service: (v) => ({ service: v }),
  impact: (v) => ({ impact: v }),
  isPrivate: (v) => ({ is_private: toFlag(v) }),
  startedAt: (v) => ({ started_at: toMillisOrNull(v) }),
  mitigatedAt: (v) => ({ mitigated_at: toMillisOrNull(v) }),
  resolvedAt: (v) => ({ resolved_at: toMillisOrNull(v) }),
  commanderAssignedAt: (v) => ({ commander_assigned_at: toMillisOrNull(v) }),
  roles: (v) => ({ roles: JSON.stringify(v) }),
  channelId: (v) => ({ channel_id: v }),
  channelName: (v) => ({ channel_name: v }),
  declarationTs: (v) => ({ declaration_ts: v }),
  announcement: (v) => ({ announcement_channel_id: v?.channelId ?? null, announcement_ts: v?.ts ?? null }),
  lastUpdateAt: (v) => ({ last_update_at: toMillisOrNull(v) }),
  lastUpdateText: (v) => ({ last_update_text: v }),
  links: (v) => ({ links: JSON.stringify(v) }),
};

export function incidentPatchToUpdate(patch: IncidentPatch): Updateable<IncidentsTable> {
  const update: Updateable<IncidentsTable> = {};
  for (const field of Object.keys(PATCH_COLUMNS) as (keyof IncidentPatch)[]) {
    const value = patch[field];
    if (value === undefined) continue;
    const toColumns = PATCH_COLUMNS[field] as (v: typeof value) => Updateable<IncidentsTable>;
    Object.assign(update, toColumns(value));
  }
  return update;
}
