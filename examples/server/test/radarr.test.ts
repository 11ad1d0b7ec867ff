import type { FakeFilm, FakeMember } from '@lbx/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApp, useFakes } from './helpers';

const fakes = useFakes();

/** What Radarr's "Custom List" import accepts: an array whose every `id` is a positive integer TMDb movie id. */
const RadarrImport = z.array(z.object({ id: z.number().int().positive() }).passthrough());

function film(partial: Partial<FakeFilm> & Pick<FakeFilm, 'slug' | 'title' | 'year'>): FakeFilm {
  return { rating: null, liked: false, tmdb: null, imdbId: null, directors: [], watchlisted: false, ...partial };
}

/** "list_lena": a watchlist with a TV show, and a ranked list with a film TMDb cannot match. */
const lena: FakeMember = {
  username: 'list_lena',
  displayName: 'Lena',
  bio: null,
  avatar: null,
  stats: { filmsThisYear: 3, lists: 1, following: 0, followers: 0 },
  films: [
    film({ slug: 'fight-club', title: 'Fight Club', year: 1999, rating: 4.5, liked: true, tmdb: { id: 550, type: 'movie' } }),
    film({ slug: 'the-matrix', title: 'The Matrix', year: 1999, rating: 3, liked: true, tmdb: { id: 603, type: 'movie' } }),
    film({ slug: 'amelie', title: 'Amélie', year: 2001, rating: 5, liked: false, tmdb: { id: 194, type: 'movie' } }),
    film({ slug: 'game-of-thrones', title: 'Game of Thrones', year: 2011, watchlisted: true, watched: false, tmdb: { id: 1399, type: 'tv' } }),
    film({ slug: 'suspiria-2018', title: 'Suspiria', year: 2018, watchlisted: true, watched: false, tmdb: { id: 361292, type: 'movie' } }),
  ],
  lists: [
    {
      slug: 'kept-close',
      name: 'Kept Close',
      description: null,
      ranked: true,
      films: [
        film({ slug: 'the-thing', title: 'The Thing', year: 1982, rating: 5, tmdb: { id: 1091, type: 'movie' } }),
        film({ slug: 'paper-lanterns-2021', title: 'Paper Lanterns', year: 2021, tmdb: null }),
        film({ slug: 'suspiria', title: 'Suspiria', year: 1977, rating: 4, tmdb: { id: 11906, type: 'movie' } }),
      ],
    },
    { slug: 'secret', name: 'Secret', description: null, ranked: false, private: true, films: [] },
  ],
};

beforeEach(() => fakes.lb.addMember(lena));

async function radarr(path: string, env: Record<string, string> = {}) {
  const res = await testApp(fakes, env).request(path);
  return { res, body: (await res.json()) as unknown };
}

describe('GET /radarr/{username}/{source}', () => {
  it('serves the watchlist as Radarr reads it: TMDb movie ids, TV left out by default', async () => {
    const { res, body } = await radarr('/radarr/list_lena/watchlist');
    expect(res.status).toBe(200);
    expect(RadarrImport.parse(body)).toEqual([{ id: 361292, title: 'Suspiria', year: 2018 }]);
    expect(res.headers.get('x-lbx-unmatched')).toBe('0');
    const withTv = await radarr('/radarr/list_lena/watchlist?exclude_tv=false');
    expect((withTv.body as Array<{ id: number }>).map((m) => m.id)).toEqual([1399, 361292]);
  });

  it('serves top-rated, liked and rated films with the rating and year filters and a limit', async () => {
    const ids = async (path: string) => ((await radarr(path)).body as Array<{ id: number }>).map((m) => m.id);
    expect(await ids('/radarr/list_lena/top-rated')).toEqual([550, 603]);
    expect(await ids('/radarr/list_lena/liked')).toEqual([550, 603]);
    expect(await ids('/radarr/list_lena/rated')).toEqual([194, 550, 603]);
    expect(await ids('/radarr/list_lena/rated?min_rating=4')).toEqual([194, 550]);
    expect(await ids('/radarr/list_lena/rated?max_rating=4.5')).toEqual([550, 603]);
    expect(await ids('/radarr/list_lena/rated?year_from=2000')).toEqual([194]);
    expect(await ids('/radarr/list_lena/rated?year_to=1999')).toEqual([550, 603]);
    expect(await ids('/radarr/list_lena/rated?limit=1')).toEqual([194]);
  });

  it('serves a member list in list order and counts the film without a match in a header', async () => {
    const { res, body } = await radarr('/radarr/list_lena/list/kept-close');
    expect(res.status).toBe(200);
    expect(RadarrImport.parse(body).map((m) => m.id)).toEqual([1091, 11906]);
    expect(res.headers.get('x-lbx-unmatched')).toBe('1');
  });

  it('answers errors with a status and a JSON detail, never [] with 200', async () => {
    const missing = await radarr('/radarr/list_lena/list/no-such-list');
    expect(missing.res.status).toBe(404);
    expect((missing.body as { detail: string }).detail).toMatch(/List not found.*no-such-list/);
    expect((await radarr('/radarr/list_lena/list/secret')).res.status).toBe(403);
    expect((await radarr('/radarr/nobody_here/watchlist')).res.status).toBe(404);
    fakes.lb.failNext({ kind: 'cloudflare', path: '/list_lena/likes/', times: 5 });
    const blocked = await radarr('/radarr/list_lena/liked');
    expect(blocked.res.status).toBe(502);
    expect(blocked.body).toMatchObject({ detail: expect.any(String) });
    const bad = await radarr('/radarr/list_lena/favourites');
    expect(bad.res.status).toBe(422);
    expect((await radarr('/radarr/list_lena/rated?min_rating=4.2')).res.status).toBe(422);
  });

  it('costs Letterboxd one read for a burst of 30 identical requests', async () => {
    const app = testApp(fakes);
    const responses = await Promise.all(Array.from({ length: 30 }, () => app.request('/radarr/list_lena/list/kept-close')));
    expect(responses.every((res) => res.status === 200)).toBe(true);
    expect(fakes.lb.requests.filter((r) => r.path.startsWith('/list_lena/list/'))).toHaveLength(1);
    const bodies = await Promise.all(responses.map((res) => res.json()));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  it('requires ?key= when RADARR_KEY is set', async () => {
    const key = 'radarr-key-0123456789';
    expect((await radarr('/radarr/list_lena/watchlist', { RADARR_KEY: key })).res.status).toBe(401);
    expect((await radarr('/radarr/list_lena/watchlist?key=wrong-key-0123456789', { RADARR_KEY: key })).res.status).toBe(401);
    expect((await radarr(`/radarr/list_lena/watchlist?key=${key}`, { RADARR_KEY: key })).res.status).toBe(200);
  });
});
