/**
 * `@lbx/letterboxd`: read public Letterboxd data (profiles, watchlists, rated and liked films, film pages with
 * TMDb ids) defensively and politely.
 */
export { createLetterboxdClient } from './client.js';
export type { LetterboxdClient, LetterboxdClientOptions } from './client.js';
export {
  BlockedError,
  HttpError,
  InvalidUsernameError,
  LetterboxdError,
  NotFoundError,
  ParseError,
  PrivateError,
  RateLimitedError,
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
  Logger,
  Profile,
  RequestOptions,
  TmdbRef,
} from './types.js';

// Sources
