import { communityRatingOf, filmIdOf, runtimeOf } from './film-identity.js';
import type { FakeFilm } from './types.js';

/** Sort paths of `/{user}/films/by/{key}/` the fake serves (the default `/films/` is `release`); others 404. */
export const FILM_SORTS = [
  'release',
  'release-earliest',
  'name',
  'date',
  'date-earliest',
  'rated-date',
  'rated-date-earliest',
  'entry-rating',
  'entry-rating-lowest',
  'rating',
  'rating-lowest',
  'popular',
  'longest',
  'shortest',
] as const;

/** One of {@link FILM_SORTS}. */
export type FilmSortKey = (typeof FILM_SORTS)[number];

/** Whether `key` is a sort path the fake serves. */
export function isFilmSortKey(key: string): key is FilmSortKey {
  return (FILM_SORTS as readonly string[]).includes(key);
}

function nullsLast(get: (film: FakeFilm) => number | null, direction: 1 | -1) {
  return (a: FakeFilm, b: FakeFilm): number => {
    const left = get(a);
    const right = get(b);
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    return left < right ? -direction : left > right ? direction : 0;
  };
}

/** The member's rating desc, unrated last, ties in logged order (stable). Used by `by/member-rating`. */
export const byRatingDesc = nullsLast((film) => film.rating, -1);

const COMPARATORS: Record<FilmSortKey, ((a: FakeFilm, b: FakeFilm) => number) | null> = {
  release: nullsLast((film) => film.year, -1),
  'release-earliest': nullsLast((film) => film.year, 1),
  name: (a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }),
  date: null,
  'date-earliest': null,
  'entry-rating': byRatingDesc,
  'entry-rating-lowest': nullsLast((film) => film.rating, 1),
  'rated-date': null,
  'rated-date-earliest': null,
  rating: nullsLast(communityRatingOf, -1),
  'rating-lowest': nullsLast(communityRatingOf, 1),
  popular: nullsLast(filmIdOf, 1),
  longest: nullsLast(runtimeOf, -1),
  shortest: nullsLast(runtimeOf, 1),
};

/** Films in the order of a sort path. The input (logged order, newest first) is not changed. */
export function sortFilms(films: readonly FakeFilm[], key: FilmSortKey): FakeFilm[] {
  if (key === 'date-earliest') return [...films].reverse();
  // The fake treats "when rated" like "when logged", over the rated films only.
  if (key === 'rated-date') return films.filter((film) => film.rating !== null);
  if (key === 'rated-date-earliest') return films.filter((film) => film.rating !== null).reverse();
  const compare = COMPARATORS[key];
  return compare ? [...films].sort(compare) : [...films];
}
