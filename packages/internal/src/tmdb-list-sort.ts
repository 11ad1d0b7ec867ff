/**
 * The `sort_by` values TMDb accepts for a v4 list, in TMDb's order (an account list reports the 1-based
 * position in this order as a number). Shared by `@lbx/tmdb` (its `ListSortBy` type and the `updateList` check)
 * and the fake TMDb in `@lbx/testkit`.
 */
export const TMDB_LIST_SORT_BY = [
  'original_order.asc',
  'original_order.desc',
  'vote_average.asc',
  'vote_average.desc',
  'primary_release_date.asc',
  'primary_release_date.desc',
  'title.asc',
  'title.desc',
  'release_date.asc',
  'release_date.desc',
] as const;

/** `true` when `value` is one of {@link TMDB_LIST_SORT_BY}. */
export function isTmdbListSortBy(value: unknown): value is (typeof TMDB_LIST_SORT_BY)[number] {
  return typeof value === 'string' && (TMDB_LIST_SORT_BY as readonly string[]).includes(value);
}
