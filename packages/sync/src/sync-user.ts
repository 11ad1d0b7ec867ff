import { SyncMemberError, SyncOptionsError, type SyncStage } from './errors.js';
import type { FilmSource, SourceFilm } from './film-source.js';
import type { FilmCacheEntry } from './mapping-store.js';
import { emptyResultBase } from './internal/empty-result.js';
import { applyDiff, type WriteProgress } from './internal/apply-diff.js';
import { findMemberList, readList, type MemberList } from './internal/find-list.js';
import { createKeyedLock, type KeyedLock } from './internal/keyed-lock.js';
import { itemKey, planSync, type DesiredItem, type ListDiff } from './internal/plan-sync.js';
import { resolveFilms } from './internal/resolve-films.js';
import { ratingToStars } from './internal/stars.js';
import { sortItems } from './paginate.js';
import { normalizeUsername } from './normalize-username.js';
import { assertUsername, resolveSyncOptions, type ResolvedSyncOptions } from './sync-options.js';
import type { MatchedFilm, SyncDeps, SyncEvent, SyncOptions, SyncPlan, SyncResult, SyncResultBase, UnmatchedFilm } from './sync-types.js';

/**
 * Two syncs of the same member in this process run one after the other (whatever store or client objects the
 * callers built), so they never both create a list or interleave writes.
 */
const memberLock: KeyedLock = createKeyedLock();

/**
 * Make `username`'s TMDb list equal to their top-rated Letterboxd films, by a diff (never a clear).
 *
 * Resolves (never rejects) with a {@link SyncResult}: `synced`, `unchanged`, `refused` (a safety valve held;
 * nothing written) or `failed` (with a {@link SyncMemberError}). Rejects only for invalid options
 * or an empty username (`SyncOptionsError`) or when `options.signal` aborts (with the signal's reason). Syncs of the same member
 * within the process are serialized.
 *
 * @example
 * const result = await syncUser('alice', { source: letterboxd, tmdb, store: createJsonFileStore() });
 * if (result.status === 'failed') console.error(result.error.message);
 */
export function syncUser(username: string, deps: SyncDeps, options: SyncOptions = {}): Promise<SyncResult> {
  let resolved: ResolvedSyncOptions;
  try {
    assertUsername(username);
    resolved = resolveSyncOptions(options);
  } catch (error) {
    return Promise.reject(error);
  }
  const opts = resolved;
  return syncTarget(
    {
      key: username,
      username,
      async fetch(source, signal) {
        const fetched = await source.getTopRated(username, { limit: opts.limit, signal });
        return sortItems(fetched.slice(0, opts.limit), opts.sortBy, opts.order);
      },
      excludeTv: false,
      limit: undefined,
      listName: () => opts.listName(username),
      description: () => opts.description(username),
      nothingFetched:
        `The source returned no top-rated films for "${username}"; refusing to empty the list. ` +
        'Check the member (rated AND liked films) and re-run with force: true if the list should really be empty.',
    },
    deps,
    opts,
  );
}

/**
 * @internal What one sync keeps in step with a TMDb list: the member's top-rated films (`syncUser`) or any list
 * definition (`syncList`). Everything else — lock, diff, safety valves, dry run, events, film cache — is shared.
 */
export interface SyncTarget {
  /** Mapping key and lock key: the username for a member's top-rated list, else the definition id. */
  key: string;
  /** The member, as results, events and errors name them. */
  username: string;
  /** The definition id, reported on results of `syncList`. */
  definitionId?: string;
  /**
   * The films in the list's order, filtered (not yet resolved), read from `source` (the member's source, once a
   * {@link SyncDeps.source} function has picked it). Must throw rather than return `[]` on a failed read.
   */
  fetch(source: FilmSource, signal: AbortSignal | undefined): Promise<readonly SourceFilm[]>;
  /** Drop films that resolve to a TMDb TV entry. */
  excludeTv: boolean;
  /** At most this many items on the list, counted after `excludeTv`; `undefined` for all. */
  limit: number | undefined;
  listName: () => string;
  description: () => string;
  /** The refusal message when the source gave no film at all. */
  nothingFetched: string;
}

/** @internal Runs one target's sync under the in-process and the store's lock (see {@link syncUser}). */
export function syncTarget(target: SyncTarget, deps: SyncDeps, opts: ResolvedSyncOptions): Promise<SyncResult> {
  const key = normalizeUsername(target.key);
  return memberLock.run(key, () => underStoreLock(key, target, deps, opts));
}

/**
 * Hold the store's cross-process lock (when it has one) for the whole sync, so that processes sharing the
 * store never sync the same member at once. A lock that cannot be taken fails the member (stage `store`);
 * an abort while waiting rejects like any abort.
 */
async function underStoreLock(key: string, target: SyncTarget, deps: SyncDeps, opts: ResolvedSyncOptions): Promise<SyncResult> {
  const { store } = deps;
  const { username } = target;
  if (store.lock === undefined) return runSync(target, deps, opts);
  let entered = false;
  try {
    return await store.lock(
      key,
      () => {
        entered = true;
        return runSync(target, deps, opts);
      },
      { ...(opts.signal && { signal: opts.signal }) },
    );
  } catch (error) {
    if (entered || opts.signal?.aborted) throw error;
    const result: SyncResult = {
      ...emptyResultBase(target.username, opts.dryRun, target.definitionId),
      status: 'failed',
      error: new SyncMemberError(username, 'store', error),
    };
    try {
      opts.onEvent?.({ type: 'member-finished', username, result });
    } catch {
      // A listener's bug must not turn a result into a rejection.
    }
    return result;
  }
}

/**
 * @internal A target's films read and resolved to TMDb entries, without touching any TMDb list; the film cache
 * is read and updated as in a sync (entries found are saved even when a later step fails). Rejects with the
 * source's or TMDb's error.
 */
export async function resolveTarget(
  target: SyncTarget,
  deps: SyncDeps,
  opts: ResolvedSyncOptions,
): Promise<{ totalFilms: number; matchedFilms: MatchedFilm[]; notMatched: UnmatchedFilm[] }> {
  const { signal } = opts;
  const source = typeof deps.source === 'function' ? await deps.source(target.username, { ...(signal && { signal }) }) : deps.source;
  const films = await target.fetch(source, signal);
  const cacheUpdates = new Map<string, FilmCacheEntry>();
  try {
    const { matchedFilms, notMatched } = await desiredItems(films, target, { ...deps, source }, opts, () => undefined, cacheUpdates);
    return { totalFilms: films.length, matchedFilms, notMatched };
  } finally {
    if (cacheUpdates.size > 0 && deps.store.films) await deps.store.films.setMany(cacheUpdates).catch(() => undefined);
  }
}

async function runSync(target: SyncTarget, deps: SyncDeps, opts: ResolvedSyncOptions): Promise<SyncResult> {
  const { signal, dryRun } = opts;
  const { username } = target;
  const emit = (event: SyncEvent): void => {
    try {
      opts.onEvent?.(event);
    } catch {
      // A listener's bug must not break a sync halfway.
    }
  };
  const finish = (result: SyncResult): SyncResult => {
    emit({ type: 'member-finished', username, result });
    return result;
  };

  const base: SyncResultBase = emptyResultBase(target.username, dryRun, target.definitionId);
  const progress: WriteProgress = { added: 0, removed: 0, reordered: 0, commentsUpdated: 0, writes: 0, rejected: [] };
  const cacheUpdates = new Map<string, FilmCacheEntry>();
  let cacheSaved = false;
  let stage: SyncStage = 'store';

  try {
    signal?.throwIfAborted();
    emit({ type: 'member-started', username, dryRun });
    const mappedId = await deps.store.get(target.key);
    base.listId = mappedId ?? null;

    stage = 'fetch-films';
    const source = typeof deps.source === 'function' ? await deps.source(username, { ...(signal && { signal }) }) : deps.source;
    const films = await target.fetch(source, signal);
    base.totalFilms = films.length;
    emit({ type: 'films-fetched', username, count: films.length });

    stage = 'resolve-films';
    const { desired, notMatched, matchedFilms } = await desiredItems(films, target, { ...deps, source }, opts, emit, cacheUpdates);
    base.matched = matchedFilms.length;
    base.matchedFilms = matchedFilms;
    base.notMatched = notMatched;
    if (!dryRun && cacheUpdates.size > 0 && deps.store.films) {
      stage = 'store';
      cacheSaved = true;
      await deps.store.films.setMany(cacheUpdates);
    }

    if (desired.length === 0 && !opts.force) {
      const message =
        films.length === 0
          ? target.nothingFetched
          : `None of the ${films.length} films of "${username}" matched a TMDb entry; refusing to empty the list. ` +
            'See notMatched, and re-run with force: true if the list should really be empty.';
      return finish({ ...base, status: 'refused', reason: 'empty-desired-list', message });
    }

    stage = 'find-list';
    const name = target.listName();
    if (typeof name !== 'string' || name.trim() === '') {
      throw new SyncOptionsError('listName', name, 'a function returning a non-empty list name');
    }
    let list: MemberList = await findMemberList({
      username,
      key: target.key,
      name,
      description: target.description(),
      public: opts.public,
      mappedId,
      dryRun,
      tmdb: deps.tmdb,
      store: deps.store,
      signal,
      emit,
      stage: (next) => (stage = next),
    });
    base.listId = list.listId;
    base.listCreated = list.created;
    base.duplicateListIds = list.duplicateListIds;
    if (list.madeList) progress.writes += 1;

    let diff = planSync(list.items, desired);
    const removalLimit = opts.maxRemovalRatio * list.items.length;
    if (list.items.length > 0 && diff.remove.length > removalLimit && !opts.force) {
      const message =
        `Syncing "${username}" would remove ${diff.remove.length} of the ${list.items.length} items on TMDb list ` +
        `${String(list.listId)} (more than maxRemovalRatio ${opts.maxRemovalRatio}); nothing was written. ` +
        'If the member really changed that much, re-run with force: true.';
      return finish({ ...base, status: 'refused', reason: 'mass-removal', message, plan: toPlan(list, diff) });
    }

    const resetSortBy = list.sortBy !== 'original_order.asc';
    if (dryRun || list.listId === null) {
      const plan = { ...toPlan(list, diff), resetSortBy };
      const changes = plan.createList || resetSortBy || hasWrites(diff);
      return finish({ ...base, ...planCounts(diff), plan, status: changes ? 'synced' : 'unchanged' } as SyncResult);
    }

    const listId = list.listId;
    stage = 'write-list';
    if (resetSortBy) {
      // Only insertion order can mirror the member's order; read the list again in that order.
      await deps.tmdb.updateList(listId, { sortBy: 'original_order.asc' }, { signal });
      progress.writes += 1;
      stage = 'read-list';
      list = { ...(await readList(deps.tmdb, listId, signal)), created: list.created };
      diff = planSync(list.items, desired);
      stage = 'write-list';
    }
    base.plan = { ...toPlan(list, diff), resetSortBy };
    base.unchanged = diff.unchanged;
    await applyDiff(diff, { username, listId, tmdb: deps.tmdb, signal, emit, progress });
    const status = progress.writes > 0 ? 'synced' : 'unchanged';
    return finish({ ...base, ...counts(progress), notMatched: [...notMatched, ...progress.rejected], status } as SyncResult);
  } catch (error) {
    if (!dryRun && !cacheSaved && cacheUpdates.size > 0 && deps.store.films) {
      // Films resolved before the failure stay resolved: the next run does not look them up again.
      await deps.store.films.setMany(cacheUpdates).catch(() => undefined);
    }
    if (signal?.aborted) throw signal.reason;
    return finish({
      ...base,
      ...counts(progress),
      notMatched: [...base.notMatched, ...progress.rejected],
      status: 'failed',
      error: new SyncMemberError(username, stage, error),
    });
  }
}

async function desiredItems(
  films: readonly SourceFilm[],
  target: SyncTarget,
  deps: SyncDeps & { source: FilmSource },
  opts: ResolvedSyncOptions,
  emit: (event: SyncEvent) => void,
  cacheUpdates: Map<string, FilmCacheEntry>,
) {
  const outcomes = await resolveFilms(films, {
    username: target.username,
    source: deps.source,
    tmdb: deps.tmdb,
    cache: deps.store.films,
    overrides: deps.store.overrides,
    retryUnmatchedAfterMs: opts.retryUnmatchedAfterMs,
    signal: opts.signal,
    emit,
    cacheUpdates,
  });
  const desired: DesiredItem[] = [];
  const notMatched: UnmatchedFilm[] = [];
  const matchedFilms: MatchedFilm[] = [];
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    if ('reason' in outcome) {
      notMatched.push(outcome);
      continue;
    }
    const { film, mediaType, mediaId, via, method, imdbId } = outcome;
    if (target.excludeTv && mediaType === 'tv') continue;
    if (target.limit !== undefined && desired.length >= target.limit) break;
    matchedFilms.push({
      slug: film.slug,
      title: film.title,
      year: film.year,
      rating: film.rating,
      mediaType,
      mediaId,
      via,
      method,
      ...(film.provenance && { provenance: film.provenance }),
      ...(imdbId !== null && { imdbId }),
    });
    const key = itemKey({ mediaType, mediaId });
    if (seen.has(key)) continue; // two source entries for one TMDb entry: the list holds it once
    seen.add(key);
    desired.push({ mediaType, mediaId, slug: film.slug, title: film.title, year: film.year, comment: ratingToStars(film.rating) });
  }
  return { desired, notMatched, matchedFilms };
}

function hasWrites(diff: ListDiff): boolean {
  return diff.add.length + diff.remove.length + diff.comment.length > 0;
}

function planCounts(diff: ListDiff) {
  return {
    added: diff.add.length - diff.move.length,
    removed: diff.remove.length,
    reordered: diff.move.length,
    unchanged: diff.unchanged,
    commentsUpdated: diff.comment.length,
  };
}

function counts(progress: WriteProgress) {
  const { added, removed, reordered, commentsUpdated } = progress;
  return { added, removed, reordered, commentsUpdated };
}

function toPlan(list: MemberList, diff: ListDiff): SyncPlan {
  const strip = <T extends { mediaType: 'movie' | 'tv'; mediaId: number; title: string; slug: string | null }>(item: T) => ({
    mediaType: item.mediaType,
    mediaId: item.mediaId,
    title: item.title,
    slug: item.slug,
  });
  return {
    createList: list.created,
    add: diff.add.map(strip),
    remove: diff.remove.map(strip),
    reorder: diff.move.map(strip),
    comment: diff.comment.map((item) => ({ ...strip(item), comment: item.comment })),
    resetSortBy: false,
  };
}
