import type { TmdbClient } from '@lbx/tmdb';

/** A TMDb movie or series offered as the target of a match override (`GET /tmdb/search`, the dashboard's pin form). */
export interface TmdbCandidate {
  tmdbId: number;
  mediaType: 'movie' | 'tv';
  title: string;
  /** The title in the original language (TMDb's `original_title` / `original_name`). */
  originalTitle: string;
  year: number | null;
  /** TMDb's poster image path (`/abc.jpg`), or `null`. */
  posterPath: string | null;
}

/** Candidates of each kind (movies, series) a search returns at most. */
export const CANDIDATES_PER_KIND = 10;

/**
 * TMDb's movie and TV searches side by side: movies first, each kind in TMDb's order, at most
 * {@link CANDIDATES_PER_KIND} of each. Rejects with the client's error when TMDb cannot be searched.
 */
export async function searchTmdbCandidates(
  tmdb: Pick<TmdbClient, 'searchMovie' | 'searchTv'>,
  query: string,
  options: { year?: number; signal?: AbortSignal } = {},
): Promise<TmdbCandidate[]> {
  const [movies, shows] = await Promise.all([tmdb.searchMovie(query, options), tmdb.searchTv(query, options)]);
  return [
    ...movies.results.slice(0, CANDIDATES_PER_KIND).map((movie) => ({
      tmdbId: movie.id,
      mediaType: 'movie' as const,
      title: movie.title,
      originalTitle: movie.originalTitle,
      year: movie.year,
      posterPath: movie.posterPath,
    })),
    ...shows.results.slice(0, CANDIDATES_PER_KIND).map((show) => ({
      tmdbId: show.id,
      mediaType: 'tv' as const,
      title: show.name,
      originalTitle: show.originalName,
      year: show.year,
      posterPath: show.posterPath,
    })),
  ];
}
