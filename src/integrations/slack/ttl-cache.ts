/** A small read-through cache with a time to live; concurrent misses for one key share a single load. */
export interface TtlCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  clear(): void;
}

export function createTtlCache<V>(ttlMs: number, now: () => number): TtlCache<V> {
  const entries = new Map<string, { value: Promise<V>; expiresAt: number }>();
  return {
    get(key, load) {
      const at = now();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > at) return hit.value;
      for (const [k, entry] of entries) if (entry.expiresAt <= at) entries.delete(k);
      const value = load();
      const entry = { value, expiresAt: at + ttlMs };
      entries.set(key, entry);
      // Failures are not cached: the next caller tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    clear: () => entries.clear(),
  };
}
