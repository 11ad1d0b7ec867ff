import { LRUCache } from 'lru-cache';

/** Loads a value for the cache; `signal` aborts when every caller waiting for the load has gone (see `fetch`). */
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
   * (rejecting with its reason) without cancelling the shared load the other callers wait on; when the last
   * caller waiting on a load leaves this way, the load's own signal aborts (the upstream request stops) and the
   * entry is dropped, so the next caller starts afresh. A caller without `signal` keeps the load going.
   */
  fetch<T extends object>(key: string, load: CacheLoad<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** Entries currently held (fresh, loading, or expired and not yet dropped). */
  size(): number;
  /** Callers with a signal waiting on the load in flight for `key` (0 when none is in flight). */
  waiters(key: string): number;
}

/** Create a {@link ReadCache}. */
export function createReadCache(options: ReadCacheOptions): ReadCache {
  /** The loads in flight: who waits on each (a caller without a signal pins it), and how to stop it. */
  const loading = new Map<string, { controller: AbortController; waiters: number; pinned: boolean }>();
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
    // Not the entry's own signal (it fires on eviction too, while callers may still wait): one per load.
    fetchMethod: (key, _stale, { context }) => {
      const load = { controller: new AbortController(), waiters: 0, pinned: false };
      loading.set(key, load);
      return context(load.controller.signal).finally(() => {
        if (loading.get(key) === load) loading.delete(key);
      });
    },
  });
  return {
    fetch<T extends object>(key: string, load: CacheLoad<T>, { signal }: { signal?: AbortSignal } = {}): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const shared = cache.fetch(key, { context: load }) as Promise<T>;
      const inFlight = loading.get(key);
      if (inFlight === undefined) return shared; // a fresh value: nothing to wait for
      if (signal === undefined) {
        inFlight.pinned = true;
        return shared;
      }
      inFlight.waiters += 1;
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          inFlight.waiters -= 1;
          reject(signal.reason);
          if (inFlight.waiters > 0 || inFlight.pinned || loading.get(key) !== inFlight) return;
          // Nobody waits any more: stop the upstream work and forget the entry.
          loading.delete(key);
          cache.delete(key);
          inFlight.controller.abort(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    size: () => cache.size,
    waiters: (key) => loading.get(key)?.waiters ?? 0,
  };
}

