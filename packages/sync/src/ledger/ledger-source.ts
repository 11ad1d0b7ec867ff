import { SyncOptionsError } from '../errors.js';
import type { FilmSource, SourceFilm } from '../film-source.js';
import { sortItems } from '../paginate.js';
import { SyncEmptyLedgerError } from './ledger-errors.js';
import type { FilmProvenance, LedgerFilm } from './ledger-types.js';
import { readLedger, type LedgerDeps } from './update-ledger.js';

/** A film of the ledger source: rated and liked, with where both facts came from. */
export interface LedgerSourceFilm extends SourceFilm {
  /** Where the rating and the like came from (and when they were observed). */
  provenance: FilmProvenance;
  /** The ledger record's id. */
  ledgerId: string;
}

/** A `FilmSource` over members' ledgers. */
export interface LedgerSource extends FilmSource {
  /**
   * The member's films that the ledger knows as rated AND liked: best rating first, then most recently rated,
   * then title (case- and accent-insensitive), then key — the order of the other sources; at most `limit`
   * (default: all). No network.
   *
   * `slug` is the film's Letterboxd slug, or its export key (`boxd:<code>`) for films only the export knows — the
   * keys the film cache uses for the other sources, so resolutions are shared. `tmdb` is set when known.
   *
   * @throws {SyncEmptyLedgerError} no film is rated and liked (never an empty result).
   * @throws the store's errors (a corrupt ledger file: `SyncMappingStoreError`).
   */
  getTopRated(username: string, options?: { limit?: number; signal?: AbortSignal }): Promise<LedgerSourceFilm[]>;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Makes a film source from the members' ledgers in `deps.store` (seed them with `seedLedgerFromExport`, keep
 * them current with `refreshLedger`). Plug it into `syncUser(username, { source, tmdb, store })`.
 *
 * @throws {SyncOptionsError} the store has no `ledger`.
 */
export function createLedgerSource(deps: LedgerDeps): LedgerSource {
  if (!deps?.store?.ledger) {
    throw new SyncOptionsError('store', deps?.store, 'a mapping store with a `ledger` (createJsonFileStore, createMemoryStore)');
  }
  return {
    async getTopRated(username, { limit, signal } = {}) {
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
        throw new SyncOptionsError('limit', limit, 'a positive integer');
      }
      signal?.throwIfAborted();
      const ledger = await readLedger(username, deps);
      if (ledger.films.length === 0) throw new SyncEmptyLedgerError(username, 'is empty');
      const top = ledger.films.filter((film) => film.rating !== null && film.liked === true);
      if (top.length === 0) {
        throw new SyncEmptyLedgerError(username, `has no film that is both rated and liked (of ${ledger.films.length} films)`);
      }
      const films = top.map(toSourceFilm);
      // Ties on the rating: most recently rated first, then title, then key (stable across runs).
      films.sort(
        (a, b) =>
          whenOf(b).localeCompare(whenOf(a)) || collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
      );
      const ranked = sortItems(films, 'rating', 'desc');
      return limit === undefined ? ranked : ranked.slice(0, limit);
    },
  };
}

function whenOf(film: LedgerSourceFilm): string {
  return film.provenance.rating?.observedAt ?? '';
}

function toSourceFilm(film: LedgerFilm): LedgerSourceFilm {
  return {
    slug: film.slug ?? film.exportKey ?? `ledger:${film.id}`,
    title: film.title,
    year: film.year,
    rating: film.rating,
    ...(film.tmdb && { tmdb: { id: film.tmdb.id, type: film.tmdb.type } }),
    provenance: structuredClone(film.provenance),
    ledgerId: film.id,
  };
}
