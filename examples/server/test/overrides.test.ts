import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addGhostReel, auth, testApp, useFakes, waitForJob } from './helpers';

const fakes = useFakes();

type Preview = {
  status: string;
  removed: number;
  matched_films: Array<{
    slug: string;
    tmdb_id: number;
    media_type: string;
    via: string;
    method: string | null;
    rating: number | null;
    rating_source: { source: string; guid: string | null } | null;
    liked_source: { source: string } | null;
  }>;
  not_matched: Array<{ slug: string; title: string; year: number | null; reason: string | null }>;
};

/** Ghost Reel (1931) is known to TMDb only as "Phantom Reel" (and a namesake series). */
function withGhostReel() {
  addGhostReel(fakes.lb);
  fakes.tmdb.movies.set(88001, { id: 88001, title: 'Phantom Reel', releaseDate: '1931-09-01', posterPath: '/phantomReel88001.jpg' });
  fakes.tmdb.tv.set(88002, { id: 88002, name: 'Phantom Reel', firstAirDate: '1999-01-10' });
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...auth, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const syncJob = { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ usernames: ['reel_rita'] }) };

describe('match overrides over HTTP', () => {
  it('pins an unmatched film to a candidate of the TMDb search; the sync writes it, a re-sync nothing; DELETE undoes it', async () => {
    withGhostReel();
    const app = testApp(fakes);
    const preview = async () => (await (await app.request('/users/reel_rita/sync-preview')).json()) as Preview;

    expect((await preview()).not_matched).toEqual([{ slug: 'ghost-reel', title: 'Ghost Reel', year: 1931, reason: 'no-match' }]);

    const search = await app.request('/tmdb/search?query=phantom%20reel', { headers: auth });
    expect(search.status).toBe(200);
    expect(await search.json()).toEqual({
      results: [
        { tmdb_id: 88001, media_type: 'movie', title: 'Phantom Reel', year: 1931, poster_path: '/phantomReel88001.jpg' },
        { tmdb_id: 88002, media_type: 'tv', title: 'Phantom Reel', year: 1999, poster_path: null },
      ],
    });
    const byYear = (await (await app.request('/tmdb/search?query=phantom%20reel&year=1931', { headers: auth })).json()) as { results: unknown[] };
    expect(byYear.results).toHaveLength(1);

    const put = await app.request('/overrides/ghost-reel', json('PUT', { tmdb_id: 88001, media_type: 'movie' }));
    expect(put.status).toBe(200);
    const pin = { key: 'ghost-reel', kind: 'pin', tmdb_id: 88001, media_type: 'movie', title: 'Phantom Reel', year: 1931, set_at: expect.any(String) };
    expect(await put.json()).toEqual(pin);
    expect(await (await app.request('/overrides', { headers: auth })).json()).toEqual({ overrides: [pin] });

    const pinned = await preview();
    expect(pinned.not_matched).toEqual([]);
    expect(pinned.matched_films.find((film) => film.slug === 'ghost-reel')).toEqual({
      slug: 'ghost-reel',
      title: 'Ghost Reel',
      year: 1931,
      rating: 5,
      tmdb_id: 88001,
      media_type: 'movie',
      via: 'override',
      method: 'override',
      rating_source: null,
      liked_source: null,
    });

    const first = await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', syncJob)).json()) as { job_id: string }).job_id);
    const listId = (first.results as Array<{ list_id: number }>)[0]?.list_id as number;
    expect(fakes.tmdb.lists.get(listId)?.items.map((item) => item.mediaId)).toEqual(pinned.matched_films.map((film) => film.tmdb_id));
    expect(fakes.tmdb.lists.get(listId)?.items.map((item) => item.mediaId)).toContain(88001);
    const writes = fakes.tmdb.writeCount();
    const second = await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', syncJob)).json()) as { job_id: string }).job_id);
    expect((second.results as Array<{ status: string }>)[0]?.status).toBe('unchanged');
    expect(fakes.tmdb.writeCount()).toBe(writes);

    expect((await app.request('/overrides/ghost-reel', { method: 'DELETE', headers: auth })).status).toBe(204);
    const again = await app.request('/overrides/ghost-reel', { method: 'DELETE', headers: auth });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ detail: 'The film "ghost-reel" has no override.' });
    const restored = await preview();
    expect(restored).toMatchObject({ removed: 1, not_matched: [{ slug: 'ghost-reel', reason: 'no-match' }] });
  });

  it('the preview of a ledger member shows per film the rating, the match and where rating and like came from', async () => {
    const app = testApp(fakes, { LETTERBOXD_SOURCE: 'ledger' });
    expect((await app.request('/overrides/amelie', json('PUT', { tmdb_id: 11906, media_type: 'movie' }))).status).toBe(200);
    const preview = (await (await app.request('/users/reel_rita/sync-preview')).json()) as Preview;
    const amelie = preview.matched_films.find((film) => film.slug === 'amelie');
    expect(amelie).toMatchObject({ rating: 4, tmdb_id: 11906, via: 'override', method: 'override' });
    expect(amelie?.rating_source).toEqual({ source: 'rss', observed_at: expect.any(String), guid: expect.stringMatching(/^letterboxd-/) });
    expect(amelie?.liked_source?.source).toBe('rss');
    expect(preview.matched_films.every((film) => film.rating !== null && film.rating_source !== null)).toBe(true);
  });

  it('excludes a film (also without TMDb credentials): the preview reports it and leaves it off', async () => {
    const app = testApp(fakes);
    const put = await app.request('/overrides/amelie', json('PUT', { exclude: true }));
    expect(await put.json()).toEqual({ key: 'amelie', kind: 'exclude', tmdb_id: null, media_type: null, title: null, year: null, set_at: expect.any(String) });
    const preview = (await (await app.request('/users/reel_rita/sync-preview')).json()) as Preview;
    expect(preview.not_matched).toEqual([{ slug: 'amelie', title: 'Amélie', year: 2001, reason: 'excluded-by-override' }]);
    expect(preview.matched_films.map((film) => film.slug)).toEqual(['fight-club', 'the-matrix', 'suspiria']);

    const noTmdb = testApp(fakes, {}, { tmdb: null });
    expect((await noTmdb.request('/overrides/suspiria', json('PUT', { exclude: true }))).status).toBe(200);
    const pin = await noTmdb.request('/overrides/suspiria', json('PUT', { tmdb_id: 11906, media_type: 'movie' }));
    expect(pin.status).toBe(503);
    expect((await noTmdb.request('/tmdb/search?query=suspiria', { headers: auth })).status).toBe(503);
    expect(((await (await app.request('/overrides', { headers: auth })).json()) as { overrides: Array<{ key: string }> }).overrides.map((o) => o.key)).toEqual([
      'amelie',
      'suspiria',
    ]);
  });

  it('refuses an id TMDb does not know, and invalid keys and bodies, storing nothing', async () => {
    const app = testApp(fakes);
    const unknown = await app.request('/overrides/ghost-reel', json('PUT', { tmdb_id: 4242424, media_type: 'movie' }));
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(
      /^Match override of "ghost-reel" refused: TMDb has no movie with id 4242424\..*mediaType "tv".*Nothing was stored\.$/,
    );
    const wrongKind = await app.request('/overrides/fight-club', json('PUT', { tmdb_id: 550, media_type: 'tv' }));
    expect(((await wrongKind.json()) as { detail: string }).detail).toContain('TMDb has no TV series with id 550');

    const bad: Array<[string, unknown]> = [
      ['/overrides/ghost-reel', {}],
      ['/overrides/ghost-reel', { tmdb_id: 550, media_type: 'movie', exclude: true }],
      ['/overrides/ghost-reel', { exclude: false }],
      ['/overrides/ghost-reel', { tmdb_id: '550', media_type: 'movie' }],
      ['/overrides/ghost-reel', { tmdb_id: 550, media_type: 'series' }],
      ['/overrides/ghost-reel', '{"tmdb_id": 550,'],
      ['/overrides/two%20words', { exclude: true }],
      [`/overrides/${'x'.repeat(201)}`, { exclude: true }],
    ];
    for (const [path, body] of bad) {
      const res = await app.request(path, json('PUT', body));
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      expect(Array.isArray(((await res.json()) as { detail: unknown }).detail)).toBe(true);
    }
    expect(await (await app.request('/overrides', { headers: auth })).json()).toEqual({ overrides: [] });
    expect((await app.request('/tmdb/search?query=', { headers: auth })).status).toBe(422);
    expect((await app.request('/tmdb/search?query=x&year=nineteen', { headers: auth })).status).toBe(422);
  });

  it('answers 502 when TMDb cannot be asked, and stores nothing', async () => {
    const app = testApp(fakes);
    fakes.tmdb.failNext({ path: '/3/movie/603', status: 503, times: 3 });
    const res = await app.request('/overrides/the-matrix', json('PUT', { tmdb_id: 603, media_type: 'movie' }));
    expect(res.status).toBe(502);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/could not check movie 603 on TMDb/);
    fakes.tmdb.failNext({ path: '/3/search/movie', status: 503, times: 3 });
    const search = await app.request('/tmdb/search?query=matrix', { headers: auth });
    expect(search.status).toBe(502);
    expect(((await search.json()) as { detail: string }).detail).toMatch(/^Searching TMDb for "matrix" failed/);
    expect(await (await app.request('/overrides', { headers: auth })).json()).toEqual({ overrides: [] });
  });

  it('needs the bearer token, refuses cross-site writes, and answers 405 for other methods', async () => {
    const app = testApp(fakes);
    expect((await app.request('/overrides/amelie', json('PUT', { exclude: true }))).status).toBe(200);
    const anonymous: Array<[string, RequestInit]> = [
      ['/overrides', {}],
      ['/tmdb/search?query=amelie', {}],
      ['/overrides/fight-club', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"exclude": true}' }],
      ['/overrides/amelie', { method: 'DELETE' }],
    ];
    for (const [path, init] of anonymous) expect((await app.request(path, init)).status, path).toBe(401);

    const crossSite = { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' };
    const put = await app.request('/overrides/fight-club', json('PUT', { exclude: true }, crossSite));
    expect(put.status).toBe(403);
    expect(((await put.json()) as { detail: string }).detail).toMatch(/^Cross-site request refused/);
    expect((await app.request('/overrides/amelie', { method: 'DELETE', headers: { ...auth, ...crossSite } })).status).toBe(403);
    const stored = (await (await app.request('/overrides', { headers: auth })).json()) as { overrides: Array<{ key: string }> };
    expect(stored.overrides.map((override) => override.key)).toEqual(['amelie']);

    const wrongMethod = await app.request('/overrides/amelie', { headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PUT, DELETE');
    expect((await app.request('/overrides', { method: 'POST', headers: auth })).headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 503 naming the file when the overrides file is corrupt, and leaves it as it is', async () => {
    const app = testApp(fakes);
    const path = join(fakes.dir, 'mappings.overrides.json');
    await writeFile(path, '{"version": 1, "overrides": [');
    for (const [url, init] of [
      ['/overrides', { headers: auth }],
      ['/overrides/amelie', json('PUT', { exclude: true })],
      ['/overrides/amelie', { method: 'DELETE', headers: auth }],
    ] as Array<[string, RequestInit]>) {
      const res = await app.request(url, init);
      expect(res.status, url).toBe(503);
      expect(((await res.json()) as { detail: string }).detail).toContain(path);
    }
    expect(await readFile(path, 'utf8')).toBe('{"version": 1, "overrides": [');
  });

  it('documents the routes in the OpenAPI document, behind the bearer token', async () => {
    const doc = (await (await testApp(fakes).request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths['/overrides/{key}'] ?? {}).sort()).toEqual(['delete', 'put']);
    for (const operation of [doc.paths['/overrides']?.get, doc.paths['/overrides/{key}']?.put, doc.paths['/tmdb/search']?.get]) {
      expect(operation?.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation?.responses ?? {})).toContain('401');
    }
    expect(Object.keys(doc.paths['/overrides/{key}']?.put?.responses ?? {})).toEqual(expect.arrayContaining(['200', '422', '502', '503']));
  });
});
