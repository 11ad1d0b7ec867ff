import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, server, client } = useFakeTmdb();

describe('updateListWithMovies', () => {
  it('matches every film, adds the matches in order and reports the unmatched ones', async () => {
    const list = fake.seedList({ name: 'Parity', items: [{ mediaType: 'movie', mediaId: 603, comment: null }] });
    const result = await client().updateListWithMovies(list.id, [
      { title: 'Suspiria', year: 1977 },
      { title: 'The Thing', year: null },
      { title: 'Whatever', year: 1999, tmdbId: 550 },
      { title: 'Amélie', year: 2001, imdbId: 'tt0211915' },
      { title: 'The Matrix', year: 1999 },
      { title: 'Suspiria', year: 1977 },
    ]);
    expect(result).toEqual({
      success: true,
      totalFilms: 6,
      matched: 5,
      added: 3,
      notMatched: [{ title: 'The Thing', year: null }],
    });
    expect(fake.lists.get(list.id)?.items.map((item) => item.mediaId)).toEqual([603, 11906, 550, 194]);
  });

  it('clears the list first when asked, so the list mirrors the given order', async () => {
    const list = fake.seedList({
      name: 'Mirror',
      items: [
        { mediaType: 'movie', mediaId: 603, comment: null },
        { mediaType: 'movie', mediaId: 550, comment: null },
      ],
    });
    const result = await client().updateListWithMovies(
      list.id,
      [
        { title: 'Fight Club', year: 1999 },
        { title: 'The Matrix', year: 1999 },
      ],
      { clearFirst: true },
    );
    expect(result).toMatchObject({ success: true, matched: 2, added: 2 });
    expect(fake.lists.get(list.id)?.items.map((item) => item.mediaId)).toEqual([550, 603]);
  });

  it('reports success: false when TMDb refused an item', async () => {
    const list = fake.seedList({ name: 'Refusal' });
    server.use(
      http.post('https://api.themoviedb.org/4/list/:id/items', () =>
        HttpResponse.json({
          success: true,
          status_code: 1,
          status_message: 'Success.',
          results: [{ media_id: 194, media_type: 'movie', success: false, error: ['Media not found'] }],
        }),
      ),
    );
    const result = await client().updateListWithMovies(list.id, [{ title: 'Amélie', year: 2001, tmdbId: 194 }]);
    expect(result).toEqual({ success: false, totalFilms: 1, matched: 1, added: 0, notMatched: [] });
  });

  it('adds nothing for an empty film list', async () => {
    const list = fake.seedList({ name: 'Empty' });
    expect(await client().updateListWithMovies(list.id, [])).toEqual({ success: true, totalFilms: 0, matched: 0, added: 0, notMatched: [] });
    expect(fake.writeCount()).toBe(0);
  });
});
