/**
 * Human messages of war rooms on the timeline, exactly once: the key `msg:<channel>:<ts>` makes a
 * redelivered event a no-op, an edit updates the entry and a deletion only marks it.
 */
import type { CapturedMessage, TimelineCapture } from './api.js';
import type { TimelineRefs } from './model.js';
import type { IncidentDeps } from './incident-deps.js';

export const messageKey = (channelId: string, ts: string): string => `msg:${channelId}:${ts}`;

/** Slack's `1700000000.123456` as a Date (millisecond precision, without float rounding). */
export function slackTsToDate(ts: string): Date | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(ts);
  if (!match) return null;
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  return new Date(Number(match[1]) * 1000 + Number(millis));
}

/** URLs in Slack text: `<https://…|label>`, `<https://…>` and bare ones, each once, in order. */
export function extractLinks(text: string): string[] {
  const links: string[] = [];
  const rest = text.replace(/<(https?:\/\/[^|>\s]+)(?:\|[^>]*)?>/gi, (_, url: string) => {
    links.push(url);
    return ' ';
  });
  for (const match of rest.matchAll(/https?:\/\/[^\s<>|]+/gi)) links.push(match[0].replace(/[.,;:!?)\]'"]+$/, ''));
  return [...new Set(links)];
}

function refsOf(message: CapturedMessage): TimelineRefs {
  const refs: TimelineRefs = {};
  if (message.files.length > 0) refs.files = message.files.map((f) => ({ id: f.id, name: f.name, ...(f.url ? { url: f.url } : {}) }));
  const links = extractLinks(message.text);
  if (links.length > 0) refs.links = links;
  return refs;
}

/** Channels whose incident is known; a channel never changes incident once linked, so hits never go stale. */
const CHANNEL_CACHE_SIZE = 1_000;

export function createTimelineCapture(deps: Pick<IncidentDeps, 'store' | 'clock' | 'botUserId'>): TimelineCapture {
  const { timeline, incidents } = deps.store;
  const incidentOfChannel = new Map<string, { id: number }>();

  async function findIncident(channelId: string): Promise<{ id: number } | null> {
    const cached = incidentOfChannel.get(channelId);
    if (cached) return cached;
    const incident = await incidents.findByChannel(channelId);
    if (!incident) return null; // not an incident channel yet: ask again next time
    if (incidentOfChannel.size >= CHANNEL_CACHE_SIZE) incidentOfChannel.delete(incidentOfChannel.keys().next().value as string);
    incidentOfChannel.set(channelId, { id: incident.id });
    return incident;
  }

  return {
    async recordMessage(message) {
      if (deps.botUserId && message.userId === deps.botUserId) return { stored: false };
      const incident = await findIncident(message.channelId);
      const { inserted } = await timeline.append({
        incidentId: incident?.id ?? null,
        channelId: message.channelId,
        key: messageKey(message.channelId, message.ts),
        kind: 'message',
        occurredAt: slackTsToDate(message.ts) ?? deps.clock.now(),
        actor: message.userId,
        text: message.text,
        messageTs: message.ts,
        threadTs: message.threadTs,
        refs: refsOf(message),
      });
      if (inserted && !incident) {
        // The declaration may have stored this channel (and adopted its earlier messages) in between.
        const late = await findIncident(message.channelId);
        if (late) await timeline.adoptChannel(message.channelId, late.id);
      }
      return { stored: inserted };
    },
    editMessage: (channelId, ts, text) => timeline.editText(messageKey(channelId, ts), text, deps.clock.now()),
    deleteMessage: (channelId, ts) => timeline.markDeleted(messageKey(channelId, ts), deps.clock.now()),
    async markKeyEvent(channelId, ts, mark, on) {
      return (await timeline.setMark(messageKey(channelId, ts), mark, on)) !== null;
    },
    /** Deleted messages are left out: they may hold what their author wanted gone. */
    fullTimeline: (incidentId) => timeline.list(incidentId),
  };
}
