import type { FilmSource, SourceFilm } from '../film-source.js';
import type { FilmCache, FilmCacheEntry } from '../mapping-store.js';
import type { FilmOverride, OverrideStore } from '../overrides/override-store.js';
import type { MatchMethod } from '@lbx/tmdb';
import type { FilmMatchMethod, ResolvedVia, SyncEvent, SyncFilmRef, UnmatchedFilm } from '../sync-types.js';
import type { SyncTmdbClient } from '../tmdb-port.js';
import { mapPool } from './map-pool.js';

/** How many films are looked up at the same time (the clients rate-limit their own requests). */
const LOOKUP_CONCURRENCY = 4;

export interface ResolvedFilm {
  film: SourceFilm;
  mediaType: 'movie' | 'tv';
  mediaId: number;
  via: ResolvedVia;
  method: FilmMatchMethod;
  /** The film's IMDb id when something already read knew it (the source, the film cache, the film page). */
  imdbId: string | null;
}

export interface ResolveContext {
  username: string;
  source: FilmSource;
  tmdb: SyncTmdbClient;
  cache: FilmCache | undefined;
  /** The store's match overrides: they win over the source's id, the cache, the film page and the search. */
  overrides: OverrideStore | undefined;
  retryUnmatchedAfterMs: number;
  signal: AbortSignal | undefined;
  emit: (event: SyncEvent) => void;
  /** Receives new cache entries as films resolve, so the caller can keep them even when a later film fails. */
  cacheUpdates: Map<string, FilmCacheEntry>;
}

/**
 * Resolve each film's TMDb id: an override → the id the source gave → the cache → the source's film page →
 * `matchFilm`. An exclusion makes the film unmatched (`excluded-by-override`).
 * Returns one outcome per film, in the films' order (resolved or unmatched); new cache entries go to
 * `ctx.cacheUpdates`. TMDb errors propagate (the member fails); a failed film page falls back to the search.
 */
export async function resolveFilms(
  films: readonly SourceFilm[],
  ctx: ResolveContext,
): Promise<Array<ResolvedFilm | UnmatchedFilm>> {
  const slugs = films.map((film) => film.slug);
  const overrides = ctx.overrides ? await ctx.overrides.getMany(slugs) : new Map<string, FilmOverride>();
  const cached = ctx.cache ? await ctx.cache.getMany(slugs) : new Map<string, FilmCacheEntry>();
  const { cacheUpdates } = ctx;
  const now = Date.now();

  const resolveOne = async (film: SourceFilm): Promise<ResolvedFilm | UnmatchedFilm> => {
    const override = overrides.get(film.slug);
    const entry = cached.get(film.slug);
    // The IMDb id comes from what is read anyway (never an extra request): the source, then the film cache.
    const known = film.imdbId ?? (entry?.status === 'matched' ? entry.imdbId : undefined) ?? null;
    if (override?.kind === 'pin') {
      return { film, mediaType: override.mediaType, mediaId: override.tmdbId, via: 'override', method: 'override', imdbId: known };
    }
    if (override?.kind === 'exclude') return { ...ref(film), reason: 'excluded-by-override' };
    if (film.tmdb) return { film, mediaType: film.tmdb.type, mediaId: film.tmdb.id, via: 'source', method: 'tmdb-id', imdbId: known };
    if (entry?.status === 'matched') {
      // Entries written before the method was recorded have none: the match stands, its method is unknown.
      return { film, mediaType: entry.mediaType, mediaId: entry.tmdbId, via: 'cache', method: entry.method ?? null, imdbId: known };
    }
    if (entry?.status === 'unmatched' && now - Date.parse(entry.checkedAt) < ctx.retryUnmatchedAfterMs) {
      return { ...ref(film), reason: 'no-match' };
    }

    let imdbId = film.imdbId ?? null;
    let pageFailed = false;
    if (ctx.source.getFilm) {
      try {
        const details = await ctx.source.getFilm(film.slug, { signal: ctx.signal });
        imdbId = details.imdbId ?? imdbId;
        if (details.tmdb) {
          cacheUpdates.set(film.slug, matched(details.tmdb.id, details.tmdb.type, 'tmdb-id', imdbId));
          return { film, mediaType: details.tmdb.type, mediaId: details.tmdb.id, via: 'film-page', method: 'tmdb-id', imdbId };
        }
      } catch (error) {
        ctx.signal?.throwIfAborted();
        pageFailed = true;
      }
    }

    const match = await ctx.tmdb.matchFilm({ title: film.title, year: film.year, imdbId }, { signal: ctx.signal });
    if (match) {
      cacheUpdates.set(film.slug, matched(match.id, match.mediaType, match.method, imdbId));
      return { film, mediaType: match.mediaType, mediaId: match.id, via: 'search', method: match.method, imdbId };
    }
    if (pageFailed) return { ...ref(film), reason: 'film-page-failed' };
    cacheUpdates.set(film.slug, { status: 'unmatched', checkedAt: new Date().toISOString() });
    return { ...ref(film), reason: 'no-match' };
  };

  return mapPool(films, LOOKUP_CONCURRENCY, async (film) => {
    ctx.signal?.throwIfAborted();
    const outcome = await resolveOne(film);
    if ('reason' in outcome) {
      ctx.emit({ type: 'film-unmatched', username: ctx.username, film: ref(film), reason: outcome.reason });
    } else {
      ctx.emit({
        type: 'film-resolved',
        username: ctx.username,
        film: ref(film),
        tmdb: { id: outcome.mediaId, mediaType: outcome.mediaType },
        via: outcome.via,
        method: outcome.method,
        ...(film.provenance && { provenance: film.provenance }),
      });
    }
    return outcome;
  });
}

export function ref(film: SourceFilm): SyncFilmRef {
  return { slug: film.slug, title: film.title, year: film.year };
}

function matched(tmdbId: number, mediaType: 'movie' | 'tv', method: MatchMethod, imdbId: string | null): FilmCacheEntry {
  return { status: 'matched', tmdbId, mediaType, method, ...(imdbId !== null && { imdbId }), resolvedAt: new Date().toISOString() };
}
