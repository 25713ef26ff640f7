/** In-memory TimelineRepository: idempotent on key, ordered by occurredAt then insertion, deletions only marked. */
import type { NewTimelineEvent, TimelineEvent } from '../../../src/core/incident/model.js';
import type { TimelineRepository } from '../../../src/core/ports.js';

export interface MemoryTimelineRepository extends TimelineRepository {
  /** Every stored event (deleted ones included), in insertion order. */
  all(): TimelineEvent[];
}

export function createMemoryTimelineRepository(): MemoryTimelineRepository {
  const events: TimelineEvent[] = [];
  let nextId = 1;
  const copy = (event: TimelineEvent): TimelineEvent => structuredClone(event);
  const byKey = (key: string) => events.find((e) => e.key === key);

  function ordered(incidentId: number, includeDeleted: boolean): TimelineEvent[] {
    return events
      .filter((e) => e.incidentId === incidentId && (includeDeleted || !e.deleted))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.id - b.id);
  }

  return {
    async append(event: NewTimelineEvent) {
      const existing = byKey(event.key);
      if (existing) return { inserted: false, event: copy(existing) };
      const stored: TimelineEvent = {
        id: nextId++,
        incidentId: event.incidentId,
        channelId: event.channelId ?? null,
        key: event.key,
        kind: event.kind,
        occurredAt: new Date(event.occurredAt),
        actor: event.actor,
        text: event.text,
        messageTs: event.messageTs ?? null,
        threadTs: event.threadTs ?? null,
        marks: [...(event.marks ?? [])],
        deleted: false,
        editedAt: null,
        refs: structuredClone(event.refs ?? {}),
        data: structuredClone(event.data ?? {}),
      };
      events.push(stored);
      return { inserted: true, event: copy(stored) };
    },
    async findByKey(key) {
      const event = byKey(key);
      return event ? copy(event) : null;
    },
    async editText(key, text, editedAt) {
      const event = byKey(key);
      if (!event) return false;
      event.text = text;
      event.editedAt = new Date(editedAt);
      return true;
    },
    async markDeleted(key) {
      const event = byKey(key);
      if (!event) return false;
      event.deleted = true;
      return true;
    },
    async setMark(key, mark, on) {
      const event = byKey(key);
      if (!event) return null;
      if (on && !event.marks.includes(mark)) event.marks.push(mark);
      if (!on) event.marks = event.marks.filter((m) => m !== mark);
      return copy(event);
    },
    async list(incidentId, query = {}) {
      const all = ordered(incidentId, query.includeDeleted ?? false);
      const offset = query.offset ?? 0;
      return all.slice(offset, query.limit === undefined ? undefined : offset + query.limit).map(copy);
    },
    async count(incidentId, options = {}) {
      return ordered(incidentId, options.includeDeleted ?? false).length;
    },
    async adoptChannel(channelId, incidentId) {
      const orphans = events.filter((e) => e.channelId === channelId && e.incidentId === null);
      for (const event of orphans) event.incidentId = incidentId;
      return orphans.length;
    },
    all: () => events.map(copy),
  };
}
