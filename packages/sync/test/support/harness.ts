import { createTmdbClient, type TmdbClient } from '@lbx/tmdb';
import { createFakeTmdb, type FakeMovie, type FakeTmdb } from '@lbx/testkit';
import type { RequestHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { FilmSource, SourceFilm, SourceFilmDetails } from '@lbx/sync';

/** Invented films: `Lantern Film 1` … `Lantern Film 40`, TMDb ids 7001 … 7040. */
export const catalogue: FakeMovie[] = Array.from({ length: 40 }, (_, i) => ({
  id: 7001 + i,
  title: `Lantern Film ${i + 1}`,
  releaseDate: `${1960 + i}-05-01`,
  popularity: 10,
  imdbId: `tt90${String(7001 + i).padStart(5, '0')}`,
}));

/** A source film whose TMDb id is known (like an RSS item), rating on the 5-star scale. */
export function film(n: number, rating: number | null = 4, withTmdb = true): SourceFilm {
  return {
    slug: `lantern-film-${n}`,
    title: `Lantern Film ${n}`,
    year: 1959 + n,
    rating,
    ...(withTmdb ? { tmdb: { id: 7000 + n, type: 'movie' as const } } : {}),
  };
}

/** Films 1…n, best rating first (5, 4.5, 4, … never below 0.5). */
export function films(numbers: readonly number[]): SourceFilm[] {
  return numbers.map((n, i) => film(n, Math.max(0.5, 5 - i * 0.5)));
}

/** An in-memory FilmSource (a legitimate double of the interface): members' top-rated films, film pages. */
export interface MemorySource extends FilmSource {
  members: Map<string, SourceFilm[] | Error>;
  pages: Map<string, SourceFilmDetails | Error>;
  /** Film-page lookups made (what a warm sync should avoid). */
  pageLookups: string[];
}

export function createMemorySource(): MemorySource {
  const members = new Map<string, SourceFilm[] | Error>();
  const pages = new Map<string, SourceFilmDetails | Error>();
  const pageLookups: string[] = [];
  return {
    members,
    pages,
    pageLookups,
    async getTopRated(username, options = {}) {
      const entry = members.get(username);
      if (entry === undefined) throw new Error(`No Letterboxd member "${username}"`);
      if (entry instanceof Error) throw entry;
      return entry.slice(0, options.limit ?? entry.length);
    },
    async getFilm(slug) {
      pageLookups.push(slug);
      const page = pages.get(slug);
      if (page === undefined) throw new Error(`No film page for "${slug}"`);
      if (page instanceof Error) throw page;
      return page;
    },
  };
}

/** A fake site: its msw handlers and a reset of its state. */
interface Fake {
  handlers: RequestHandler[];
  reset(): void;
}

/** One msw server answering with the fakes' handlers (unhandled requests fail), every fake reset after each test. */
export function useFakes(...fakes: Fake[]): SetupServer {
  const server = setupServer(...fakes.flatMap((fake) => fake.handlers));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    for (const fake of fakes) fake.reset();
  });
  afterAll(() => server.close());
  return server;
}

/** The real TMDb client pointed at a fake TMDb: every credential of the fake, no retries, no client-side limit. */
export function tmdbClientFor(fake: FakeTmdb): TmdbClient {
  return createTmdbClient({
    readAccessToken: fake.credentials.readAccessToken,
    userAccessToken: fake.credentials.userAccessToken,
    accountId: fake.credentials.accountId,
    maxRequestsPerSecond: 10_000,
    retry: { limit: 0 },
  });
}

export interface Harness {
  fake: FakeTmdb;
  server: SetupServer;
  tmdb: TmdbClient;
  /** Items of a fake list as "type:id" strings, in insertion order. */
  itemsOf(listId: number): string[];
  /** Comments of a fake list by "type:id". */
  commentsOf(listId: number): Record<string, string | null>;
}

/**
 * msw server with the stateful TMDb fake, and the real TMDb client pointed at it. `movies` replaces the
 * Lantern catalogue (default `catalogue`).
 */
export function useTmdbFake(options: { acceptUnknownMedia?: boolean; movies?: FakeMovie[] } = {}): Harness {
  const fake = createFakeTmdb({
    movies: options.movies ?? catalogue,
    tv: [],
    acceptUnknownMedia: options.acceptUnknownMedia ?? false,
  });
  const server = useFakes(fake);
  const tmdb = tmdbClientFor(fake);
  const list = (listId: number) => {
    const found = fake.lists.get(listId);
    if (!found) throw new Error(`fake TMDb has no list ${listId}`);
    return found;
  };
  return {
    fake,
    server,
    tmdb,
    itemsOf: (listId) => list(listId).items.map((item) => `${item.mediaType}:${item.mediaId}`),
    commentsOf: (listId) =>
      Object.fromEntries(list(listId).items.map((item) => [`${item.mediaType}:${item.mediaId}`, item.comment])),
  };
}

/** "movie:7001"-style keys for film numbers. */
export const keys = (numbers: readonly number[]) => numbers.map((n) => `movie:${7000 + n}`);
