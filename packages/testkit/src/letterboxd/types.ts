import type { RequestHandler } from 'msw';

/** A film in a fake member's diary/watchlist. */
export interface FakeFilm {
  /** Letterboxd slug, unique within the fake site (e.g. `fight-club`). */
  slug: string;
  /** Display title without the year (may contain entities-worthy characters and non-ASCII). */
  title: string;
  /** Release year, or `null` for films Letterboxd shows without one. */
  year: number | null;
  /** The member's rating on the 5-star scale (0.5–5 in halves), or `null` when unrated. */
  rating: number | null;
  /** Whether the member liked the film. */
  liked: boolean;
  /** TMDb reference shown on the film page (`type: 'tv'` renders a `/tv/ID/` link and an empty `data-tmdb-id`). */
  tmdb: { id: number; type: 'movie' | 'tv' } | null;
  /** IMDb id (`tt…`) or `null`. */
  imdbId: string | null;
  directors: string[];
  /** Whether the film is on the member's watchlist. */
  watchlisted: boolean;
  /** Whether the member logged (watched) the film; only watched films appear on `/films/`. Default `true`. */
  watched?: boolean;
  /** Letterboxd's own numeric film id; derived from the slug when omitted. */
  filmId?: number;
  /**
   * When the member logged the film (ISO 8601): its RSS entry's publication time, with a guid that stays the same
   * while this does (so a feed read twice, or after newer entries, repeats the entry). Default: one day per
   * position in `films` before 2026-11-20 (the guid then changes with the position).
   */
  loggedAt?: string;
}

/** One of a fake member's lists, served at `/{user}/list/{slug}/` (100 entries a page). */
export interface FakeMemberList {
  /** Slug as in the URL (`^[a-z0-9-]+$`). */
  slug: string;
  name: string;
  /** Plain-text description (paragraphs separated by a blank line), or `null`. */
  description: string | null;
  /** Numbered entries (`p.list-number`). */
  ranked: boolean;
  /** Entries in list order; a non-null `rating` is shown as the owner's rating (`data-owner-rating`). */
  films: FakeFilm[];
  /** Answer with Letterboxd's 403 "private" page. Default `false`. */
  private?: boolean;
}

/** Profile numbers that are not derived from `films`. */
export interface FakeMemberStats {
  filmsThisYear: number;
  lists: number;
  following: number;
  followers: number;
}

/** A made-up Letterboxd member. Films are ordered most recently logged first. */
export interface FakeMember {
  /** Username as in URLs (`^[A-Za-z0-9_-]+$`). */
  username: string;
  displayName: string;
  bio: string | null;
  /** Avatar image URL, or `null` for Letterboxd's default avatar. */
  avatar: string | null;
  stats: FakeMemberStats;
  films: FakeFilm[];
  /** Answer the watchlist with Letterboxd's 403 "private" page. Default `false`. */
  privateWatchlist?: boolean;
  /** The member's lists. Default none. */
  lists?: FakeMemberList[];
}

/** A failure to inject into the next matching request(s). */
export interface FakeLetterboxdFailRule {
  /** `cloudflare` = 403 "Just a moment..." challenge; `rate-limit` = 429; `server-error` = 500/502/503. */
  kind: 'cloudflare' | 'rate-limit' | 'server-error';
  /** Path to match: a RegExp tested against the path, or a substring (any path when omitted). */
  path?: RegExp | string;
  /** Status for `server-error`. Default 503. */
  status?: 500 | 502 | 503;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** `Retry-After` header in seconds (429/503 only). */
  retryAfter?: number;
}

/** One request the fake received. */
export interface FakeLetterboxdRequest {
  method: string;
  /** URL path, e.g. `/cinephile_ana/likes/films/by/member-rating/`. */
  path: string;
  /** Status the fake answered with. */
  status: number;
}

/** Options of `createFakeLetterboxd`. */
export interface FakeLetterboxdOptions {
  /** Origin the handlers answer for and absolute links point to. Default `https://letterboxd.com`. */
  baseUrl?: string;
  /** Members of the site. Default {@link demoMembers}. */
  members?: FakeMember[];
  /** Delay before every answer, in milliseconds. Default 0. */
  latencyMs?: number;
  /** Answer every request with the Cloudflare challenge (switch later with `setBlocked`). Default `false`. */
  blocked?: boolean;
}

/** A fake Letterboxd site generated from a dataset of members. */
export interface FakeLetterboxd {
  baseUrl: string;
  /** Use with `setupServer(...fake.handlers)`, `server.use(...)` or `serveHandlers(...)`. */
  handlers: RequestHandler[];
  /** A `fetch` that answers from the fake in-process (no msw, no socket): inject it into a client. */
  fetch: typeof globalThis.fetch;
  /** Members by username (lower-cased key). */
  members: Map<string, FakeMember>;
  /** Every request received, in order (for counting). */
  requests: FakeLetterboxdRequest[];
  /** Add or replace a member. */
  addMember(member: FakeMember): void;
  /** Make the next matching request(s) fail. */
  failNext(rule: FakeLetterboxdFailRule): void;
  /** Switch the Cloudflare challenge on every request on or off. */
  setBlocked(blocked: boolean): void;
  /** Change the injected latency, in milliseconds. */
  setLatency(latencyMs: number): void;
  /** Back to the initial members, no failures, not blocked, empty request log. */
  reset(): void;
}
