import type { ListFilmInput, ListItemRef, RequestOptions, UpdateListWithMoviesResult } from '../types.js';
import type { TmdbClient } from '../tmdb-client.js';

type Parts = Pick<TmdbClient, 'findListByName' | 'createList' | 'matchFilm' | 'clearList' | 'addItems'>;

/**
 * Two convenience methods built only on the client's own public methods: find-or-create a list by name, and
 * match a batch of films then add them to a list. Their names and result shapes stay compatible with the
 * service lbx replaces, so its callers port over unchanged.
 */
export function createListHelpers(client: Parts) {
  return {
    async getOrCreateList(name: string, description = '', options: RequestOptions = {}): Promise<{ id: number; created: boolean }> {
      const existing = await client.findListByName(name, options);
      if (existing) return { id: existing.id, created: false };
      return { id: await client.createList({ name: name.trim(), description }, options), created: true };
    },

    async updateListWithMovies(
      listId: number,
      films: readonly ListFilmInput[],
      options: { clearFirst?: boolean } & RequestOptions = {},
    ): Promise<UpdateListWithMoviesResult> {
      const items: ListItemRef[] = [];
      const seen = new Set<string>();
      const notMatched: Array<{ title: string; year: number | null }> = [];
      for (const film of films) {
        const match = await client.matchFilm(
          { title: film.title, year: film.year, tmdbId: film.tmdbId ?? null, imdbId: film.imdbId ?? null },
          options,
        );
        if (!match) {
          notMatched.push({ title: film.title, year: film.year });
          continue;
        }
        const key = `${match.mediaType}:${match.id}`;
        if (!seen.has(key)) items.push({ mediaType: match.mediaType, mediaId: match.id });
        seen.add(key);
      }
      if (options.clearFirst) await client.clearList(listId, options);
      const results = items.length > 0 ? await client.addItems(listId, items, options) : [];
      return {
        success: results.every((r) => r.status !== 'failed'),
        totalFilms: films.length,
        matched: films.length - notMatched.length,
        added: results.filter((r) => r.status === 'ok').length,
        notMatched,
      };
    },
  };
}
