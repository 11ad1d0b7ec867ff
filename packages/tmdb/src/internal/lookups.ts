import type { FindResult, MovieDetails, MovieSearchPage, MovieSummary, RequestOptions, TvDetails, TvSearchPage, TvSummary } from '../types';
import type { Http } from './http';
import { assertId, assertText } from './input-checks';
import {
  findSchema,
  movieDetailsSchema,
  movieSearchSchema,
  tvRowSchema,
  tvSearchSchema,
  type MovieRow,
  type TvRow,
} from './schemas';

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
  };
}

type SearchOptions = { year?: number; page?: number } & RequestOptions;

/** v3 lookups: search, find by IMDb id, details. */
export function createLookups(http: Http) {
  return {
    async searchMovie(query: string, options: SearchOptions = {}): Promise<MovieSearchPage> {
      assertText(query, 'searchMovie: query');
      const data = await http.send(
        {
          method: 'GET',
          path: '/3/search/movie',
          query: { query, primary_release_year: options.year, page: options.page, include_adult: 'false' },
          auth: 'read',
          retry: 'idempotent',
          what: `movie search "${query}"`,
        },
        movieSearchSchema,
        options,
      );
      return { page: data.page, totalPages: data.total_pages, totalResults: data.total_results, results: data.results.map(toMovieSummary) };
    },

    async searchTv(query: string, options: SearchOptions = {}): Promise<TvSearchPage> {
      assertText(query, 'searchTv: query');
      const data = await http.send(
        {
          method: 'GET',
          path: '/3/search/tv',
          query: { query, first_air_date_year: options.year, page: options.page, include_adult: 'false' },
          auth: 'read',
          retry: 'idempotent',
          what: `TV search "${query}"`,
        },
        tvSearchSchema,
        options,
      );
      return { page: data.page, totalPages: data.total_pages, totalResults: data.total_results, results: data.results.map(toTvSummary) };
    },

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
