import type { Film, LetterboxdClient } from '../packages/letterboxd/src/index.ts';
import type { ListItemRef, TmdbClient } from '../packages/tmdb/src/index.ts';

/** What the original service's strategy did for one member. */
export interface NaiveSyncResult {
  listId: number;
  topFilms: number;
  matched: number;
  added: number;
}

/**
 * The original service's strategy, rebuilt on lbx's public clients for comparison: read EVERY page of the
 * member's logged films, keep the rated-and-liked ones best first, search TMDb by title (and year) for each,
 * one request per film, then clear the list and add everything again. No cache, no diff: every run costs the same.
 */
export async function naiveSync(
  username: string,
  clients: { letterboxd: LetterboxdClient; tmdb: TmdbClient },
  options: { limit: number; listName: string },
): Promise<NaiveSyncResult> {
  const all: Film[] = [];
  for await (const page of clients.letterboxd.filmsPages(username)) all.push(...page.films);
  const top = all
    .filter((film) => film.rating !== null && film.liked === true)
    .sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0))
    .slice(0, options.limit);

  const items: ListItemRef[] = [];
  for (const film of top) {
    const page = await clients.tmdb.searchMovie(film.title, film.year === null ? {} : { year: film.year });
    const first = page.results[0];
    if (first) items.push({ mediaType: 'movie', mediaId: first.id });
  }

  const { id } = await clients.tmdb.getOrCreateList(options.listName);
  await clients.tmdb.clearList(id);
  const results = items.length > 0 ? await clients.tmdb.addItems(id, items) : [];
  return { listId: id, topFilms: top.length, matched: items.length, added: results.filter((result) => result.status === 'ok').length };
}
