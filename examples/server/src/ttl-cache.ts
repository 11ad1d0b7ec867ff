/** Options of {@link createTtlCache}. */
export interface TtlCacheOptions {
  /** How long a successful value is served, in milliseconds; 0 stores nothing (calls are still coalesced). */
  ttlMs: number;
  /** Most entries kept; the oldest are dropped first. Default 1000. */
  maxEntries?: number;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** An in-process cache of async results with request coalescing. */
export interface TtlCache {
  /**
   * The fresh cached value for `key`, else the result of the load already in flight for `key`, else the
   * result of a new `load()`. Only successes are stored: a failed load is forgotten at once, so the next
   * call tries again (every caller waiting on that load receives its error).
   */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Entries currently stored (fresh or not yet evicted). */
  size(): number;
  /** Drop everything (in-flight loads still settle for their callers but are not stored). */
  clear(): void;
}

/** Create a {@link TtlCache}. */
export function createTtlCache(options: TtlCacheOptions): TtlCache {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 1000;
  const stored = new Map<string, { value: unknown; expiresAt: number }>();
  const inFlight = new Map<string, Promise<unknown>>();
  let generation = 0;

  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = stored.get(key);
      if (hit !== undefined) {
        if (hit.expiresAt > now()) return Promise.resolve(hit.value as T);
        stored.delete(key);
      }
      const pending = inFlight.get(key);
      if (pending !== undefined) return pending as Promise<T>;

      const startedIn = generation;
      const promise = (async () => {
        try {
          const value = await load();
          if (options.ttlMs > 0 && startedIn === generation) {
            stored.delete(key);
            stored.set(key, { value, expiresAt: now() + options.ttlMs });
            while (stored.size > maxEntries) {
              const oldest = stored.keys().next().value as string;
              stored.delete(oldest);
            }
          }
          return value;
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, promise);
      return promise;
    },
    size: () => stored.size,
    clear() {
      generation += 1;
      stored.clear();
    },
  };
}
