import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import itemsPartialFailure from './fixtures/tmdb-list-items-partial-failure.json';
import { useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, server, client } = useFakeTmdb();

function seedMovies(count: number, firstId = 4000) {
  return Array.from({ length: count }, (_, i) => {
    fake.movies.set(firstId + i, { id: firstId + i, title: `Film ${i}`, releaseDate: '1990-01-01' });
    return { mediaType: 'movie' as const, mediaId: firstId + i };
  });
}

describe('addItems', () => {
  it('adds 250 items in 3 requests (100 + 100 + 50), in order', async () => {
    const refs = seedMovies(250);
    const list = fake.seedList({ name: 'Big' });
    const results = await client().addItems(list.id, refs);
    expect(results).toHaveLength(250);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(fake.writeCount()).toBe(3);
    expect(fake.lists.get(list.id)?.items.map((item) => item.mediaId)).toEqual(refs.map((ref) => ref.mediaId));
  });

  it('reports items already on the list as already-present and unknown ids as failed', async () => {
    const list = fake.seedList({ name: 'Some', items: [{ mediaType: 'movie', mediaId: 550, comment: null }] });
    const results = await client().addItems(list.id, [
      { mediaType: 'movie', mediaId: 550 },
      { mediaType: 'tv', mediaId: 90677 },
      { mediaType: 'movie', mediaId: 123456789 },
    ]);
    expect(results).toEqual([
      { status: 'already-present', mediaType: 'movie', mediaId: 550 },
      { status: 'ok', mediaType: 'tv', mediaId: 90677 },
      { status: 'failed', mediaType: 'movie', mediaId: 123456789, error: 'Media not found' },
    ]);
    expect(fake.lists.get(list.id)?.items).toHaveLength(2);
  });

  it('reads per-item failures without an error text', async () => {
    server.use(http.post('https://api.themoviedb.org/4/list/:id/items', () => HttpResponse.json(itemsPartialFailure)));
    const results = await client().addItems(8678999, [
      { mediaType: 'movie', mediaId: 550 },
      { mediaType: 'tv', mediaId: 1399 },
      { mediaType: 'movie', mediaId: 603 },
    ]);
    expect(results).toEqual([
      { status: 'failed', mediaType: 'movie', mediaId: 550, error: 'TMDb did not add it (unknown id?)' },
      { status: 'ok', mediaType: 'tv', mediaId: 1399 },
      { status: 'failed', mediaType: 'movie', mediaId: 603, error: 'TMDb returned no result for this item' },
    ]);
  });

  it('rejects malformed items before sending anything', async () => {
    const tmdb = client();
    // @ts-expect-error episodes cannot go on a list
    await expect(tmdb.addItems(1, [{ mediaType: 'episode', mediaId: 1 }])).rejects.toThrow(/'movie' or 'tv'/);
    await expect(tmdb.addItems(1, [{ mediaType: 'movie', mediaId: 0 }])).rejects.toThrow(/mediaId/);
    await expect(tmdb.addItems(0, [])).rejects.toThrow(/list id/);
    expect(fake.requests).toHaveLength(0);
    expect(await tmdb.addItems(5, [])).toEqual([]);
  });
});

describe('removeItems / updateItemComments', () => {
  it('removes in batches and reports items that were not on the list', async () => {
    const refs = seedMovies(120);
    const list = fake.seedList({ name: 'Trim', items: refs.map((ref) => ({ ...ref, comment: null })) });
    const results = await client().removeItems(list.id, [...refs.slice(0, 110), { mediaType: 'movie', mediaId: 550 }]);
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(110);
    expect(results.at(-1)).toEqual({ status: 'failed', mediaType: 'movie', mediaId: 550, error: 'Media not found' });
    expect(fake.lists.get(list.id)?.items.map((item) => item.mediaId)).toEqual(refs.slice(110).map((ref) => ref.mediaId));
    expect(fake.writeCount()).toBe(2);
  });

  it('sets comments (which add ignores) and reads them back', async () => {
    const tmdb = client();
    const list = fake.seedList({ name: 'Rated' });
    await tmdb.addItems(list.id, [{ mediaType: 'movie', mediaId: 194 }, { mediaType: 'movie', mediaId: 603 }]);
    const results = await tmdb.updateItemComments(list.id, [
      { mediaType: 'movie', mediaId: 194, comment: 'alice: ★★★★½' },
      { mediaType: 'movie', mediaId: 550, comment: 'not on the list' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'failed']);
    const items = await tmdb.getListItems(list.id);
    expect(items.map((item) => [item.mediaId, item.comment])).toEqual([
      [194, 'alice: ★★★★½'],
      [603, null],
    ]);
  });
});
