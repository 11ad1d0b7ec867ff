/**
 * The member film ledger: what lbx knows about each film of a member (rating, like, TMDb id), when it learnt it
 * and from where. Plain JSON-compatible data, so any store can keep it as is.
 */

/** Which kind of input set a fact. */
export type ProvenanceSource = 'export' | 'rss' | 'scrape' | 'api';

/**
 * Where and when a fact was observed. `observedAt` (ISO 8601) is the time the fact held: the export's date for
 * an export, the entry's publication time for a feed entry, the read time for a scrape or an API read.
 */
export type Provenance =
  | { source: 'export'; observedAt: string }
  | { source: 'rss'; observedAt: string; /** The feed entry's guid, e.g. `letterboxd-watch-123`. */ guid: string }
  | { source: 'scrape'; observedAt: string }
  | { source: 'api'; observedAt: string };

/** Where a film's rating and like came from (`null`: never observed). */
export interface FilmProvenance {
  rating: Provenance | null;
  liked: Provenance | null;
}

/**
 * Whether the member likes the film: `true`, `false`, or `'unknown'` when no input has said so yet (feeds from
 * before 2023 have no `memberLike`; such entries never turn a like into "not liked").
 */
export type LedgerLike = boolean | 'unknown';

/** A TMDb reference. */
export interface LedgerTmdbRef {
  id: number;
  type: 'movie' | 'tv';
}

/** One film of a member's ledger. */
export interface LedgerFilm {
  /** Stable id of the record within the member's ledger (never reused). */
  id: string;
  title: string;
  year: number | null;
  /** Letterboxd film slug (feed, scrape), or `null` when only the export knows the film. */
  slug: string | null;
  /** The export's key of the film (`boxd:<code>`, or the slug in 2020-era exports), or `null`. */
  exportKey: string | null;
  /** TMDb reference when known (feed entries carry it; export rows get it once a sync resolved them). */
  tmdb: LedgerTmdbRef | null;
  /** The member's rating on the 5-star scale (0.5–5), or `null` (not rated, or never seen rated). */
  rating: number | null;
  liked: LedgerLike;
  /** Where `rating` and `liked` came from. */
  provenance: FilmProvenance;
}

/** A member's ledger. */
export interface MemberLedger {
  /** Format version (1). */
  version: 1;
  /** The member (lower-cased). */
  username: string;
  films: LedgerFilm[];
  /** Date of the newest export applied (ISO 8601), or `null`. */
  exportedAt: string | null;
  /** Publication time of the newest feed entry applied, or `null`. */
  lastFeedEntryAt: string | null;
  /** When the feed was last read successfully, or `null`. */
  feedReadAt: string | null;
  /** Guids of the feed entries already applied (the newest 500), the dedup key of events. */
  guids: string[];
}

/** A film as a snapshot or an event describes it. */
export interface LedgerInputFilm {
  title: string;
  year: number | null;
  slug?: string | null;
  exportKey?: string | null;
  tmdb?: LedgerTmdbRef | null;
}

/** One film of a {@link LedgerSnapshot}. */
export interface LedgerSnapshotFilm extends LedgerInputFilm {
  /** The rating at the snapshot's time, or `null` for "not rated". */
  rating: number | null;
  /** The like at the snapshot's time; `null` when the snapshot does not say. */
  liked: boolean | null;
}

/**
 * A full picture of (part of) the member's films at one time: a data export, a scrape, an API read. Facts
 * observed before `takenAt` are replaced; newer ones (a later feed entry) stay.
 */
export interface LedgerSnapshot {
  source: 'export' | 'scrape' | 'api';
  /** When the snapshot's facts held (ISO 8601): the export's date, the scrape's time. */
  takenAt: string;
  films: readonly LedgerSnapshotFilm[];
  /**
   * `true` when the snapshot names every rated and every liked film (an export): a film it leaves out is, as of
   * `takenAt`, neither rated nor liked. `false` (a top-rated scrape with a limit): only the films given change.
   */
  complete: boolean;
  /**
   * Whether the snapshot knows likes. Default `true`; `false` for an export without `likes/films.csv` (before
   * ~2023): its films' likes stay as they are, and a complete snapshot then marks no film "not liked".
   */
  likesKnown?: boolean;
}

/** One diary entry of the member's RSS feed, as the ledger applies it. */
export interface LedgerEvent extends LedgerInputFilm {
  /** The entry's guid (dedup key). */
  guid: string;
  /** Publication time (ISO 8601); entries without one only fill facts never observed. */
  publishedAt: string | null;
  /** The rating logged with the entry, or `null` (an unrated entry leaves the rating as it is). */
  rating: number | null;
  /** `memberLike`, or `null` in feeds that do not carry it (the like stays as it is). */
  liked: boolean | null;
}

/** A film the ledger could not merge safely: kept as its own record, never merged with a wrong one. */
export interface AmbiguousFilm {
  film: LedgerInputFilm;
  /** Ids of the records it could have been. */
  candidates: string[];
}

/** What applying a snapshot or events changed. */
export interface LedgerApplyReport {
  /** Records created. */
  added: number;
  /** Records whose rating, like or TMDb id changed. */
  updated: number;
  /** Inputs that changed nothing (same facts, or a fact older than the one kept). */
  unchanged: number;
  /** Feed entries skipped because their guid was already applied. */
  duplicates: number;
  /** Inputs kept apart because they matched several records; see {@link AmbiguousFilm}. */
  ambiguous: AmbiguousFilm[];
  /** `true` when the stored ledger changed. */
  changed: boolean;
}
