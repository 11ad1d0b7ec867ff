import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeTmdb, defaultTmdbCatalogue, type FakeMovie } from '@lbx/testkit';

const fake = createFakeTmdb();
const server = setupServer();
const API = 'https://api.themoviedb.org';
const { apiKey, readAccessToken, userAccessToken, accountId } = fake.credentials;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  fake.reset();
});
afterAll(() => server.close());

function use(): void {
  server.use(...fake.handlers);
}

async function call(
  method: string,
  path: string,
  options: { token?: string; key?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const url = new URL(path, API);
  if (options.key) url.searchParams.set('api_key', options.key);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const write = (method: string, path: string, body?: unknown) => call(method, path, { token: userAccessToken, body });

describe('v3 lookups', () => {
  it('searches titles case-, accent- and punctuation-insensitively, filtered by year', async () => {
    use();
    const both = await call('GET', '/3/search/movie?query=SUSPIRIA', { key: apiKey });
    expect(both.status).toBe(200);
    expect(both.body.results.map((row: any) => row.release_date).sort()).toEqual(['1977-02-01', '2018-10-26']);
    const old = await call('GET', '/3/search/movie?query=suspiria&primary_release_year=1977', { token: readAccessToken });
    expect(old.body.results.map((row: any) => row.id)).toEqual([11906]);
    const amelie = await call('GET', '/3/search/movie?query=amelie', { key: apiKey });
    expect(amelie.body.results[0]).toMatchObject({ id: 194, title: 'Amélie', original_title: "Le Fabuleux Destin d'Amélie Poulain" });
    const original = await call('GET', '/3/search/movie?query=fabuleux%20destin%20d%20amelie', { key: apiKey });
    expect(original.body.results.map((row: any) => row.id)).toEqual([194]);
    const noYear = await call('GET', '/3/search/movie?query=lighthouse', { key: apiKey });
    expect(noYear.body.results[0].release_date).toBe('');
  });

  it('pages search results by 20 and rejects page numbers TMDb rejects', async () => {
    const movies: FakeMovie[] = Array.from({ length: 45 }, (_, i) => ({ id: 1000 + i, title: `Night ${i + 1}`, releaseDate: '2000-01-01', popularity: 100 - i }));
    server.use(...createFakeTmdb({ movies }).handlers);
    const third = await call('GET', '/3/search/movie?query=night&page=3', { key: apiKey });
    expect(third.body).toMatchObject({ page: 3, total_pages: 3, total_results: 45 });
    expect(third.body.results).toHaveLength(5);
    const bad = await call('GET', '/3/search/movie?query=night&page=0', { key: apiKey });
    expect(bad.status).toBe(400);
    expect(bad.body.status_code).toBe(22);
  });

  it('finds by IMDb id in movie and TV results, empty arrays for unknown ids', async () => {
    use();
    const tv = await call('GET', '/3/find/tt7909970?external_source=imdb_id', { key: apiKey });
    expect(tv.body.movie_results).toEqual([]);
    expect(tv.body.tv_results[0]).toMatchObject({ id: 90677, name: 'Unbelievable', media_type: 'tv' });
    const none = await call('GET', '/3/find/tt0000001?external_source=imdb_id', { key: apiKey });
    expect(none.status).toBe(200);
    expect(none.body.movie_results).toEqual([]);
    const search = await call('GET', '/3/search/tv?query=unbelievable&first_air_date_year=2019', { key: apiKey });
    expect(search.body.results.map((row: any) => row.id)).toEqual([90677]);
  });

  it('answers details, 404 code 34 for unknown ids and 401 code 7 for a bad key', async () => {
    use();
    const movie = await call('GET', '/3/movie/1091', { key: apiKey });
    expect(movie.body).toMatchObject({ id: 1091, imdb_id: 'tt0084787', release_date: '1982-06-25' });
    const show = await call('GET', '/3/tv/90677', { token: readAccessToken });
    expect(show.body).toMatchObject({ id: 90677, name: 'Unbelievable' });
    const missing = await call('GET', '/3/movie/999999999', { key: apiKey });
    expect(missing).toMatchObject({ status: 404, body: { success: false, status_code: 34 } });
    const badKey = await call('GET', '/3/movie/550', { key: 'nope' });
    expect(badKey).toMatchObject({ status: 401, body: { status_code: 7 } });
    const none = await call('GET', '/3/movie/550');
    expect(none.status).toBe(401);
  });
});

describe('v4 sign-in', () => {
  it('exchanges a request token only after the user approved it, and revokes on logout', async () => {
    use();
    const withKey = await call('POST', '/4/auth/request_token', { key: apiKey, body: {} });
    expect(withKey.status).toBe(401);
    const created = await call('POST', '/4/auth/request_token', { token: readAccessToken, body: { redirect_to: 'http://localhost/done' } });
    expect(created.body.success).toBe(true);
    const requestToken: string = created.body.request_token;
    const early = await call('POST', '/4/auth/access_token', { token: readAccessToken, body: { request_token: requestToken } });
    expect(early).toMatchObject({ status: 422, body: { status_code: 41 } });
    fake.approveRequestToken(requestToken);
    const exchanged = await call('POST', '/4/auth/access_token', { token: readAccessToken, body: { request_token: requestToken } });
    expect(exchanged.body).toMatchObject({ success: true, account_id: accountId });
    const accessToken: string = exchanged.body.access_token;
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString());
    expect(claims.scopes).toEqual(['api_read', 'api_write']);
    const again = await call('POST', '/4/auth/access_token', { token: readAccessToken, body: { request_token: requestToken } });
    expect(again).toMatchObject({ status: 401, body: { status_code: 33 } });

    const made = await call('POST', '/4/list', { token: accessToken, body: { name: 'Mine', iso_639_1: 'en' } });
    expect(made.status).toBe(201);
    const logout = await call('DELETE', '/4/auth/access_token', { token: readAccessToken, body: { access_token: accessToken } });
    expect(logout.body.success).toBe(true);
    const after = await call('POST', '/4/list', { token: accessToken, body: { name: 'Mine again' } });
    expect(after).toMatchObject({ status: 401, body: { status_code: 35 } });
    expect(() => fake.approveRequestToken('unknown')).toThrow(/unknown request token/);
  });

  it('approves a request token over HTTP at the website path /auth/access (one call, as "Approve" would)', async () => {
    use();
    const created = await call('POST', '/4/auth/request_token', { token: readAccessToken, body: {} });
    const requestToken: string = created.body.request_token;
    const unknown = await fetch(`${API}/auth/access?request_token=nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Unknown or expired request token');
    const approved = await fetch(`${API}/auth/access?request_token=${encodeURIComponent(requestToken)}`);
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain('Approved');
    const exchanged = await call('POST', '/4/auth/access_token', { token: readAccessToken, body: { request_token: requestToken } });
    expect(exchanged.body).toMatchObject({ success: true, account_id: accountId });
  });

  it('refuses writes with the read token: HTTP 401, code 36, TMDb body, nothing written', async () => {
    use();
    const refused = await call('POST', '/4/list', { token: readAccessToken, body: { name: 'X', iso_639_1: 'en' } });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      success: false,
      status_code: 36,
      status_message: "This token hasn't been granted write permission by the user.",
    });
    expect(fake.lists.size).toBe(0);
    expect(fake.writeCount()).toBe(0);
    const bogus = await call('POST', '/4/list', { token: 'not-a-token', body: { name: 'X' } });
    expect(bogus).toMatchObject({ status: 401, body: { status_code: 3 } });
  });
});

describe('v4 lists', () => {
  it('creates lists, honouring public only as 0/1, and spam-filters URLs in names', async () => {
    use();
    const priv = await write('POST', '/4/list', { name: 'Private', iso_639_1: 'en', public: 0 });
    expect(priv.status).toBe(201);
    expect(fake.lists.get(priv.body.id)?.public).toBe(false);
    const boolean = await write('POST', '/4/list', { name: 'Ignored flag', iso_639_1: 'en', public: false });
    expect(fake.lists.get(boolean.body.id)?.public).toBe(true);
    const spam = await write('POST', '/4/list', { name: 'see http://spam.example', iso_639_1: 'en' });
    expect(spam).toMatchObject({ status: 400, body: { status_code: 18, errors: ['Content is suspected to be spam'] } });
    const blank = await write('POST', '/4/list', { iso_639_1: 'en' });
    expect(blank.status).toBe(422);
    expect(fake.lists.size).toBe(2);
    expect(fake.writeCount()).toBe(2);
  });

  it('adds items with per-item results, ignores comments on add, sets them with PUT, pages by 20', async () => {
    use();
    const list = fake.seedList({ name: 'Paged' });
    const movies = Array.from({ length: 23 }, (_, i) => ({ id: 2000 + i, title: `Film ${i}`, releaseDate: '2001-01-01' }));
    for (const movie of movies) fake.movies.set(movie.id, movie);
    const items = movies.map((m) => ({ media_type: 'movie', media_id: m.id, comment: 'ignored' }));
    const added = await write('POST', `/4/list/${list.id}/items`, { items });
    expect(added.body.results.every((r: any) => r.success)).toBe(true);
    const again = await write('POST', `/4/list/${list.id}/items`, {
      items: [{ media_type: 'movie', media_id: 2000 }, { media_type: 'tv', media_id: 1399 }, { media_type: 'movie', media_id: 1 }],
    });
    expect(again.body.success).toBe(true);
    expect(again.body.results).toEqual([
      { media_id: 2000, media_type: 'movie', success: false, error: ['Media has already been taken'] },
      { media_id: 1399, media_type: 'tv', success: true },
      { media_id: 1, media_type: 'movie', success: false, error: ['Media not found'] },
    ]);
    expect(fake.lists.get(list.id)?.items.every((item) => item.comment === null)).toBe(true);
    await write('PUT', `/4/list/${list.id}/items`, { items: [{ media_type: 'tv', media_id: 1399, comment: 'Top' }] });

    const page2 = await call('GET', `/4/list/${list.id}?page=2`, { key: apiKey });
    expect(page2.headers.get('cache-control')).toBe('public, max-age=300');
    expect(page2.body).toMatchObject({ page: 2, total_pages: 2, total_results: 24, item_count: 24, public: true });
    expect(page2.body.results).toHaveLength(4);
    expect(page2.body.results[3]).toMatchObject({ media_type: 'tv', id: 1399, name: 'Game of Thrones' });
    expect(page2.body.comments).toEqual({ 'movie:2020': null, 'movie:2021': null, 'movie:2022': null, 'tv:1399': 'Top' });

    const removed = await write('DELETE', `/4/list/${list.id}/items`, { items: [{ media_type: 'tv', media_id: 1399 }, { media_type: 'tv', media_id: 1399 }] });
    expect(removed.body.results.map((r: any) => r.success)).toEqual([true, false]);
    expect(fake.lists.get(list.id)?.items).toHaveLength(23);
  });

  it('serves a cached copy of a list read for the same URL after a write, like the CDN', async () => {
    use();
    const list = fake.seedList({ name: 'Cached', items: [{ mediaType: 'movie', mediaId: 550, comment: null }] });
    const first = await call('GET', `/4/list/${list.id}`, { key: apiKey });
    expect(first.body.total_results).toBe(1);
    await write('POST', `/4/list/${list.id}/items`, { items: [{ media_type: 'movie', media_id: 603 }] });
    const stale = await call('GET', `/4/list/${list.id}`, { key: apiKey });
    expect(stale.body.total_results).toBe(1);
    const fresh = await call('GET', `/4/list/${list.id}?cb=1`, { key: apiKey });
    expect(fresh.body.total_results).toBe(2);
  });

  it('serves the account’s lists from the cache too until the URL changes', async () => {
    use();
    fake.seedList({ name: 'First' });
    const before = await call('GET', `/4/account/${accountId}/lists`, { token: userAccessToken });
    await write('POST', '/4/list', { name: 'Second', iso_639_1: 'en' });
    const stale = await call('GET', `/4/account/${accountId}/lists`, { token: userAccessToken });
    const fresh = await call('GET', `/4/account/${accountId}/lists?cb=1`, { token: userAccessToken });
    expect([before.body.total_results, stale.body.total_results, fresh.body.total_results]).toEqual([1, 1, 2]);
  });

  it('caches the state-changing GET …/clear too: the same URL again clears nothing', async () => {
    use();
    const list = fake.seedList({ name: 'Cleared', items: [{ mediaType: 'movie', mediaId: 550, comment: null }] });
    expect((await write('GET', `/4/list/${list.id}/clear`)).body.items_deleted).toBe(1);
    await write('POST', `/4/list/${list.id}/items`, { items: [{ media_type: 'movie', media_id: 603 }] });
    expect((await write('GET', `/4/list/${list.id}/clear`)).body.items_deleted).toBe(1);
    expect(fake.lists.get(list.id)?.items).toHaveLength(1);
    expect((await write('GET', `/4/list/${list.id}/clear?cb=2`)).body.items_deleted).toBe(1);
    expect(fake.lists.get(list.id)?.items).toHaveLength(0);
  });

  it('keeps private lists private, updates, clears, answers item status and deletes', async () => {
    use();
    const list = fake.seedList({ name: 'Secret', public: false, items: [{ mediaType: 'movie', mediaId: 550, comment: null }] });
    const other = await call('GET', `/4/list/${list.id}`, { key: apiKey });
    expect(other).toMatchObject({ status: 401, body: { status_code: 39 } });
    const owner = await call('GET', `/4/list/${list.id}`, { token: userAccessToken });
    expect(owner.body.public).toBe(false);

    const badSort = await write('PUT', `/4/list/${list.id}`, { sort_by: 'popularity.desc' });
    expect(badSort).toMatchObject({ status: 200, body: { success: false } });
    const updated = await write('PUT', `/4/list/${list.id}`, { name: 'Renamed', public: true, sort_by: 'title.desc' });
    expect(updated.body.success).toBe(true);
    expect(fake.lists.get(list.id)).toMatchObject({ name: 'Renamed', public: true, sortBy: 'title.desc' });

    const present = await write('GET', `/4/list/${list.id}/item_status?media_id=550&media_type=movie`);
    expect(present.body).toMatchObject({ success: true, media_id: 550 });
    const cleared = await write('GET', `/4/list/${list.id}/clear`);
    expect(cleared.body).toMatchObject({ success: true, items_deleted: 1 });
    const absent = await write('GET', `/4/list/${list.id}/item_status?media_id=550&media_type=movie`);
    expect(absent).toMatchObject({ status: 404, body: { status_code: 34 } });

    const deleted = await write('DELETE', `/4/list/${list.id}`);
    expect(deleted.body.status_code).toBe(13);
    expect(fake.lists.has(list.id)).toBe(false);
    const gone = await write('PUT', `/4/list/${list.id}`, { name: 'x' });
    expect(gone).toMatchObject({ status: 404, body: { status_code: 34 } });
    // PUT (rejected sort), PUT, clear, DELETE: 4 accepted writes; reads do not count.
    expect(fake.writeCount()).toBe(4);
  });

  it('lists the account’s lists on pages of 20 with TMDb’s loose row types', async () => {
    use();
    for (let i = 0; i < 21; i += 1) fake.seedList({ name: `List ${i}`, public: i % 2 === 0 });
    const first = await call('GET', `/4/account/${accountId}/lists`, { token: userAccessToken });
    expect(first.body).toMatchObject({ page: 1, total_pages: 2, total_results: 21 });
    const [row0, row1] = first.body.results;
    expect(row0).toMatchObject({ name: 'List 0', public: 1, number_of_items: 0, revenue: 0, runtime: '0' });
    expect(row1).toMatchObject({ name: 'List 1', public: 0, revenue: '0', runtime: 0 });
    const second = await call('GET', `/4/account/${accountId}/lists?page=2`, { token: userAccessToken });
    expect(second.body.results).toHaveLength(1);
    const withKey = await call('GET', `/4/account/${accountId}/lists`, { key: apiKey });
    expect(withKey.status).toBe(401);
  });
});

describe('failure injection, latency and reset', () => {
  it('fails the next matching requests with TMDb bodies, then recovers', async () => {
    use();
    fake.failNext({ method: 'GET', path: /^\/3\/search/, status: 429, retryAfter: 2 });
    fake.failNext({ path: '/3/movie', status: 503, times: 2 });
    const limited = await call('GET', '/3/search/movie?query=matrix', { key: apiKey });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body.status_code).toBe(25);
    expect((await call('GET', '/3/search/movie?query=matrix', { key: apiKey })).status).toBe(200);
    expect((await call('GET', '/3/movie/603', { key: apiKey })).status).toBe(503);
    expect((await call('GET', '/3/movie/603', { key: apiKey })).body.status_code).toBe(9);
    expect((await call('GET', '/3/movie/603', { key: apiKey })).status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200, 503, 503, 200]);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/3/search/movie', query: '?query=matrix', credential: 'api-key' });
  });

  it('answers unknown paths like TMDb and restores the catalogue on reset', async () => {
    use();
    expect((await call('GET', '/4/nothing/here', { token: userAccessToken })).status).toBe(404);
    expect((await call('GET', '/4/nothing/here')).status).toBe(401);
    fake.movies.delete(550);
    fake.seedList({ name: 'Temp' });
    fake.reset();
    expect(fake.movies.has(550)).toBe(true);
    expect(fake.lists.size).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(defaultTmdbCatalogue.movies.some((m) => m.releaseDate === '')).toBe(true);
  });

  it('can answer any origin and delay answers', async () => {
    const anywhere = createFakeTmdb({ baseUrl: '*', latencyMs: 5 });
    server.use(...anywhere.handlers);
    const response = await fetch(`http://127.0.0.1:9/3/movie/550?api_key=${anywhere.credentials.apiKey}`);
    expect(((await response.json()) as { title: string }).title).toBe('Fight Club');
  });
});
