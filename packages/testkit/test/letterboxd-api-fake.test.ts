import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The real API client reads the fake. Imported by path: a testkit → @lbx/letterboxd dependency would be a cycle.
import { createLetterboxdApiClient } from '../../letterboxd/src/index';
import { createFakeLetterboxdApi } from '@lbx/testkit';

const fake = createFakeLetterboxdApi();
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => fake.reset());
afterAll(() => server.close());

const API = 'https://api.letterboxd.com/api/v0';

async function token(): Promise<string> {
  const response = await fetch(`${API}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...{ client_id: fake.credentials.clientId, client_secret: fake.credentials.clientSecret } }),
  });
  const body = (await response.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
  return body.access_token;
}

async function get(path: string, bearer?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${API}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Letterboxd API', () => {
  it('wants a token on every endpoint, and refuses wrong credentials and grants like OAuth', async () => {
    expect((await get('/search?input=ana')).status).toBe(401);
    const wrong = await fetch(`${API}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=x&client_secret=y',
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const password = await fetch(`${API}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=password' });
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const json = await fetch(`${API}/auth/token`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    const bearer = await token();
    expect((await get('/search?input=ana', bearer)).status).toBe(200);
    fake.expireTokens();
    expect((await get('/search?input=ana', bearer)).status).toBe(401);
  });

  it('enforces perPage ≤ 100, valid cursors and sort combinations, and 404s unknown ids', async () => {
    const bearer = await token();
    const ana = fake.memberId('cinephile_ana');
    expect((await get(`/films?member=${ana}&perPage=101`, bearer)).status).toBe(400);
    expect((await get(`/films?member=${ana}&cursor=page2`, bearer)).status).toBe(400);
    expect((await get(`/films?member=${ana}&sort=MemberRatingHighToLow`, bearer)).status).toBe(400);
    expect((await get(`/films?member=${ana}&sort=Shuffle`, bearer)).status).toBe(400);
    expect((await get(`/films?member=${ana}&memberRelationship=Owned`, bearer)).status).toBe(400);
    expect((await get('/films', bearer)).status).toBe(400);
    expect((await get('/films?member=nope', bearer)).body).toMatchObject({ error: true, code: 'NotFound' });
    expect((await get('/member/nope', bearer)).status).toBe(404);
    expect((await get('/list/nope', bearer)).status).toBe(404);
    expect((await get('/list/nope/entries', bearer)).status).toBe(404);
    expect((await get('/lists?member=nope', bearer)).status).toBe(404);
    expect((await get('/nothing-here', bearer)).status).toBe(404);
    expect((await get('/search?input=', bearer)).status).toBe(400);
    expect((await get(`/member/${ana}`, bearer)).body).toMatchObject({ username: 'cinephile_ana' });
  });

  it('serves films with default and other sorts, and the watchlist pitfall of a `member` parameter', async () => {
    const bearer = await token();
    const ana = fake.memberId('cinephile_ana');
    const names = async (query: string) =>
      ((await get(`/films?member=${ana}&${query}`, bearer)).body.items as Array<{ name: string }>).map((f) => f.name);
    const byName = await names('sort=FilmName');
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    expect((await names('sort=DateEarliestFirst')).reverse()).toEqual(await names('sort=DateLatestFirst'));
    expect((await names('sort=FilmPopularity')).length).toBe(byName.length);
    expect(await names('sort=AverageRatingHighToLow')).toHaveLength(byName.length);
    expect(await names('memberRelationship=Rated&includeFriends=None&sort=MemberRatingLowToHigh')).not.toEqual([]);
    const watchlist = await get(`/member/${ana}/watchlist`, bearer);
    const filtered = await get(`/member/${ana}/watchlist?member=${ana}`, bearer);
    expect((watchlist.body.items as unknown[]).length).toBeGreaterThan(0);
    expect(filtered.body.items).toEqual([]);
    expect((await get('/search?input=ana&include=ListSearchItem', bearer)).body.items).toEqual([]);
  });

  it('answers with the in-process fetch too, and refuses other origins', async () => {
    const client = createLetterboxdApiClient({ ...fake.credentials, fetch: fake.fetch, minDelayMs: 0 });
    const list = await client.getList('cinephile_ana', 'slow-burners');
    expect(list.films.map((f) => `${f.rank} ${f.slug}`)).toEqual([
      '1 the-thing',
      '2 amelie',
      '3 game-of-thrones',
      '4 paper-lanterns-2021',
      '5 harbour-lights',
      '6 suspiria',
    ]);
    await expect(client.getList('midnight_mo', 'guilty-pleasures')).rejects.toThrow(/no published list "guilty-pleasures"/);
    await expect(fake.fetch('https://elsewhere.example/')).rejects.toThrow(TypeError);
  });
});
