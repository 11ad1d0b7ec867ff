/**
 * `@lbx/letterboxd`: read public Letterboxd data (profiles, watchlists, rated and liked films, film pages with
 * TMDb ids) defensively and politely.
 */
export { createLetterboxdClient } from './client.js';
export type { LetterboxdClient, LetterboxdClientOptions } from './client.js';
export {
  LetterboxdBlockedError,
  LetterboxdError,
  LetterboxdHttpError,
  LetterboxdInvalidUsernameError,
  LetterboxdNotFoundError,
  LetterboxdOptionsError,
  LetterboxdParseError,
  LetterboxdPrivateError,
  LetterboxdQueueFullError,
  LetterboxdRateLimitError,
  isLetterboxdError,
} from './errors.js';
export type { LetterboxdErrorContext } from './errors.js';
export type {
  Film,
  FilmDetails,
  FilmPage,
  FilmsOptions,
  FilmsSort,
  LimitOptions,
  ListEntry,
  ListInfo,
  ListPage,
  Logger,
  MemberList,
  Profile,
  RequestOptions,
  TmdbRef,
} from './types.js';

// Sources: data export and RSS
export { readExport } from './export/read-export.js';
export {
  LetterboxdExportError,
  LetterboxdExportTooLargeError,
  LetterboxdExportTooManyError,
} from './export/export-error.js';
export type { ExportErrorReason } from './export/export-error.js';
export type {
  ExportDiaryEntry,
  ExportFilm,
  ExportList,
  ExportListEntry,
  ExportProfile,
  LetterboxdExport,
  ReadExportOptions,
} from './export/export-types.js';
export type { RssEntry, RssFeed } from './rss/rss-types.js';
export { createExportSource } from './sources/export-source.js';
export type { ExportSource, ExportSourceFilm, ExportSourceOptions, FilmPageReader } from './sources/export-source.js';
export { createRssSource } from './sources/rss-source.js';
export type { RssFeedReader, RssFilm, RssSource } from './sources/rss-source.js';
export { LetterboxdNoTopRatedFilmsError } from './sources/no-top-rated-films-error.js';
// Former error names, deprecated (see deprecated-names.ts).
export {
  BlockedError,
  ExportError,
  ExportTooLargeError,
  ExportTooManyError,
  HttpError,
  InvalidUsernameError,
  NoTopRatedFilmsError,
  NotFoundError,
  ParseError,
  PrivateError,
  RateLimitedError,
} from './deprecated-names.js';

// The official API (credentials granted by Letterboxd on request)
export { createLetterboxdApiClient } from './api/api-client.js';
export { LetterboxdApiAuthError, LetterboxdMissingRelationshipError } from './api/api-errors.js';
export type {
  ApiFilm,
  ApiFilmPage,
  ApiList,
  ApiListFilm,
  ApiListInfo,
  ApiListPage,
  LetterboxdApiClient,
  LetterboxdApiClientOptions,
} from './api/api-types.js';
