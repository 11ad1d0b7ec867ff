import type { FakeMovie, FakeTv } from './types.js';

/** A movie as TMDb's search, find and list endpoints render it. */
export function movieRow(movie: FakeMovie, withMediaType = false): Record<string, unknown> {
  return {
    adult: false,
    backdrop_path: null,
    genre_ids: [],
    id: movie.id,
    ...(withMediaType ? { media_type: 'movie' } : {}),
    original_language: movie.originalLanguage ?? 'en',
    original_title: movie.originalTitle ?? movie.title,
    overview: '',
    popularity: movie.popularity ?? 1,
    poster_path: movie.posterPath ?? null,
    release_date: movie.releaseDate,
    title: movie.title,
    video: false,
    vote_average: movie.voteAverage ?? 0,
    vote_count: 0,
  };
}

/** A TV series as TMDb's search, find and list endpoints render it. */
export function tvRow(show: FakeTv, withMediaType = false): Record<string, unknown> {
  return {
    adult: false,
    backdrop_path: null,
    first_air_date: show.firstAirDate,
    genre_ids: [],
    id: show.id,
    ...(withMediaType ? { media_type: 'tv' } : {}),
    name: show.name,
    origin_country: show.originCountry ?? [],
    original_language: show.originalLanguage ?? 'en',
    original_name: show.originalName ?? show.name,
    overview: '',
    popularity: show.popularity ?? 1,
    poster_path: show.posterPath ?? null,
    vote_average: show.voteAverage ?? 0,
    vote_count: 0,
  };
}

/** `GET /3/movie/{id}`. */
export function movieDetails(movie: FakeMovie): Record<string, unknown> {
  return {
    ...movieRow(movie),
    genre_ids: undefined,
    belongs_to_collection: null,
    budget: 0,
    genres: [],
    homepage: '',
    imdb_id: movie.imdbId ?? null,
    origin_country: [],
    production_companies: [],
    production_countries: [],
    revenue: 0,
    runtime: movie.runtime ?? 0,
    spoken_languages: [],
    status: movie.releaseDate === '' ? 'In Production' : 'Released',
    tagline: '',
  };
}

/** `GET /3/tv/{id}`. */
export function tvDetails(show: FakeTv): Record<string, unknown> {
  return {
    ...tvRow(show),
    genre_ids: undefined,
    genres: [],
    in_production: false,
    number_of_episodes: 1,
    number_of_seasons: 1,
    status: 'Ended',
    type: 'Scripted',
  };
}

/** A page of `items` with TMDb's paging fields (20 per page). */
export function paginate<T>(items: readonly T[], page: number, pageSize = 20): { page: number; results: T[]; total_pages: number; total_results: number } {
  const start = (page - 1) * pageSize;
  return {
    page,
    results: items.slice(start, start + pageSize),
    total_pages: Math.max(1, Math.ceil(items.length / pageSize)),
    total_results: items.length,
  };
}

/** Parse `?page=`: 1..500 integers, default 1; `null` for TMDb's code-22 cases. */
export function parsePage(url: URL): number | null {
  const raw = url.searchParams.get('page');
  if (raw === null || raw === '') return 1;
  if (!/^\d+$/.test(raw)) return null;
  const page = Number(raw);
  return page >= 1 && page <= 500 ? page : null;
}
