import { resolve } from 'node:path';
import { z } from 'zod';
import { SyncMappingStoreError } from './errors.js';
import { lockPathFor, withFileLock } from './internal/file-lock.js';
import { isPlainObject, parseJson, readText, readVersionedMap, writeJson as write } from './internal/json-file.js';
import { createKeyedLock } from './internal/keyed-lock.js';
import { createJsonLedgerStore } from './ledger/json-ledger-store.js';
import type { FilmCacheEntry, MappingStoreWithOverrides } from './mapping-store.js';
import { createJsonOverrideStore } from './overrides/json-override-store.js';

/** Options of {@link createJsonFileStore}. */
export interface JsonFileStoreOptions {
  /**
   * File of the film-resolution cache. Default: next to the mapping file, `.json` replaced by `.films.json`
   * (`tmdb_list_mappings.json` → `tmdb_list_mappings.films.json`), so the mapping file keeps the original
   * service's format.
   */
  filmsPath?: string;
  /**
   * How long {@link MappingStore.lock} waits for another process holding the same member, in milliseconds.
   * Default 15 minutes (a cold sync of a long list reads one film page per second).
   */
  lockTimeoutMs?: number;
  /**
   * File of the members' film ledgers. Default: next to the mapping file, `.json` replaced by `.ledger.json`
   * (`tmdb_list_mappings.ledger.json`).
   */
  ledgerPath?: string;
  /**
   * File of the match overrides (see `setOverride`). Default: next to the mapping file, `.json` replaced by
   * `.overrides.json` (`tmdb_list_mappings.overrides.json`).
   */
  overridesPath?: string;
}

/** A lock whose holder stopped refreshing it for 30 s (a killed process) is taken over. */
const LOCK_STALE_MS = 30_000;

/** Default mapping file name: `tmdb_list_mappings.json`, the name existing `{ member: listId }` files have. */
const DEFAULT_PATH = 'tmdb_list_mappings.json';

/** A list id as stored: a number, or a numeric string (accepted on read, written as a number). */
const listIdSchema = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/).transform(Number)]);

const filmEntrySchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('matched'),
    tmdbId: z.number().int().positive(),
    mediaType: z.enum(['movie', 'tv']),
    // Optional: entries written before the method was recorded stay valid.
    method: z.enum(['tmdb-id', 'imdb-id', 'search-exact', 'search-fuzzy']).optional(),
    imdbId: z.string().optional(),
    resolvedAt: z.string(),
  }),
  z.object({ status: z.literal('unmatched'), checkedAt: z.string() }),
]);

/** One lock per absolute path, shared by every store of this process (two stores on one file stay safe). */
const fileLock = createKeyedLock();

/**
 * A mapping store in a JSON file of the form `{"<username>": <listId>, …}` (existing
 * `tmdb_list_mappings.json` files are read and written as they are), plus a film cache in a sibling file.
 *
 * - A missing file is an empty store; it (and its parent directories) is created on the first write.
 * - Writes are atomic (temp file in the same directory + fsync + rename) and serialized within the process.
 * - Members' film ledgers (see `createLedgerSource`) live in a third sibling file (`….ledger.json`), match
 *   overrides (see `setOverride`) in a fourth (`….overrides.json`).
 * - A corrupt or unreadable file raises {@link SyncMappingStoreError} and is never overwritten.
 * - `lock(key, fn)` coordinates processes sharing the file (a server and a cron runner): a lock directory
 *   `<mapping file>.<key>.lock` next to the mapping file (proper-lockfile: atomic `mkdir`, refreshed while
 *   held, taken over after 30 s without a refresh, so a killed process never blocks a member for long).
 *   The sync holds it for a member's whole sync.
 *
 * @param path Mapping file. Default `'tmdb_list_mappings.json'` (relative to the working directory).
 */
export function createJsonFileStore(path: string = DEFAULT_PATH, options: JsonFileStoreOptions = {}): MappingStoreWithOverrides {
  const mappingPath = resolve(path);
  const filmsPath = resolve(options.filmsPath ?? siblingPath(path, 'films'));
  const ledgerPath = resolve(options.ledgerPath ?? siblingPath(path, 'ledger'));
  const overridesPath = resolve(options.overridesPath ?? siblingPath(path, 'overrides'));
  const lockTimeoutMs = options.lockTimeoutMs ?? 15 * 60_000;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs < 0) {
    throw new RangeError(`createJsonFileStore: lockTimeoutMs must be a number of milliseconds ≥ 0, got ${String(lockTimeoutMs)}.`);
  }

  const readMappings = async (): Promise<Map<string, number>> => {
    const text = await readText(mappingPath);
    if (text === undefined) return new Map();
    const json = parseJson(mappingPath, text);
    const mappings = new Map<string, number>();
    const valid =
      isPlainObject(json) &&
      Object.entries(json).every(([username, value]) => {
        const id = listIdSchema.safeParse(value);
        if (id.success) mappings.set(username, id.data);
        return id.success;
      });
    if (!valid) {
      throw new SyncMappingStoreError(
        mappingPath,
        'corrupt',
        'expected an object of the form {"<username>": <TMDb list id>}.',
      );
    }
    return mappings;
  };

  const updateMappings = (change: (mappings: Map<string, number>) => boolean): Promise<void> =>
    fileLock.run(mappingPath, async () => {
      const mappings = await readMappings();
      if (!change(mappings)) return;
      await write(mappingPath, `${JSON.stringify(Object.fromEntries(mappings), null, 2)}\n`);
    });

  const readFilms = (): Promise<Map<string, FilmCacheEntry>> =>
    readVersionedMap(filmsPath, 'films', (value) => filmEntrySchema.safeParse(value), 'a film cache');

  return {
    async get(username) {
      return (await readMappings()).get(username);
    },
    async set(username, listId) {
      assertListId(mappingPath, listId);
      await updateMappings((mappings) => {
        if (mappings.get(username) === listId) return false;
        mappings.set(username, listId);
        return true;
      });
    },
    async delete(username) {
      await updateMappings((mappings) => mappings.delete(username));
    },
    async all() {
      return Object.fromEntries(await readMappings());
    },
    lock(key, fn, lockOptions = {}) {
      return withFileLock(
        lockPathFor(mappingPath, key),
        fn,
        { timeoutMs: lockTimeoutMs, retryMs: 100, staleMs: LOCK_STALE_MS },
        lockOptions.signal,
      );
    },
    films: {
      async getMany(slugs) {
        const films = await readFilms();
        const found = new Map<string, FilmCacheEntry>();
        for (const slug of slugs) {
          const entry = films.get(slug);
          if (entry) found.set(slug, entry);
        }
        return found;
      },
      async setMany(entries) {
        if (entries.size === 0) return;
        await fileLock.run(filmsPath, async () => {
          const films = await readFilms();
          for (const [slug, entry] of entries) films.set(slug, entry);
          await write(filmsPath, `${JSON.stringify({ version: 1, films: Object.fromEntries(films) })}\n`);
        });
      },
    },
    ledger: createJsonLedgerStore(ledgerPath),
    overrides: createJsonOverrideStore(overridesPath),
  };
}

/** `tmdb_list_mappings.json` → `tmdb_list_mappings.<kind>.json`. */
function siblingPath(path: string, kind: string): string {
  return path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}.${kind}.json` : `${path}.${kind}.json`;
}

function assertListId(path: string, listId: number): void {
  if (!Number.isInteger(listId) || listId <= 0) {
    throw new SyncMappingStoreError(path, 'write-failed', `list id must be a positive integer, got ${String(listId)}.`);
  }
}
