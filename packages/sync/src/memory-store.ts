import type { MemberLedger } from './ledger/ledger-types.js';
import type { FilmCacheEntry, MappingStoreWithOverrides } from './mapping-store.js';
import type { FilmOverride } from './overrides/override-store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** Initial mappings `{ [username]: listId }`. Default: none. */
  mappings?: Record<string, number>;
}

/**
 * An in-memory mapping store with a film cache, member ledgers and match overrides: for tests, one-off scripts, or as the model for an adapter.
 * Nothing survives the process.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MappingStoreWithOverrides {
  const mappings = new Map<string, number>(Object.entries(options.mappings ?? {}));
  const films = new Map<string, FilmCacheEntry>();
  const ledgers = new Map<string, MemberLedger>();
  const overrides = new Map<string, FilmOverride>();
  return {
    async get(username) {
      return mappings.get(username);
    },
    async set(username, listId) {
      if (!Number.isInteger(listId) || listId <= 0) {
        throw new RangeError(`Memory store: list id must be a positive integer, got ${String(listId)}; nothing was written.`);
      }
      mappings.set(username, listId);
    },
    async delete(username) {
      mappings.delete(username);
    },
    async all() {
      return Object.fromEntries(mappings);
    },
    films: {
      async getMany(slugs) {
        const found = new Map<string, FilmCacheEntry>();
        for (const slug of slugs) {
          const entry = films.get(slug);
          if (entry) found.set(slug, { ...entry });
        }
        return found;
      },
      async setMany(entries) {
        for (const [slug, entry] of entries) films.set(slug, { ...entry });
      },
    },
    ledger: {
      async get(username) {
        const ledger = ledgers.get(username);
        return ledger && structuredClone(ledger);
      },
      async put(username, ledger) {
        ledgers.set(username, structuredClone(ledger));
      },
    },
    overrides: {
      async getMany(keys) {
        const found = new Map<string, FilmOverride>();
        for (const key of keys) {
          const override = overrides.get(key);
          if (override) found.set(key, { ...override });
        }
        return found;
      },
      async all() {
        return new Map([...overrides].map(([key, override]) => [key, { ...override }]));
      },
      async set(key, override) {
        overrides.set(key, { ...override });
      },
      async delete(key) {
        return overrides.delete(key);
      },
    },
  };
}
