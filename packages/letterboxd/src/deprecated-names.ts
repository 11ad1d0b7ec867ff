/**
 * The error classes' former names. Every error of this package is now called `Letterboxd<Failure>Error`, like
 * `Tmdb<Failure>Error` in `@lbx/tmdb` and `Sync<Failure>Error` in `@lbx/sync`, so the names never clash when an
 * app imports several packages. The old names still work (same classes, so `instanceof` and `catch` blocks keep
 * working); an error's `name` is its new class name. They will be removed in a later major release.
 */
import {
  LetterboxdBlockedError,
  LetterboxdHttpError,
  LetterboxdInvalidUsernameError,
  LetterboxdNotFoundError,
  LetterboxdParseError,
  LetterboxdPrivateError,
  LetterboxdRateLimitError,
} from './errors.js';
import {
  LetterboxdExportError,
  LetterboxdExportTooLargeError,
  LetterboxdExportTooManyError,
} from './export/export-error.js';
import { LetterboxdNoTopRatedFilmsError } from './sources/no-top-rated-films-error.js';

/** @deprecated Renamed to {@link LetterboxdInvalidUsernameError}. */
export const InvalidUsernameError = LetterboxdInvalidUsernameError;
/** @deprecated Renamed to {@link LetterboxdInvalidUsernameError}. */
export type InvalidUsernameError = LetterboxdInvalidUsernameError;
/** @deprecated Renamed to {@link LetterboxdNotFoundError}. */
export const NotFoundError = LetterboxdNotFoundError;
/** @deprecated Renamed to {@link LetterboxdNotFoundError}. */
export type NotFoundError = LetterboxdNotFoundError;
/** @deprecated Renamed to {@link LetterboxdPrivateError}. */
export const PrivateError = LetterboxdPrivateError;
/** @deprecated Renamed to {@link LetterboxdPrivateError}. */
export type PrivateError = LetterboxdPrivateError;
/** @deprecated Renamed to {@link LetterboxdBlockedError}. */
export const BlockedError = LetterboxdBlockedError;
/** @deprecated Renamed to {@link LetterboxdBlockedError}. */
export type BlockedError = LetterboxdBlockedError;
/** @deprecated Renamed to {@link LetterboxdRateLimitError} (the word `TmdbRateLimitError` uses). */
export const RateLimitedError = LetterboxdRateLimitError;
/** @deprecated Renamed to {@link LetterboxdRateLimitError}. */
export type RateLimitedError = LetterboxdRateLimitError;
/** @deprecated Renamed to {@link LetterboxdParseError}. */
export const ParseError = LetterboxdParseError;
/** @deprecated Renamed to {@link LetterboxdParseError}. */
export type ParseError = LetterboxdParseError;
/** @deprecated Renamed to {@link LetterboxdHttpError}. */
export const HttpError = LetterboxdHttpError;
/** @deprecated Renamed to {@link LetterboxdHttpError}. */
export type HttpError = LetterboxdHttpError;
/** @deprecated Renamed to {@link LetterboxdExportError}. */
export const ExportError = LetterboxdExportError;
/** @deprecated Renamed to {@link LetterboxdExportError}. */
export type ExportError = LetterboxdExportError;
/** @deprecated Renamed to {@link LetterboxdExportTooLargeError}. */
export const ExportTooLargeError = LetterboxdExportTooLargeError;
/** @deprecated Renamed to {@link LetterboxdExportTooLargeError}. */
export type ExportTooLargeError = LetterboxdExportTooLargeError;
/** @deprecated Renamed to {@link LetterboxdExportTooManyError}. */
export const ExportTooManyError = LetterboxdExportTooManyError;
/** @deprecated Renamed to {@link LetterboxdExportTooManyError}. */
export type ExportTooManyError = LetterboxdExportTooManyError;
/** @deprecated Renamed to {@link LetterboxdNoTopRatedFilmsError}. */
export const NoTopRatedFilmsError = LetterboxdNoTopRatedFilmsError;
/** @deprecated Renamed to {@link LetterboxdNoTopRatedFilmsError}. */
export type NoTopRatedFilmsError = LetterboxdNoTopRatedFilmsError;
