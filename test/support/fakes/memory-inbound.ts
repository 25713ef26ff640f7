import type { InboundEventRepository } from '../../../src/core/ports.js';

/** In-memory InboundEventRepository: the first sighting of source+id wins, as with the real table's primary key. */
export function createMemoryInboundRepository(): InboundEventRepository & { seen: Set<string> } {
  const seen = new Set<string>();
  return {
    seen,
    async recordOnce(source, eventId) {
      const key = `${source}\u0000${eventId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    async forget(source, eventId) {
      seen.delete(`${source}\u0000${eventId}`);
    },
  };
}
