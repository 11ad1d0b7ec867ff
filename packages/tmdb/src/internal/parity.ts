import type { ListItemRef, ParityFilm, RequestOptions, UpdateListWithMoviesResult } from '../types';
import type { TmdbClient } from '../tmdb-client';

type Parts = Pick<TmdbClient, 'findListByName' | 'createList' | 'matchFilm' | 'clearList' | 'addItems'>;

/** The original service's helpers, on top of the client's own methods. */
export function createParity(client: Parts) {
  return {
    async getOrCreateList(name: string, description = '', options: RequestOptions = {}): Promise<{ id: number; created: boolean }> {
      const existing = await client.findListByName(name, options);
      if (existing) return { id: existing.id, created: false };
      return { id: await client.createList({ name: name.trim(), description }, options), created: true };
    },

    async updateListWithMovies(
      listId: number,
      films: readonly ParityFilm[],
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
