import { LRUCache } from 'lru-cache';

/** Loads a value for the cache; `signal` aborts when the entry is dropped (evicted) while loading. */
export type CacheLoad<T> = (signal: AbortSignal) => Promise<T>;

/** Options of {@link createReadCache}. */
export interface ReadCacheOptions {
  /** How long a successful value is served, in milliseconds; 0 stores nothing (calls are still coalesced). */
  ttlMs: number;
  /** Most entries kept; the least recently used are dropped first. Default 1000. */
  maxEntries?: number;
  /** Clock in milliseconds (only differences matter). Default `performance.now`. */
  now?: () => number;
}

/** An in-process cache of async results with request coalescing (`lru-cache` with `ttl` and `fetch`). */
export interface ReadCache {
  /**
   * The fresh cached value for `key`, else the result of the load already in flight for `key`, else the
   * result of a new `load()`. Only successes are stored: a failed load is forgotten at once, so the next call
   * tries again (every caller waiting on that load receives its error). `signal` ends this caller's wait
   * (rejecting with its reason) without cancelling the shared load the other callers wait on.
   */
  fetch<T extends object>(key: string, load: CacheLoad<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** Entries currently held (fresh, loading, or expired and not yet dropped). */
  size(): number;
}

/** Create a {@link ReadCache}. */
export function createReadCache(options: ReadCacheOptions): ReadCache {
  const cache = new LRUCache<string, object, CacheLoad<object>>({
    max: options.maxEntries ?? 1000,
    ...(options.ttlMs > 0
      ? { ttl: options.ttlMs }
      : // Nothing fits: a loaded value (size 2) is never stored, while the load in flight (counted as
        // `backgroundFetchSize`, 1) is, so concurrent calls still share it.
        { maxEntrySize: 1, sizeCalculation: () => 2 }),
    ttlResolution: 0,
    ...(options.now && { perf: { now: options.now } }),
    // A dropped entry's load still settles for the callers waiting on it; it is just not stored.
    ignoreFetchAbort: true,
    fetchMethod: (_key, _stale, { signal, context }) => context(signal),
  });
  return {
    fetch<T extends object>(key: string, load: CacheLoad<T>, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
      const shared = cache.fetch(key, { context: load }) as Promise<T>;
      if (signal === undefined) return shared;
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    size: () => cache.size,
  };
}
