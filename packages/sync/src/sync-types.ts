import type { MatchMethod } from '@lbx/tmdb';
import type { SyncMemberError } from './errors.js';
import type { FilmSource, FilmSourceFor } from './film-source.js';
import type { FilmProvenance } from './ledger/ledger-types.js';
import type { MappingStore } from './mapping-store.js';
import type { SortBy, SortOrder } from './paginate.js';
import type { SyncTmdbClient } from './tmdb-port.js';

/** What a sync works with. */
export interface SyncDeps {
  /**
   * Where the member's films come from: `createLetterboxdClient()`, an export or an RSS source — or a
   * {@link FilmSourceFor} function that picks each member's source when their sync starts.
   */
  source: FilmSource | FilmSourceFor;
  /** A `createTmdbClient()` with a user access token + account id (list writes need them). */
  tmdb: SyncTmdbClient;
  /** Member → list id mappings, plus (optionally) the film-resolution cache. */
  store: MappingStore;
}

/** Options of {@link syncUser}. Every field is optional. */
export interface SyncOptions {
  /** How many top-rated films the list holds (integer, 1–1000). Default `20`. */
  limit?: number;
  /** Order of the films in the list (among the top `limit` by rating). Default `'rating'`. */
  sortBy?: SortBy;
  /** Direction of `sortBy`. Default `'desc'` (best-rated, newest or Z first). */
  order?: SortOrder;
  /** Name of the member's list, used to find it and to create it. Default `` `${username}'s Top Rated Movies` ``. */
  listName?: (username: string) => string;
  /** Description given to a list the sync creates. Default: a line saying it holds the member's rated-and-liked films and TV. */
  description?: string | ((username: string) => string);
  /** Whether a created list is public (Radarr and other readers need public lists). Default `true`. */
  public?: boolean;
  /** Plan only: read everything, write nothing (no list, no mapping, no cache entry) and report the plan. */
  dryRun?: boolean;
  /**
   * Refuse a sync that would remove more than this share of the list's current items (0–1). Default `0.5`.
   * Guards against a broken scrape emptying a list. Override once with `force`.
   */
  maxRemovalRatio?: number;
  /** Apply the sync even when a safety valve would refuse it (empty desired list, mass removal). */
  force?: boolean;
  /** Retry films cached as unmatched once their entry is older than this (ms). Default 7 days. */
  retryUnmatchedAfterMs?: number;
  /** Progress events (logging, progress bars). A throwing listener is ignored. */
  onEvent?: (event: SyncEvent) => void;
  /** Aborts the sync; `syncUser` then rejects with the signal's reason. Items already written stay. */
  signal?: AbortSignal;
}

/** A film as events and results identify it. */
export interface SyncFilmRef {
  slug: string;
  title: string;
  year: number | null;
}

/**
 * Why a film is not on the list:
 * - `no-match`: TMDb had no confident match (ambiguous or unknown title); retried after `retryUnmatchedAfterMs`.
 * - `film-page-failed`: the source could not resolve the film and the TMDb search found nothing; retried next run.
 * - `rejected-by-tmdb`: TMDb refused to add the item (e.g. the id no longer exists).
 * - `excluded-by-override`: an operator excluded the film (`setOverride(…, { key, exclude: true })`).
 */
export type UnmatchedReason = 'no-match' | 'film-page-failed' | 'rejected-by-tmdb' | 'excluded-by-override';

/** A film that could not be put on the list. */
export interface UnmatchedFilm extends SyncFilmRef {
  reason: UnmatchedReason;
}

/**
 * Where a film's TMDb id came from:
 * - `source`: the source handed it over (an RSS item);
 * - `cache`: the film cache (resolved by an earlier run);
 * - `film-page`: the source's film page (`FilmSource.getFilm`);
 * - `search`: `matchFilm` on TMDb (an IMDb-id lookup or a title + year search);
 * - `override`: a match override pinned the film to this id (`setOverride`); it wins over every other way.
 *
 * How exact the match is says {@link MatchedFilm.method}.
 */
export type ResolvedVia = 'source' | 'cache' | 'film-page' | 'search' | 'override';

/**
 * How exact a film's match is (`MatchMethod` from `@lbx/tmdb`): `tmdb-id` and `imdb-id` are exact ids,
 * `search-exact` a title + year search with one exact hit, `search-fuzzy` a scored search (e.g. the year off by
 * one), `override` an operator's pin (`setOverride`). `null` only for a cache hit whose entry was written before the method was recorded (an older
 * `@lbx/sync`, or an adapter that does not keep it): the match itself is still valid, its method is unknown.
 */
export type FilmMatchMethod = MatchMethod | 'override' | null;

/** A film resolved to a TMDb entry, with how it was found and how exact the match is. */
export interface MatchedFilm extends SyncFilmRef {
  /** The member's rating on the 5-star scale as the source gave it, or `null`. */
  rating: number | null;
  mediaType: 'movie' | 'tv';
  mediaId: number;
  via: ResolvedVia;
  method: FilmMatchMethod;
  /** Where the film's rating and like came from, when the source says (the ledger source does). */
  provenance?: FilmProvenance;
  /**
   * The film's IMDb id (`tt…`) when it is known without an extra request: given by the source, read from the film
   * page while resolving, or kept in the film cache from that resolution. Absent otherwise.
   */
  imdbId?: string;
}

/** One list entry in a plan. */
export interface PlannedItem {
  mediaType: 'movie' | 'tv';
  mediaId: number;
  /** The film's title (from the source, or from TMDb for items only on the list). */
  title: string;
  /** Source slug, or `null` for items that are only on the list. */
  slug: string | null;
}

/** What a dry run would do (also attached to real runs, describing what was attempted). */
export interface SyncPlan {
  /** The list would be / was created. */
  createList: boolean;
  /** Items appended, in order (new films and films re-added to restore the order). */
  add: PlannedItem[];
  /** Items removed because they no longer belong. */
  remove: PlannedItem[];
  /** Items removed and re-added because TMDb has no reorder endpoint. */
  reorder: PlannedItem[];
  /** Items whose comment (the member's rating in stars) is set. */
  comment: Array<PlannedItem & { comment: string }>;
  /** The list's `sort_by` is set back to `original_order.asc` (the only order the sync can control). */
  resetSortBy: boolean;
}

/** Counters and details common to every result. */
export interface SyncResultBase {
  /** The member whose films the list follows (for a `list` definition: the list's owner). */
  username: string;
  /** The list definition's id (the mapping key), on results of `syncList` only. */
  definitionId?: string;
  /** The member's TMDb list id; `null` when none exists (dry run before creation, or failure before it). */
  listId: number | null;
  /** The list was created by this run (in a dry run: would be created). */
  listCreated: boolean;
  /**
   * Other lists on the TMDb account with the member's list name, found while looking the list up by name (no
   * mapping yet, or the mapped list is gone, or right after creating it): the sync adopted one (`listId`: the
   * lowest id, i.e. the oldest) and never writes to these. Delete them on TMDb once you have checked them.
   */
  duplicateListIds: number[];
  /** Films the source returned (at most `limit`). */
  totalFilms: number;
  /** Films resolved to a TMDb id. */
  matched: number;
  /**
   * The films counted in `matched`, one entry each, in the list's desired order, with where the TMDb id came
   * from (`via`) and how exact the match is (`method`). Empty when the run failed before resolving films.
   * A film TMDb later refused to add is listed here and in `notMatched` (reason `rejected-by-tmdb`).
   */
  matchedFilms: MatchedFilm[];
  /** Items newly added to the list. */
  added: number;
  /** Items removed from the list. */
  removed: number;
  /** Items removed and re-added to restore the desired order. */
  reordered: number;
  /** Items left in place untouched (their comment may have been updated). */
  unchanged: number;
  /** Items whose comment was set. */
  commentsUpdated: number;
  /** Films not on the list, with why. */
  notMatched: UnmatchedFilm[];
  dryRun: boolean;
  /** What the run planned (counters above say what was done; in a dry run nothing was done). */
  plan: SyncPlan | null;
}

/** The list now equals the desired films (dry run: it would after the plan). */
export interface SyncedResult extends SyncResultBase {
  status: 'synced';
}

/** Nothing needed to change; no TMDb write was made. */
export interface UnchangedResult extends SyncResultBase {
  status: 'unchanged';
  listId: number;
}

/** Why a sync was refused. */
export type RefusalReason = 'empty-desired-list' | 'mass-removal';

/** A safety valve refused the sync; nothing was written. Re-run with `force: true` if it is intended. */
export interface RefusedResult extends SyncResultBase {
  status: 'refused';
  reason: RefusalReason;
  /** Human-readable explanation with what to do. */
  message: string;
}

/** The sync failed; counters say what was written before the failure. Running again converges. */
export interface FailedResult extends SyncResultBase {
  status: 'failed';
  error: SyncMemberError;
}

/** Result of one member's sync, discriminated on `status`. */
export type SyncResult = SyncedResult | UnchangedResult | RefusedResult | FailedResult;

/** Progress events, discriminated on `type`. */
export type SyncEvent =
  | { type: 'member-started'; username: string; dryRun: boolean }
  | { type: 'films-fetched'; username: string; count: number }
  | {
      type: 'film-resolved';
      username: string;
      film: SyncFilmRef;
      tmdb: { id: number; mediaType: 'movie' | 'tv' };
      via: ResolvedVia;
      /** How exact the match is; `null` for a cache entry older than this field (see {@link FilmMatchMethod}). */
      method: FilmMatchMethod;
      /** Where the film's rating and like came from, when the source says (the ledger source does). */
      provenance?: FilmProvenance;
    }
  | { type: 'film-unmatched'; username: string; film: SyncFilmRef; reason: UnmatchedReason }
  | { type: 'list-created'; username: string; listId: number; name: string }
  | { type: 'duplicate-lists'; username: string; listId: number; duplicateListIds: number[]; name: string }
  | { type: 'items-added'; username: string; listId: number; items: PlannedItem[] }
  | { type: 'items-removed'; username: string; listId: number; items: PlannedItem[]; reason: 'not-desired' | 'reorder' }
  | { type: 'member-finished'; username: string; result: SyncResult };

/** The `type` of every {@link SyncEvent}. */
export type SyncEventType = SyncEvent['type'];
