import type { Film } from '../types.js';

/**
 * A film row of the export (`watched.csv`, `ratings.csv`, `likes/films.csv`, `watchlist.csv`), normalised to
 * {@link Film}:
 * - `slug`: the film's slug when the row has a 2020-era URL (`https://letterboxd.com/film/<slug>/`); otherwise
 *   `boxd:<code>` from the `https://boxd.it/<code>` short link (stable: one code per film across the export's
 *   files); `title:<Name> (<Year>)` when the row has no URI at all (rare: films removed from Letterboxd).
 * - `url`: the row's `Letterboxd URI` as exported (a boxd.it short link today), or `''` when empty.
 * - `rating`: from `ratings.csv` (5-star scale, `null` when unrated); `liked`: whether the film is in
 *   `likes/films.csv`, `null` when the export has no such file (exports before ~2023).
 * - `filmId`: always `null` (the export carries no Letterboxd id, and no TMDb or IMDb id either).
 */
export interface ExportFilm extends Film {
  /**
   * The row's `Date` as `YYYY-MM-DD`: the day the action was recorded (marked watched, rated, liked, added to
   * the watchlist) — not the viewing date. `null` when empty.
   */
  date: string | null;
}

/**
 * A `diary.csv` row: one viewing. Its `url`/`slug` identify the **viewing**, not the film (a different boxd.it
 * code per viewing), so diary rows are never joined to ratings or likes; `liked` is always `null` and `rating`
 * is the rating logged with this viewing.
 */
export interface ExportDiaryEntry extends ExportFilm {
  /** The viewing date as `YYYY-MM-DD`, or `null` when the entry has none. */
  watchedDate: string | null;
  /** Whether the member marked this viewing as a rewatch. */
  rewatch: boolean;
  /** The entry's tags, in export order. */
  tags: string[];
}

/** One film of a list, in list order. */
export interface ExportListEntry extends Film {
  /** 1-based position in the list (present for ranked and unranked lists alike). */
  position: number;
  /** The member's note on this entry (Letterboxd's HTML-ish markup), or `null`. */
  note: string | null;
}

/** A list from `lists/<slug>.csv` (deleted lists are not read). */
export interface ExportList {
  /** The list's name. */
  name: string;
  /** The description as stored by Letterboxd (HTML-ish markup, line breaks as `\n`), or `null`. */
  description: string | null;
  /** The list's link (boxd.it short link, or the full list URL in 2020-era exports), or `null`. */
  url: string | null;
  /** The list's creation date as `YYYY-MM-DD`, or `null`. */
  date: string | null;
  /** The list's tags. */
  tags: string[];
  /** Path of the CSV inside the ZIP, e.g. `lists/top-10.csv`. */
  file: string;
  /** The list's films, sorted by `position`. */
  entries: ExportListEntry[];
}

/** `profile.csv`. The e-mail address is deliberately not read. */
export interface ExportProfile {
  /** The username as displayed (case preserved). */
  username: string;
  /** `YYYY-MM-DD`, or `null`. */
  dateJoined: string | null;
  /** Given name as exported, or `null` when empty (likewise the text fields below). */
  givenName: string | null;
  /** Family name, or `null`. */
  familyName: string | null;
  /** Location, or `null`. */
  location: string | null;
  /** Website, or `null`. */
  website: string | null;
  /** Bio text, or `null`. */
  bio: string | null;
  /** Pronoun setting, or `null`. */
  pronoun: string | null;
  /** Links of the (up to four) favourite films, as exported. */
  favoriteFilms: string[];
}

/** Everything {@link readExport} reads from a Letterboxd data export. */
export interface LetterboxdExport {
  /** The member's profile, or `null` when the export has no `profile.csv`. */
  profile: ExportProfile | null;
  /** `watched.csv`: every film marked watched (with rating and liked joined in). */
  watched: ExportFilm[];
  /** `ratings.csv`: every rated film (with liked joined in). */
  ratings: ExportFilm[];
  /** `likes/films.csv`, or `null` when the export has no such file (exports before ~2023). */
  likes: ExportFilm[] | null;
  /** `watchlist.csv`. */
  watchlist: ExportFilm[];
  /** `diary.csv`: one entry per logged viewing. */
  diary: ExportDiaryEntry[];
  /** `lists/*.csv`, sorted by file name. */
  lists: ExportList[];
}

/**
 * Options of {@link readExport}. Sizes are in bytes. The defaults are a wide margin over the largest real
 * exports (a few MB uncompressed, tens of thousands of rows); raise them only for files you trust.
 */
export interface ReadExportOptions {
  /** Largest accepted ZIP (compressed input). Default 32 MiB. */
  maxZipBytes?: number;
  /** Largest accepted uncompressed size of one CSV. Default 32 MiB. */
  maxFileBytes?: number;
  /** Largest accepted uncompressed size of all CSVs together. Default 64 MiB. */
  maxTotalBytes?: number;
  /** Most entries (files and folders of any kind) in the ZIP. Default 10,000. */
  maxEntries?: number;
  /** Most CSV records (header lines included) across every file read. Default 250,000. */
  maxRows?: number;
  /** Stops reading (checked between chunks); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}
