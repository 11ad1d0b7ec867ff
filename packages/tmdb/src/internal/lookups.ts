import type { z } from 'zod';
import type {
  FindResult,
  MovieDetails,
  MovieSearchPage,
  MovieSummary,
  RequestOptions,
  SearchPage,
  TvDetails,
  TvSearchPage,
  TvSummary,
} from '../types.js';
import type { Http } from './http.js';
import { assertId, assertText } from './input-checks.js';
import {
  findSchema,
  movieDetailsSchema,
  movieSearchSchema,
  tvRowSchema,
  tvSearchSchema,
  type MovieRow,
  type TvRow,
} from './schemas.js';

/** The year of a TMDb date (`YYYY-MM-DD`, already normalised by the schemas), or `null`. */
export function yearOf(date: string | null): number | null {
  return date === null ? null : Number(date.slice(0, 4));
}

export function toMovieSummary(row: MovieRow): MovieSummary {
  return {
    id: row.id,
    title: row.title,
    originalTitle: row.original_title ?? row.title,
    releaseDate: row.release_date,
    year: yearOf(row.release_date),
    popularity: row.popularity ?? 0,
    posterPath: posterPathOf(row.poster_path),
  };
}

export function toTvSummary(row: TvRow): TvSummary {
  return {
    id: row.id,
    name: row.name,
    originalName: row.original_name ?? row.name,
    firstAirDate: row.first_air_date,
    year: yearOf(row.first_air_date),
    popularity: row.popularity ?? 0,
    posterPath: posterPathOf(row.poster_path),
  };
}

/** TMDb's poster path (`/abc.jpg`), or `null` when it has none (or sends something that is not a path). */
function posterPathOf(path: string | null | undefined): string | null {
  return typeof path === 'string' && path.startsWith('/') ? path : null;
}

type SearchOptions = { year?: number; page?: number } & RequestOptions;

/** What differs between the movie and the TV search: path, year parameter, wording, row shape. */
interface SearchKind<Row, Summary> {
  method: string;
  path: string;
  yearParam: string;
  noun: string;
  schema: z.ZodType<{ page: number; total_pages: number; total_results: number; results: Row[] }>;
  toSummary: (row: Row) => Summary;
}

const MOVIE_SEARCH: SearchKind<MovieRow, MovieSummary> = {
  method: 'searchMovie',
  path: '/3/search/movie',
  yearParam: 'primary_release_year',
  noun: 'movie',
  schema: movieSearchSchema,
  toSummary: toMovieSummary,
};

const TV_SEARCH: SearchKind<TvRow, TvSummary> = {
  method: 'searchTv',
  path: '/3/search/tv',
  yearParam: 'first_air_date_year',
  noun: 'TV',
  schema: tvSearchSchema,
  toSummary: toTvSummary,
};

/** v3 lookups: search, find by IMDb id, details. */
export function createLookups(http: Http) {
  async function search<Row, Summary>(kind: SearchKind<Row, Summary>, query: string, options: SearchOptions): Promise<SearchPage<Summary>> {
    assertText(query, `${kind.method}: query`);
    const data = await http.send(
      {
        method: 'GET',
        path: kind.path,
        query: { query, [kind.yearParam]: options.year, page: options.page, include_adult: 'false' },
        auth: 'read',
        retry: 'idempotent',
        what: `${kind.noun} search "${query}"`,
      },
      kind.schema,
      options,
    );
    return { page: data.page, totalPages: data.total_pages, totalResults: data.total_results, results: data.results.map(kind.toSummary) };
  }

  return {
    searchMovie: (query: string, options: SearchOptions = {}): Promise<MovieSearchPage> => search(MOVIE_SEARCH, query, options),

    searchTv: (query: string, options: SearchOptions = {}): Promise<TvSearchPage> => search(TV_SEARCH, query, options),

    async findByImdbId(imdbId: string, options: RequestOptions = {}): Promise<FindResult> {
      assertText(imdbId, 'findByImdbId: imdbId');
      const data = await http.send(
        {
          method: 'GET',
          path: `/3/find/${encodeURIComponent(imdbId.trim())}`,
          query: { external_source: 'imdb_id' },
          auth: 'read',
          retry: 'idempotent',
          what: `IMDb id ${imdbId}`,
        },
        findSchema,
        options,
      );
      return { movies: data.movie_results.map(toMovieSummary), tv: data.tv_results.map(toTvSummary) };
    },

    async getMovie(id: number, options: RequestOptions = {}): Promise<MovieDetails> {
      assertId(id, 'getMovie: id');
      const row = await http.send(
        { method: 'GET', path: `/3/movie/${id}`, auth: 'read', retry: 'idempotent', what: `movie ${id}` },
        movieDetailsSchema,
        options,
      );
      return { ...toMovieSummary(row), imdbId: row.imdb_id ?? null, runtime: row.runtime ?? null };
    },

    async getTv(id: number, options: RequestOptions = {}): Promise<TvDetails> {
      assertId(id, 'getTv: id');
      const row = await http.send(
        { method: 'GET', path: `/3/tv/${id}`, auth: 'read', retry: 'idempotent', what: `TV series ${id}` },
        tvRowSchema,
        options,
      );
      return toTvSummary(row);
    },
  };
}

export type Lookups = ReturnType<typeof createLookups>;
