import { TMDB_LIST_SORT_BY } from '@lbx/internal';
import { movieRow, tvRow } from './rows.js';
import type { FakeState } from './state.js';
import type { FakeList, FakeListItem } from './types.js';

/** A list item as a list-details row (`media_type` union). */
export function itemRow(state: FakeState, item: FakeListItem): Record<string, unknown> {
  if (item.mediaType === 'movie') {
    const movie = state.movies.get(item.mediaId) ?? { id: item.mediaId, title: `Movie ${item.mediaId}`, releaseDate: '' };
    return movieRow(movie, true);
  }
  const show = state.tv.get(item.mediaId) ?? { id: item.mediaId, name: `Series ${item.mediaId}`, firstAirDate: '' };
  return tvRow(show, true);
}

function sortKeys(state: FakeState, item: FakeListItem): { title: string; date: string; vote: number } {
  if (item.mediaType === 'movie') {
    const movie = state.movies.get(item.mediaId);
    return { title: movie?.title ?? '', date: movie?.releaseDate ?? '', vote: movie?.voteAverage ?? 0 };
  }
  const show = state.tv.get(item.mediaId);
  return { title: show?.name ?? '', date: show?.firstAirDate ?? '', vote: show?.voteAverage ?? 0 };
}

/** The list's items in the order `sortBy` asks for (stable; insertion order breaks ties). */
export function sortedItems(state: FakeState, list: FakeList, sortBy: string): FakeListItem[] {
  const [field, direction] = sortBy.split('.');
  const sign = direction === 'desc' ? -1 : 1;
  const indexed = list.items.map((item, index) => ({ item, index, keys: sortKeys(state, item) }));
  indexed.sort((a, b) => {
    let order = 0;
    if (field === 'title') order = a.keys.title.localeCompare(b.keys.title);
    else if (field === 'vote_average') order = a.keys.vote - b.keys.vote;
    else if (field === 'release_date' || field === 'primary_release_date') order = a.keys.date.localeCompare(b.keys.date);
    else order = a.index - b.index;
    return order === 0 ? a.index - b.index : order * sign;
  });
  return indexed.map((entry) => entry.item);
}

/** A row of `GET /4/account/{id}/lists`: 0/1 flags, integer sort_by, numbers that are sometimes strings. */
export function accountListRow(state: FakeState, list: FakeList, position: number): Record<string, unknown> {
  const runtime = list.items.reduce(
    (sum, item) => sum + (item.mediaType === 'movie' ? (state.movies.get(item.mediaId)?.runtime ?? 0) : 0),
    0,
  );
  const odd = position % 2 === 1;
  return {
    account_object_id: list.accountId,
    adult: 0,
    average_rating: 0,
    backdrop_path: null,
    created_at: odd ? '2026-08-06 23:26:00' : '2026-08-06 23:26:00 UTC',
    description: list.description,
    featured: 0,
    id: list.id,
    iso_3166_1: 'US',
    iso_639_1: list.language ?? 'en',
    name: list.name,
    number_of_items: list.items.length,
    ...(odd ? {} : { poster_path: null }),
    public: list.public ? 1 : 0,
    revenue: odd ? '0' : 0,
    runtime: odd ? runtime : String(runtime),
    sort_by: Math.max(1, (TMDB_LIST_SORT_BY as readonly string[]).indexOf(list.sortBy) + 1),
    updated_at: '2026-08-06 23:26:04 UTC',
  };
}
