import { SyncOptionsError } from './errors.js';
import type { SourceFilm } from './film-source.js';
import { type ListDefinition, type ResolvedDefinition, resolveDefinition } from './list-definition.js';
import type { ListSource, ListSourceReadOptions } from './list-source.js';
import { sortItems } from './paginate.js';
import { resolveSyncOptions } from './sync-options.js';
import type { MatchedFilm, SyncDeps, SyncOptions, SyncResult, UnmatchedFilm } from './sync-types.js';
import { type SyncTarget, resolveTarget, syncTarget } from './sync-user.js';

/** What {@link syncList} works with: {@link SyncDeps} whose source can read the definition's kind of list. */
export interface SyncListDeps extends SyncDeps {
  source: ListSource;
}

/** Options of {@link syncList}: those of `syncUser` that do not describe the films (the definition does). */
export type SyncListOptions = Omit<SyncOptions, 'limit' | 'sortBy' | 'order' | 'listName' | 'description'>;

const METHOD = { watchlist: 'getWatchlist', liked: 'getLikedFilms', rated: 'getFilms', list: 'getList', 'top-rated': 'getTopRated' } as const;

/** Reads the definition's films from the source, in the source's order (`limit` only when nothing filters after). */
async function read(def: ResolvedDefinition, source: ListSource, options: ListSourceReadOptions): Promise<readonly SourceFilm[]> {
  const { member } = def;
  switch (def.source) {
    case 'top-rated':
      return source.getTopRated(member, options);
    case 'watchlist':
      return (source.getWatchlist as NonNullable<ListSource['getWatchlist']>)(member, options);
    case 'liked':
      return (source.getLikedFilms as NonNullable<ListSource['getLikedFilms']>)(member, options);
    case 'rated': {
      const films = await (source.getFilms as NonNullable<ListSource['getFilms']>)(member, { ...options, sort: 'entry-rating' });
      const firstUnrated = films.findIndex((film) => film.rating === null);
      return firstUnrated < 0 ? films : films.slice(0, firstUnrated);
    }
    case 'list':
      return (await (source.getList as NonNullable<ListSource['getList']>)(member, def.slug as string, options)).films;
  }
}

function keep(def: ResolvedDefinition, film: SourceFilm): boolean {
  if (def.minRating !== undefined && (film.rating === null || film.rating < def.minRating)) return false;
  if (def.maxRating !== undefined && (film.rating === null || film.rating > def.maxRating)) return false;
  if (def.yearFrom !== undefined && (film.year === null || film.year < def.yearFrom)) return false;
  if (def.yearTo !== undefined && (film.year === null || film.year > def.yearTo)) return false;
  return true;
}

/**
 * Make one TMDb list equal to a {@link ListDefinition}'s films — a member's top-rated, watchlist, liked or
 * rated films, or one of their lists, filtered and ordered — with the guarantees of `syncUser`: a diff (never a
 * clear), the safety valves (an empty read or a mass removal is refused), dry run, events, the film cache, and
 * one sync per target at a time (in-process and through the store's lock). The TMDb list is mapped under the
 * definition's id ({@link definitionId}): a member's `top-rated` definition keeps the key `<member>`, so it is
 * the very list `syncUser` keeps.
 *
 * Resolves (never rejects) with a {@link SyncResult} carrying `definitionId`. Rejects only for an invalid
 * definition or options, or a source that cannot read the definition's kind (`SyncOptionsError`, before any
 * request), or when `options.signal` aborts.
 *
 * @example
 * await syncList({ source: 'watchlist', member: 'alice', yearFrom: 2000, excludeTv: true }, { source: letterboxd, tmdb, store });
 */
export function syncList(definition: ListDefinition, deps: SyncListDeps, options: SyncListOptions = {}): Promise<SyncResult> {
  let prepared: { target: SyncTarget; opts: ReturnType<typeof resolveSyncOptions> };
  try {
    prepared = prepare(definition, deps, options);
  } catch (error) {
    return Promise.reject(error);
  }
  return syncTarget(prepared.target, deps, prepared.opts);
}

/** What {@link resolveList} found: the definition's films matched to TMDb, and those that were not. */
export interface ResolvedList {
  definitionId: string;
  member: string;
  /** Films the source gave after the rating/year filters (before TV was dropped and `limit` applied). */
  totalFilms: number;
  /** The films on the list, in its order, with their TMDb entries (TV dropped when `excludeTv`; at most `limit`). */
  films: MatchedFilm[];
  /** Films with no confident TMDb match, with why. */
  notMatched: UnmatchedFilm[];
}

/**
 * The films a {@link ListDefinition} selects, resolved to TMDb entries exactly as {@link syncList} would (the
 * film cache is read and updated), without reading or writing any TMDb list: for serving a definition to
 * another reader (e.g. a Radarr custom list). Rejects with the source's error when the read fails — never an
 * empty result for a failed read — or with a `SyncOptionsError` for an invalid definition.
 */
export async function resolveList(
  definition: ListDefinition,
  deps: SyncListDeps,
  options: Pick<SyncOptions, 'signal' | 'retryUnmatchedAfterMs'> = {},
): Promise<ResolvedList> {
  const { target, opts } = prepare(definition, deps, options);
  const resolved = await resolveTarget(target, deps, opts);
  return {
    definitionId: target.key,
    member: target.username,
    totalFilms: resolved.totalFilms,
    films: resolved.matchedFilms,
    notMatched: resolved.notMatched,
  };
}

function prepare(definition: ListDefinition, deps: SyncListDeps, options: SyncListOptions) {
  const def = resolveDefinition(definition);
  const opts = resolveSyncOptions(options);
  const method = METHOD[def.source];
  if (typeof deps.source?.[method] !== 'function') {
    throw new SyncOptionsError('source', deps.source, `a source with ${method}() for "${def.source}" definitions (e.g. createLetterboxdClient())`);
  }
  // The source may stop early only when nothing after it drops films: no filter, source order, TV kept.
  const filtered = def.minRating !== undefined || def.maxRating !== undefined || def.yearFrom !== undefined || def.yearTo !== undefined;
  const early = !filtered && def.order === 'source' && !def.excludeTv;
  const what = def.source === 'list' ? `list "${def.slug}" of "${def.member}"` : `${def.source} films of "${def.member}"`;
  const target: SyncTarget = {
    key: def.id,
    username: def.member,
    definitionId: def.id,
    async fetch(_source, signal) {
      const films = await read(def, deps.source, { ...(early && { limit: def.limit }), ...(signal && { signal }) });
      const kept = films.filter((film) => keep(def, film));
      const ordered = def.order === 'source' ? kept : sortItems(kept, def.order, def.direction);
      return def.excludeTv ? ordered : ordered.slice(0, def.limit);
    },
    excludeTv: def.excludeTv,
    limit: def.excludeTv ? def.limit : undefined,
    listName: () => def.listName,
    description: () => def.description,
    nothingFetched:
      `The source returned no ${what}${filtered ? ' that pass the filters' : ''} for definition "${def.id}"; refusing to ` +
      'empty the list. Check the definition and re-run with force: true if the list should really be empty.',
  };
  return { target, opts };
}
