import { readCsvTable, type CsvTable, type RowBudget } from './csv-table.js';
import { LetterboxdExportError, EXPORT_SETTINGS_URL } from './export-error.js';
import { fieldsOf } from './export-fields.js';
import type { ExportDiaryEntry, ExportFilm, LetterboxdExport, ReadExportOptions } from './export-types.js';
import { filmIdentity } from './film-key.js';
import { parseListCsv } from './parse-list.js';
import { parseProfileCsv } from './parse-profile.js';
import { DEFAULT_ZIP_LIMITS, unzipCsvEntries, type ZipLimits } from './unzip-csv-entries.js';

const FILM_COLUMNS = ['Date', 'Name', 'Year', 'Letterboxd URI'] as const;
const FILM_FILES = ['watched.csv', 'ratings.csv', 'watchlist.csv', 'likes/films.csv', 'diary.csv'] as const;
const LIST_FILE = /^lists\/[^/]+\.csv$/i;

/**
 * Reads a Letterboxd data export — the ZIP a member downloads from https://letterboxd.com/settings/data/ —
 * without touching the network.
 *
 * Reads `profile.csv`, `watched.csv`, `ratings.csv`, `likes/films.csv`, `watchlist.csv`, `diary.csv` and
 * `lists/*.csv` (other files — reviews, comments, deleted and orphaned entries — are ignored). Each file's
 * columns are found by its header row, so added or reordered columns do not break it; both export eras (2020
 * full URLs, boxd.it short links since ~2021) are understood. Missing files read as empty (`likes` as `null`).
 *
 * Size limits are checked against the sizes the ZIP declares before anything is inflated, and again while
 * inflating, so a ZIP bomb is refused early and cheaply.
 *
 * @param zip The export ZIP as bytes (a Node `Buffer` works).
 * Parsing yields to the event loop every 64 K characters of CSV (and inflating every 1 MiB of input), so a
 * server reading an upload keeps answering other requests meanwhile.
 *
 * @throws {LetterboxdExportTooLargeError} the ZIP or its content exceeds a size limit (defaults: 32 MiB ZIP, 32 MiB per
 *   CSV, 64 MiB in total).
 * @throws {LetterboxdExportTooManyError} more ZIP entries or CSV rows than allowed (defaults: 10,000 entries, 250,000 rows).
 * @throws {LetterboxdExportError} `reason` `corrupt-zip` (not a ZIP / damaged), `not-an-export` (no export CSV in it) or
 *   `invalid-csv` (a file does not parse or does not match the export format; names the file and line).
 */
export async function readExport(
  zip: Uint8Array | ArrayBuffer,
  options: ReadExportOptions = {},
): Promise<LetterboxdExport> {
  const bytes = toBytes(zip);
  const { maxRows, ...zipLimits } = limitsFrom(options);
  const files = await unzipCsvEntries(bytes, zipLimits, options.signal);
  const byRole = new Map<string, { path: string; text: string }>();
  const listFiles: Array<{ path: string; text: string }> = [];
  for (const [path, text] of files) {
    const key = path.toLowerCase();
    if (LIST_FILE.test(key)) listFiles.push({ path, text });
    else if (key === 'profile.csv' || (FILM_FILES as readonly string[]).includes(key)) byRole.set(key, { path, text });
  }
  if (byRole.size === 0 && listFiles.length === 0) {
    throw new LetterboxdExportError(
      `This ZIP holds CSV files (${[...files.keys()].slice(0, 5).join(', ')}) but none of a Letterboxd data ` +
        `export (watched.csv, ratings.csv, …). Download the export from ${EXPORT_SETTINGS_URL} and pass it as is.`,
      { reason: 'not-an-export' },
    );
  }

  const budget: RowBudget = { max: maxRows, used: 0 };
  const table = async (key: string, required: readonly string[]) => {
    const file = byRole.get(key);
    const parsed = file ? await readCsvTable(file.text, file.path, required, budget) : null;
    options.signal?.throwIfAborted();
    return parsed;
  };
  const ratingsTable = await table('ratings.csv', [...FILM_COLUMNS, 'Rating']);
  const likesTable = await table('likes/films.csv', FILM_COLUMNS);
  const watchedTable = await table('watched.csv', FILM_COLUMNS);
  const watchlistTable = await table('watchlist.csv', FILM_COLUMNS);
  const diaryTable = await table('diary.csv', [...FILM_COLUMNS, 'Rating', 'Watched Date']);

  const ratingBySlug = new Map<string, number | null>();
  const ratings = await filmRows(ratingsTable, (film, field) => {
    const rating = field.rating('Rating');
    ratingBySlug.set(film.slug, rating);
    return { ...film, rating };
  });
  const hasLikes = byRole.has('likes/films.csv');
  const likedSlugs = hasLikes ? new Set((await filmRows(likesTable, (film) => film)).map((f) => f.slug)) : null;
  const facts = (slug: string) => ({
    rating: ratingBySlug.get(slug) ?? null,
    liked: likedSlugs ? likedSlugs.has(slug) : null,
  });
  const withFacts = (film: ExportFilm): ExportFilm => ({ ...film, ...facts(film.slug) });

  const diary: ExportDiaryEntry[] = await filmRows(diaryTable, (film, field) => ({
    ...film,
    rating: field.rating('Rating'),
    watchedDate: field.date('Watched Date'),
    rewatch: field.yes('Rewatch'),
    tags: field.tags('Tags'),
  }));
  const profileFile = byRole.get('profile.csv');
  const profile = profileFile ? await parseProfileCsv(profileFile.text, profileFile.path, budget) : null;
  const lists = [];
  for (const file of listFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    lists.push(await parseListCsv(file.text, file.path, facts, budget));
    options.signal?.throwIfAborted();
  }

  return {
    profile,
    watched: await filmRows(watchedTable, withFacts),
    ratings: ratings.map((film) => ({ ...film, liked: likedSlugs ? likedSlugs.has(film.slug) : null })),
    likes: hasLikes ? await filmRows(likesTable, (film) => ({ ...withFacts(film), liked: true })) : null,
    watchlist: await filmRows(watchlistTable, withFacts),
    diary,
    lists,
  };
}

function toBytes(zip: Uint8Array | ArrayBuffer): Uint8Array {
  if (zip instanceof Uint8Array) return zip;
  if (zip instanceof ArrayBuffer) return new Uint8Array(zip);
  throw new TypeError('readExport(zip): pass the export ZIP as a Uint8Array, Buffer or ArrayBuffer.');
}

/** Default of `maxRows`: a very active member's export has tens of thousands of rows. */
const DEFAULT_MAX_ROWS = 250_000;

function limitsFrom(options: ReadExportOptions): ZipLimits & { maxRows: number } {
  const limits = { ...DEFAULT_ZIP_LIMITS, maxRows: DEFAULT_MAX_ROWS };
  for (const key of ['maxZipBytes', 'maxFileBytes', 'maxTotalBytes'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`readExport: ${key} must be a positive number of bytes, got ${String(value)}.`);
    }
    limits[key] = value;
  }
  for (const key of ['maxEntries', 'maxRows'] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`readExport: ${key} must be a positive whole number, got ${String(value)}.`);
    }
    limits[key] = value;
  }
  return limits;
}

/** Rows mapped between two turns of the event loop. */
const ROWS_PER_TURN = 5000;

/** Maps the rows of a film table (skipping rows without name and URI); `null` table → `[]`. */
async function filmRows<T>(
  table: CsvTable | null,
  map: (film: ExportFilm, field: ReturnType<typeof fieldsOf>) => T,
): Promise<T[]> {
  if (!table) return [];
  const out: T[] = [];
  for (const [index, row] of table.rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const field = fieldsOf(table, row);
    const title = field.text('Name');
    const uri = field.text('Letterboxd URI');
    if (title.trim() === '' && uri.trim() === '') continue;
    const year = field.year('Year');
    const film: ExportFilm = {
      ...filmIdentity(uri, title, year),
      title,
      year,
      rating: null,
      liked: null,
      filmId: null,
      date: field.date('Date'),
    };
    out.push(map(film, field));
  }
  return out;
}
