import { LetterboxdError } from '../errors.js';

/** Where the member downloads a fresh export; quoted in error messages. */
export const EXPORT_SETTINGS_URL = 'https://letterboxd.com/settings/data/';

/**
 * Why an export could not be used:
 * - `corrupt-zip`: the bytes are not a readable ZIP (truncated download, wrong file, damaged entry).
 * - `not-an-export`: a valid ZIP without any Letterboxd export CSV in it.
 * - `invalid-csv`: a CSV that does not parse (unbalanced quotes) or whose header/values do not match the
 *   known export format (Letterboxd changed it).
 * - `too-large`: the input, its uncompressed content, its number of ZIP entries or of CSV rows exceeds a configured
 *   limit (see {@link LetterboxdExportTooLargeError} and {@link LetterboxdExportTooManyError}).
 * - `missing-likes`: the export has no `likes/films.csv` (exports made before ~2023), so "liked" is unknown.
 * - `wrong-member`: the export belongs to another member than the one asked for.
 */
export type ExportErrorReason =
  | 'corrupt-zip'
  | 'not-an-export'
  | 'invalid-csv'
  | 'too-large'
  | 'missing-likes'
  | 'wrong-member';

/** Context of an {@link LetterboxdExportError}. */
export interface ExportErrorContext {
  reason: ExportErrorReason;
  /** Path of the file inside the ZIP the problem is about, when there is one (e.g. `lists/top-10.csv`). */
  file?: string | undefined;
  /** The member concerned, when known. */
  username?: string | undefined;
  cause?: unknown;
}

/**
 * A Letterboxd data export could not be read or used. Extends {@link LetterboxdError}; `url` is the empty
 * string (an export is not fetched) and `attempts` is 0. Branch on {@link LetterboxdExportError.reason}.
 */
export class LetterboxdExportError extends LetterboxdError {
  /** What went wrong; see {@link ExportErrorReason}. */
  readonly reason: ExportErrorReason;
  /** Path of the file inside the ZIP the problem is about, or `null`. */
  readonly file: string | null;

  constructor(message: string, ctx: ExportErrorContext) {
    super(message, { url: '', username: ctx.username, attempts: 0, cause: ctx.cause });
    this.reason = ctx.reason;
    this.file = ctx.file ?? null;
  }
}

/**
 * The export (or one file in it) is larger than the configured limit — refused before it was inflated, or as
 * soon as inflating passed the limit (a ZIP bomb). Map it to HTTP 413 in a server.
 */
export class LetterboxdExportTooLargeError extends LetterboxdExportError {
  /** Which limit was hit: the ZIP itself, one file's uncompressed size, or all files together. */
  readonly limit: 'maxZipBytes' | 'maxFileBytes' | 'maxTotalBytes';
  /** The limit, in bytes. */
  readonly limitBytes: number;
  /** The size seen when the limit was hit (declared or inflated so far), in bytes. */
  readonly actualBytes: number;

  constructor(ctx: {
    limit: 'maxZipBytes' | 'maxFileBytes' | 'maxTotalBytes';
    limitBytes: number;
    actualBytes: number;
    file?: string | undefined;
  }) {
    const what =
      ctx.limit === 'maxZipBytes'
        ? 'The export ZIP'
        : ctx.limit === 'maxFileBytes'
          ? `"${ctx.file}" in the export`
          : 'The uncompressed content of the export';
    super(
      `${what} is larger than the ${ctx.limit} limit (${mb(ctx.actualBytes)} > ${mb(ctx.limitBytes)}); nothing ` +
        'was read. A genuine Letterboxd export is a few MB: check that this is the untouched file from ' +
        `${EXPORT_SETTINGS_URL}, or raise the limit if you trust the file.`,
      { reason: 'too-large', file: ctx.file },
    );
    this.limit = ctx.limit;
    this.limitBytes = ctx.limitBytes;
    this.actualBytes = ctx.actualBytes;
  }
}

/**
 * The export holds more ZIP entries, or more CSV rows, than the configured limit (`maxEntries`, `maxRows`):
 * refused as soon as the count passed it, before the rest was read. `reason` is `too-large`; map it to HTTP 413
 * in a server, like {@link LetterboxdExportTooLargeError}.
 */
export class LetterboxdExportTooManyError extends LetterboxdExportError {
  /** Which limit was hit: entries in the ZIP (any kind of file), or CSV records across the files read. */
  readonly limit: 'maxEntries' | 'maxRows';
  /** The limit. */
  readonly max: number;
  /** The count when the limit was hit (the ZIP's declared entry count, or `max + 1` rows). */
  readonly actual: number;

  constructor(ctx: { limit: 'maxEntries' | 'maxRows'; max: number; actual: number; file?: string | undefined }) {
    const what =
      ctx.limit === 'maxEntries'
        ? `The export ZIP holds ${ctx.actual} entries`
        : `The export holds more than ${ctx.max} CSV rows${ctx.file ? ` (the limit was passed in "${ctx.file}")` : ''}`;
    super(
      `${what}, over the ${ctx.limit} limit of ${ctx.max}; the rest was not read. A genuine Letterboxd export has ` +
        `a few dozen files and tens of thousands of rows at most: check that this is the untouched file from ` +
        `${EXPORT_SETTINGS_URL}, or raise ${ctx.limit} if you trust the file.`,
      { reason: 'too-large', file: ctx.file },
    );
    this.limit = ctx.limit;
    this.max = ctx.max;
    this.actual = ctx.actual;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
