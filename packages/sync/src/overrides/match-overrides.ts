import { isTmdbError, type TmdbClient } from '@lbx/tmdb';
import type { MappingStore } from '../mapping-store.js';
import { SyncOverrideError } from './override-error.js';
import type { FilmOverride, OverrideStore } from './override-store.js';

/** What {@link setOverride} needs from the TMDb client: `createTmdbClient()` fits as it is. */
export type OverrideTmdbClient = Pick<TmdbClient, 'getMovie' | 'getTv'>;

/**
 * An override to set: pin the film to a TMDb movie or series, or exclude it from every list. `key` is the
 * film's Letterboxd slug (`parasite-2019`), or its export key (`boxd:hTha`) for a film without one — what
 * `matchedFilms[].slug` and `notMatched[].slug` show.
 */
export type OverrideInput =
  | { key: string; tmdbId: number; mediaType: 'movie' | 'tv' }
  | { key: string; exclude: true };

/** An override with its film key, as {@link listOverrides} returns it. */
export type ListedOverride = FilmOverride & { key: string };

/** The largest id TMDb hands out fits a signed 32-bit integer. */
const MAX_TMDB_ID = 2_147_483_647;
const KEY_PATTERN = /^[^\s\p{Cc}]{1,200}$/u;

/**
 * Pin a film to a TMDb id, or exclude it, for every member and list of this store. A pin is checked on TMDb
 * first (a movie or TV details request): an id TMDb does not know is refused and nothing is stored. The next
 * sync uses it before the film cache, the film page or any search (`via` and `method`: `'override'`).
 *
 * @param tmdb The TMDb client that checks a pin; `null` when there is none (then only exclusions can be set).
 * @returns the override as stored.
 * @throws {SyncOverrideError} the key or id is invalid, TMDb does not know the id, TMDb could not be asked, or the
 *   store has no `overrides`; the store is unchanged.
 * @throws the store's own errors (e.g. `SyncMappingStoreError` for an unreadable file), or `signal`'s reason.
 *
 * @example
 * await setOverride(store, tmdb, { key: 'the-thing', tmdbId: 1091, mediaType: 'movie' });
 * await setOverride(store, tmdb, { key: 'boxd:2b4Q', exclude: true });
 */
export async function setOverride(
  store: Pick<MappingStore, 'overrides'>,
  tmdb: OverrideTmdbClient | null,
  input: OverrideInput,
  options: { signal?: AbortSignal } = {},
): Promise<FilmOverride> {
  const key = checkKey(input?.key);
  const overrides = overridesOf(store, key);
  const setAt = new Date().toISOString();
  if ('exclude' in input) {
    if (input.exclude !== true) throw new SyncOverrideError('invalid-id', { key }, 'exclude must be true (to pin the film, give tmdbId and mediaType).');
    const exclusion: FilmOverride = { kind: 'exclude', setAt };
    await overrides.set(key, exclusion);
    return exclusion;
  }
  const { tmdbId, mediaType } = input;
  if (mediaType !== 'movie' && mediaType !== 'tv') {
    throw new SyncOverrideError('invalid-id', { key, tmdbId }, `mediaType must be "movie" or "tv", got ${JSON.stringify(mediaType)}.`);
  }
  if (!Number.isSafeInteger(tmdbId) || tmdbId <= 0 || tmdbId > MAX_TMDB_ID) {
    throw new SyncOverrideError(
      'invalid-id',
      { key, mediaType },
      `the TMDb id must be a positive integer (the number in themoviedb.org/${mediaType}/<id>), got ${String(tmdbId)}.`,
    );
  }
  if (tmdb === null) {
    throw new SyncOverrideError('tmdb-unavailable', { key, tmdbId, mediaType }, 'no TMDb client to check the id with; configure TMDb credentials and set it again.');
  }
  const found = await lookUp(tmdb, key, tmdbId, mediaType, options.signal);
  const pin: FilmOverride = { kind: 'pin', tmdbId, mediaType, title: found.title, year: found.year, setAt };
  await overrides.set(key, pin);
  return pin;
}

/**
 * Remove a film's override: the next sync resolves it as before (film cache, film page, search).
 *
 * @returns `true` when the film had an override.
 * @throws {SyncOverrideError} the key is invalid or the store has no `overrides`.
 */
export async function removeOverride(store: Pick<MappingStore, 'overrides'>, key: string): Promise<boolean> {
  const checked = checkKey(key);
  return overridesOf(store, checked).delete(checked);
}

/** Every override of the store, sorted by film key (`[]` for a store without `overrides`). */
export async function listOverrides(store: Pick<MappingStore, 'overrides'>): Promise<ListedOverride[]> {
  if (!store.overrides) return [];
  const all = await store.overrides.all();
  return [...all]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, override]) => ({ key, ...override }));
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new SyncOverrideError(
      'invalid-key',
      { key: typeof key === 'string' ? key : String(key) },
      'a film key is the Letterboxd slug (e.g. "parasite-2019") or the export key (e.g. "boxd:hTha"): 1–200 characters without spaces.',
    );
  }
  return key;
}

function overridesOf(store: Pick<MappingStore, 'overrides'>, key: string): OverrideStore {
  if (!store?.overrides) {
    throw new SyncOverrideError(
      'no-override-store',
      { key },
      'this mapping store keeps no overrides; use createJsonFileStore, createMemoryStore or createPostgresStore, or add `overrides` to your adapter.',
    );
  }
  return store.overrides;
}

async function lookUp(
  tmdb: OverrideTmdbClient,
  key: string,
  tmdbId: number,
  mediaType: 'movie' | 'tv',
  signal: AbortSignal | undefined,
): Promise<{ title: string | null; year: number | null }> {
  const kind = mediaType === 'movie' ? 'movie' : 'TV series';
  try {
    if (mediaType === 'movie') {
      const movie = await tmdb.getMovie(tmdbId, { ...(signal && { signal }) });
      return { title: movie.title, year: movie.year };
    }
    const show = await tmdb.getTv(tmdbId, { ...(signal && { signal }) });
    return { title: show.name, year: show.year };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (isTmdbError(error) && error.status === 404) {
      const other = mediaType === 'movie' ? 'tv' : 'movie';
      throw new SyncOverrideError(
        'unknown-tmdb-id',
        { key, tmdbId, mediaType },
        `TMDb has no ${kind} with id ${tmdbId}. Copy the id from the film's TMDb page (themoviedb.org/${mediaType}/<id>); ` +
          `if it is a ${other === 'tv' ? 'TV series' : 'movie'}, set mediaType "${other}".`,
        { cause: error },
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new SyncOverrideError(
      'tmdb-unavailable',
      { key, tmdbId, mediaType },
      `could not check ${kind} ${tmdbId} on TMDb (${detail.replace(/[.\s]+$/, '')}). Fix the cause and set it again.`,
      { cause: error },
    );
  }
}
