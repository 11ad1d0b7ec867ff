import { normalizeUsername } from '../normalize-username.js';
import { SyncLedgerInputError } from './ledger-errors.js';
import type { LedgerSnapshot, LedgerSnapshotFilm } from './ledger-types.js';
import { applyLedgerSnapshot, ledgerKey, type LedgerDeps } from './update-ledger.js';
import type { LedgerApplyReport } from './ledger-types.js';

/** A film row of a data export, as `readExport()` from `@lbx/letterboxd` gives it (`ExportFilm`). */
export interface LedgerExportRow {
  /** The export's key of the film: `boxd:<code>`, or the film slug in 2020-era exports. */
  slug: string;
  title: string;
  year: number | null;
  rating: number | null;
  /** The row's `Date` (`YYYY-MM-DD`), or `null`. */
  date: string | null;
}

/** The part of a data export the ledger reads; `LetterboxdExport` from `@lbx/letterboxd` fits as it is. */
export interface LedgerExportInput {
  profile: { username: string } | null;
  /** `ratings.csv`. */
  ratings: readonly LedgerExportRow[];
  /** `likes/films.csv`, or `null` for exports without it (before ~2023: likes stay unknown). */
  likes: readonly LedgerExportRow[] | null;
  /** `watched.csv` and `diary.csv`, used only to date the export when `exportedAt` is not given. */
  watched?: readonly LedgerExportRow[];
  diary?: readonly LedgerExportRow[];
}

/** Options of {@link seedLedgerFromExport}. */
export interface SeedLedgerOptions {
  /**
   * When the export was made (ISO 8601 or `YYYY-MM-DD`): the ZIP's name says it
   * (`letterboxd-<user>-2026-05-03-18-29-utc.zip`), else the upload or file time. Default: the end of the latest
   * day any of its rows records (a lower bound of the real time; feed entries on that day count as older).
   */
  exportedAt?: string | Date;
}

/** A real film slug (2020-era exports) rather than a `boxd:`/`title:`/`uri:` key. */
const isSlug = (key: string) => !key.includes(':');

/**
 * Turns a data export into a complete snapshot: every rated or liked film with its rating and like, dated
 * `exportedAt`. Exports without `likes/films.csv` leave likes as they are.
 */
export function exportSnapshot(username: string, data: LedgerExportInput, options: SeedLedgerOptions = {}): LedgerSnapshot {
  const owner = data.profile?.username;
  if (owner && normalizeUsername(owner) !== ledgerKey(username)) {
    throw new SyncLedgerInputError(username, `the export belongs to "${owner}". Use the export of "${username}".`);
  }
  const takenAt = exportTime(username, data, options.exportedAt);
  const liked = data.likes === null ? null : new Set(data.likes.map((row) => row.slug));
  const films = new Map<string, LedgerSnapshotFilm>();
  const add = (row: LedgerExportRow, rating: number | null) => {
    if (films.has(row.slug)) return;
    films.set(row.slug, {
      title: row.title,
      year: row.year,
      exportKey: row.slug,
      slug: isSlug(row.slug) ? row.slug : null,
      tmdb: null,
      rating,
      liked: liked === null ? null : liked.has(row.slug),
    });
  };
  for (const row of data.ratings) add(row, row.rating);
  for (const row of data.likes ?? []) add(row, null);
  return { source: 'export', takenAt, films: [...films.values()], complete: true, likesKnown: liked !== null };
}

function exportTime(username: string, data: LedgerExportInput, given: string | Date | undefined): string {
  if (given !== undefined) {
    const time = given instanceof Date ? given.getTime() : Date.parse(given);
    if (!Number.isFinite(time)) throw new SyncLedgerInputError(username, `exportedAt ${JSON.stringify(String(given))} is not a date.`);
    return new Date(time).toISOString();
  }
  const dates = [data.ratings, data.likes ?? [], data.watched ?? [], data.diary ?? []]
    .flat()
    .map((row) => row.date)
    .filter((date): date is string => date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date));
  if (dates.length === 0) {
    throw new SyncLedgerInputError(username, 'the export has no dated row; pass exportedAt (the date in the ZIP file name).');
  }
  return `${dates.reduce((a, b) => (a > b ? a : b))}T23:59:59.999Z`;
}

/**
 * Seeds (or re-seeds) the member's ledger from their data export read with `readExport()`: every rated or liked
 * film, as of the export's date. Feed entries newer than the export keep their facts; the same export applied
 * again changes nothing. Export films merge with feed films on the TMDb id (once the film cache has resolved
 * them) or on title + year when that is unambiguous.
 *
 * @throws {SyncLedgerInputError} the export belongs to another member, or cannot be dated.
 * @throws {SyncOptionsError} the store has no `ledger`.
 */
export function seedLedgerFromExport(
  username: string,
  data: LedgerExportInput,
  deps: LedgerDeps,
  options: SeedLedgerOptions = {},
): Promise<LedgerApplyReport> {
  try {
    return applyLedgerSnapshot(username, exportSnapshot(username, data, options), deps);
  } catch (error) {
    return Promise.reject(error);
  }
}
