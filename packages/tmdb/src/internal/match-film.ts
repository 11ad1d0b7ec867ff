import { TmdbNotFoundError } from '../errors.js';
import type { Logger, MatchInput, MatchResult, MediaType, RequestOptions } from '../types.js';
import { assertText } from './input-checks.js';
import type { Lookups } from './lookups.js';
import { compareTitles, foldTitle, looseTitle } from './title-normalize.js';

interface Candidate {
  id: number;
  mediaType: MediaType;
  title: string;
  originalTitle: string;
  year: number | null;
}

interface Scored {
  candidate: Candidate;
  score: number;
  exact: boolean;
}

/** Below this a candidate is too weak to use: it needs an exact title or an exact year. */
const MIN_SCORE = 4;

/**
 * Title points: 4 same title, 3 same as the original title (either side), 2 same after dropping articles.
 * Year points: 4 same year, 1 one year apart, 0 when either side has no year; more apart → rejected.
 */
function score(candidate: Candidate, input: MatchInput): Scored | null {
  let titlePoints = 0;
  const inputTitles = [input.title, input.originalTitle].filter((t): t is string => typeof t === 'string' && t !== '');
  for (const [i, inputTitle] of inputTitles.entries()) {
    for (const [j, candidateTitle] of [candidate.title, candidate.originalTitle].entries()) {
      const level = compareTitles(inputTitle, candidateTitle);
      const points = level === 'exact' ? (i === 0 && j === 0 ? 4 : 3) : level === 'loose' ? 2 : 0;
      titlePoints = Math.max(titlePoints, points);
    }
  }
  if (titlePoints === 0) return null;
  let yearPoints = 0;
  if (input.year != null && candidate.year !== null) {
    const apart = Math.abs(input.year - candidate.year);
    if (apart > 1) return null;
    yearPoints = apart === 0 ? 4 : 1;
  }
  const total = titlePoints + yearPoints;
  return total < MIN_SCORE ? null : { candidate, score: total, exact: titlePoints === 4 && yearPoints === 4 };
}

type Pick = { kind: 'match'; best: Scored } | { kind: 'ambiguous' } | { kind: 'none' };

function pick(candidates: Candidate[], input: MatchInput): Pick {
  const unique = [...new Map(candidates.map((c) => [`${c.mediaType}:${c.id}`, c])).values()];
  const scored = unique
    .map((candidate) => score(candidate, input))
    .filter((s): s is Scored => s !== null)
    .sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best) return { kind: 'none' };
  if (second && second.score === best.score) return { kind: 'ambiguous' };
  if (input.year != null && best.candidate.year === null && hasDatedNamesake(best.candidate, unique)) {
    // An undated entry (announced, in production) named like dated films that miss our year: most likely a
    // new film with an old title, not the one we look for.
    return { kind: 'ambiguous' };
  }
  return { kind: 'match', best };
}

function hasDatedNamesake(undated: Candidate, candidates: readonly Candidate[]): boolean {
  return candidates.some(
    (other) =>
      other !== undated &&
      other.year !== null &&
      [other.title, other.originalTitle].some((name) => compareTitles(undated.title, name) !== null),
  );
}

/** A search result: `search-exact` when title and year agree exactly, else `search-fuzzy`. */
function result(best: Scored): MatchResult {
  const { candidate } = best;
  const method = best.exact ? 'search-exact' : 'search-fuzzy';
  return { id: candidate.id, mediaType: candidate.mediaType, method, title: candidate.title, year: candidate.year };
}

/** The ordered matching strategy behind `matchFilm`. */
export async function matchFilm(
  lookups: Lookups,
  logger: Logger,
  input: MatchInput,
  options: RequestOptions = {},
): Promise<MatchResult | null> {
  assertText(input?.title, 'matchFilm: title');
  const { title } = input;

  if (input.tmdbId != null) {
    try {
      if (input.tmdbType === 'tv') {
        const show = await lookups.getTv(input.tmdbId, options);
        return { id: show.id, mediaType: 'tv', method: 'tmdb-id', title: show.name, year: show.year };
      }
      const movie = await lookups.getMovie(input.tmdbId, options);
      return { id: movie.id, mediaType: 'movie', method: 'tmdb-id', title: movie.title, year: movie.year };
    } catch (error) {
      if (!(error instanceof TmdbNotFoundError)) throw error;
      logger.warn('tmdb: unknown TMDb id, matching by other means', { tmdbId: input.tmdbId, title });
    }
  }

  if (input.imdbId) {
    const found = await lookups.findByImdbId(input.imdbId, options);
    const [movie] = found.movies;
    const [show] = found.tv;
    if (found.movies.length === 1 && movie) {
      return { id: movie.id, mediaType: 'movie', method: 'imdb-id', title: movie.title, year: movie.year };
    }
    if (found.movies.length === 0 && found.tv.length === 1 && show) {
      return { id: show.id, mediaType: 'tv', method: 'imdb-id', title: show.name, year: show.year };
    }
  }

  const toMovie = (m: { id: number; title: string; originalTitle: string; year: number | null }): Candidate => ({
    id: m.id,
    mediaType: 'movie',
    title: m.title,
    originalTitle: m.originalTitle,
    year: m.year,
  });

  if (input.year != null) {
    const page = await lookups.searchMovie(title, { ...options, year: input.year });
    const picked = pick(page.results.map(toMovie), input);
    if (picked.kind === 'ambiguous') return null;
    if (picked.kind === 'match') return result(picked.best);
  }

  // Fuzzy: no year filter (catches ±1), the original title, and the title without its leading article.
  const queries = new Set([title]);
  if (input.originalTitle) queries.add(input.originalTitle);
  if (looseTitle(title) !== foldTitle(title)) queries.add(looseTitle(title));
  const movies: Candidate[] = [];
  for (const query of queries) movies.push(...(await lookups.searchMovie(query, options)).results.map(toMovie));
  const searchShows = async (year: number | undefined) =>
    (await lookups.searchTv(title, { ...options, year })).results.map(
      (s): Candidate => ({ id: s.id, mediaType: 'tv', title: s.name, originalTitle: s.originalName, year: s.year }),
    );
  let fuzzy = pick(movies, input);
  // Without a year nothing tells a film from a series of the same name: both must be weighed together.
  if (fuzzy.kind === 'match' && input.year == null) fuzzy = pick([...movies, ...(await searchShows(undefined))], input);
  if (fuzzy.kind === 'ambiguous') return null;
  if (fuzzy.kind === 'match') return result(fuzzy.best);

  // TV (miniseries on Letterboxd): only when no movie came close.
  let tv = pick(await searchShows(input.year ?? undefined), input);
  // First-air years and Letterboxd years can differ by one too.
  if (tv.kind === 'none' && input.year != null) tv = pick(await searchShows(undefined), input);
  if (tv.kind === 'match') return result(tv.best);
  if (tv.kind === 'ambiguous') logger.debug('tmdb: ambiguous match', { title, year: input.year });
  return null;
}
