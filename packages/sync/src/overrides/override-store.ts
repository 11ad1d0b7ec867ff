/**
 * Match overrides: an operator's decision about one Letterboxd film, kept per instance (every member and list
 * definition of the store shares it), keyed like the film cache — the film's Letterboxd slug, or its export key
 * (`boxd:<code>`) for films only a data export knows.
 */

/** The film always resolves to this TMDb entry (no cache, film page or search is consulted). */
export interface FilmPin {
  kind: 'pin';
  /** TMDb id of the movie or series. */
  tmdbId: number;
  /** Whether `tmdbId` is a movie or a TV series id. */
  mediaType: 'movie' | 'tv';
  /** TMDb's title (or series name) when the pin was checked, or `null` when unknown; for display only. */
  title: string | null;
  /** TMDb's release (first air) year when the pin was checked, or `null`; for display only. */
  year: number | null;
  /** When the override was set (ISO 8601). */
  setAt: string;
}

/** The film is left out of every list (reported in `notMatched` with reason `excluded-by-override`). */
export interface FilmExclusion {
  kind: 'exclude';
  /** When the override was set (ISO 8601). */
  setAt: string;
}

/** One film's override, discriminated on `kind`. */
export type FilmOverride = FilmPin | FilmExclusion;

/**
 * Where overrides are kept: `MappingStore.overrides`. Optional: a store without it simply has no overrides.
 *
 * Implementations must:
 * - return only the keys that have an override from `getMany` (absent keys are missing from the map);
 * - make `set` and `delete` durable before resolving, and never lose other overrides when one is written;
 * - treat keys as opaque strings (case and `__proto__` included), and store overrides as given;
 * - refuse to read or overwrite stored data they cannot parse (throw).
 *
 * Use `setOverride` (which checks the id on TMDb) rather than `set` directly.
 */
export interface OverrideStore {
  /** The overrides of the given film keys (batched: the sync asks once per run). */
  getMany(keys: readonly string[]): Promise<Map<string, FilmOverride>>;
  /** Every override, by film key. */
  all(): Promise<Map<string, FilmOverride>>;
  /** Insert or replace the override of `key`. */
  set(key: string, override: FilmOverride): Promise<void>;
  /** Remove the override of `key`; resolves `true` when there was one. */
  delete(key: string): Promise<boolean>;
}
