import type { RequestHandler } from 'msw';

/** A movie in the fake TMDb catalogue. */
export interface FakeMovie {
  id: number;
  title: string;
  /** Defaults to `title`. */
  originalTitle?: string;
  /** `YYYY-MM-DD`, or `''` when TMDb has no date (as real TMDb rows sometimes do). */
  releaseDate: string;
  /** Higher first in search results. Default 1. */
  popularity?: number;
  imdbId?: string | null;
  /** TMDb's poster path (`/abc.jpg`). Default `null`. */
  posterPath?: string | null;
  /** Extra titles the fake search also matches (TMDb's alternative titles / translations). */
  alternativeTitles?: string[];
  originalLanguage?: string;
  voteAverage?: number;
  runtime?: number;
}

/** A TV series in the fake TMDb catalogue. */
export interface FakeTv {
  id: number;
  name: string;
  /** Defaults to `name`. */
  originalName?: string;
  /** `YYYY-MM-DD` or `''`. */
  firstAirDate: string;
  popularity?: number;
  /** TMDb's poster path (`/abc.jpg`). Default `null`. */
  posterPath?: string | null;
  imdbId?: string | null;
  originCountry?: string[];
  originalLanguage?: string;
  voteAverage?: number;
}

/** One entry of a fake list, in insertion order. */
export interface FakeListItem {
  mediaType: 'movie' | 'tv';
  mediaId: number;
  comment: string | null;
}

/** A v4 list held by the fake. Seed or inspect through `fake.lists`. */
export interface FakeList {
  id: number;
  name: string;
  description: string;
  public: boolean;
  sortBy: string;
  /** ISO 639-1 language, default `'en'`. */
  language?: string;
  /** v4 account object id of the owner; defaults to `credentials.accountId`. */
  accountId?: string;
  items: FakeListItem[];
}

/** The credentials the fake accepts (fixed, fake values). */
export interface FakeTmdbCredentials {
  /** v3 API key (`?api_key=`): reads only. */
  apiKey: string;
  /** "API Read Access Token" (JWT with `api_read`): reads and the v4 sign-in flow; refused for writes (code 36). */
  readAccessToken: string;
  /** A v4 user access token (JWT with `api_read api_write`) for `accountId`: list writes. */
  userAccessToken: string;
  /** The v4 account object id (24 hex) the user token belongs to. */
  accountId: string;
}

/** A failure to inject into the next matching request(s). */
export interface FakeTmdbFailRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path to match: a RegExp tested against the path, or a string the path must contain (any when omitted). */
  path?: RegExp | string;
  status: 429 | 500 | 502 | 503 | 504;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** `Retry-After` header value in seconds (429 or 503). */
  retryAfter?: number;
}

/** One request the fake received. */
export interface FakeTmdbRequest {
  method: string;
  /** URL path, e.g. `/4/list/8500001/items`. */
  path: string;
  /** Query string without `api_key` (e.g. `?page=2`), or `''`. */
  query: string;
  /** HTTP status the fake answered with. */
  status: number;
  /** Which credential the request carried. */
  credential: FakeCredentialKind;
}

/** Options of `createFakeTmdb`. */
export interface FakeTmdbOptions {
  /** Origin the handlers answer for. Default `https://api.themoviedb.org`; `'*'` answers any origin. */
  baseUrl?: string;
  /** Movie catalogue. Default `defaultTmdbCatalogue.movies`. */
  movies?: FakeMovie[];
  /** TV catalogue. Default `defaultTmdbCatalogue.tv`. */
  tv?: FakeTv[];
  /** Delay before every answer, in milliseconds. Default 0. */
  latencyMs?: number;
  /**
   * Serve `GET /4/list/{id}` like TMDb's CDN: the same URL answers the same body for 300 s even after a
   * write, so clients must bust the cache. `GET /4/account/{id}/lists` and the state-changing
   * `GET /4/list/{id}/clear` are cached the same way (a repeated clear URL answers without clearing). Default `true`.
   */
  cacheListReads?: boolean;
  /** Accept list items whose id is not in the catalogue (rows get a placeholder title). Default `false`. */
  acceptUnknownMedia?: boolean;
}

/** A stateful, in-memory TMDb behind msw handlers. */
export interface FakeTmdb {
  baseUrl: string;
  credentials: FakeTmdbCredentials;
  /** Use with `setupServer(...fake.handlers)` or `server.use(...fake.handlers)`. */
  handlers: RequestHandler[];
  /** Lists by id: seed or inspect state. */
  lists: Map<number, FakeList>;
  /** Movie catalogue by id (add entries to seed). */
  movies: Map<number, FakeMovie>;
  /** TV catalogue by id (add entries to seed). */
  tv: Map<number, FakeTv>;
  /** Every request received, in order (for counting; assert on state where you can). */
  requests: FakeTmdbRequest[];
  /** Number of accepted writes: POST/PUT/DELETE and `GET /4/list/{id}/clear` answered with 2xx. */
  writeCount(): number;
  /** Make the next matching request(s) fail with a TMDb error body. */
  failNext(rule: FakeTmdbFailRule): void;
  /**
   * What the user does in the browser: approve a pending request token. Throws for an unknown token. Over HTTP,
   * `GET {baseUrl}/auth/access?request_token=…` (the website's approval path on the fake's origin) does the same.
   */
  approveRequestToken(requestToken: string): void;
  /** Add a list directly (no request); returns it. Missing fields get defaults. */
  seedList(list: Partial<FakeList> & { name: string }): FakeList;
  /** Back to the initial state: catalogue, no lists, no tokens issued, empty log, no failure rules. */
  reset(): void;
}

/** Which credential a request carried, as the fake saw it. */
export type FakeCredentialKind = 'api-key' | 'read-token' | 'user-token' | 'revoked' | 'invalid' | 'none';
