/** timeline_events row ↔ TimelineEvent. */
import type { Insertable, Selectable } from 'kysely';
import type { NewTimelineEvent, TimelineEvent, TimelineKind, TimelineRefs } from '../../core/incident/model.js';
import type { TimelineEventsTable } from '../db/schema.js';
import { parseJson, toDate, toDateOrNull, toNumber } from './values.js';

export function timelineEventFromRow(row: Selectable<TimelineEventsTable>): TimelineEvent {
  return {
    id: toNumber(row.id),
    incidentId: row.incident_id === null ? null : toNumber(row.incident_id),
    channelId: row.channel_id,
    key: row.key,
    kind: row.kind as TimelineKind,
    occurredAt: toDate(row.occurred_at),
    actor: row.actor,
    text: row.text,
    messageTs: row.message_ts,
    threadTs: row.thread_ts,
    marks: parseMarks(row.marks),
    deleted: Boolean(row.deleted),
    editedAt: toDateOrNull(row.edited_at),
    refs: parseJson<TimelineRefs>(row.refs, 'timeline_events.refs'),
    data: parseJson<Record<string, unknown>>(row.data, 'timeline_events.data'),
  };
}

export function timelineEventToInsert(event: NewTimelineEvent, now: Date): Insertable<TimelineEventsTable> {
  return {
    incident_id: event.incidentId,
    channel_id: event.channelId ?? null,
    key: event.key,
    kind: event.kind,
    occurred_at: event.occurredAt.getTime(),
    actor: event.actor,
    text: event.text,
    message_ts: event.messageTs ?? null,
    thread_ts: event.threadTs ?? null,
    marks: serializeMarks(event.marks ?? []),
    deleted: 0,
    refs: JSON.stringify(event.refs ?? {}),
    data: JSON.stringify(event.data ?? {}),
    created_at: now.getTime(),
  };
}

export function parseMarks(text: string): string[] {
  return parseJson<string[]>(text, 'timeline_events.marks');
}

/** Marks are a set: one canonical text form, so a compare-and-swap on the column is reliable. */
export function serializeMarks(marks: readonly string[]): string {
  return JSON.stringify([...new Set(marks)]);
}
