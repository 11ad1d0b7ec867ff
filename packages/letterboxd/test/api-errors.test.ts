import { type FakeMember, generateMember } from '@lbx/testkit';
import { HttpResponse, delay, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  LetterboxdHttpError,
  LetterboxdInvalidUsernameError,
  LetterboxdNotFoundError,
  LetterboxdParseError,
  LetterboxdPrivateError,
  LetterboxdRateLimitError,
} from '@lbx/letterboxd';
import { useFakeApi } from './support/fake-api';

const vera = generateMember({ username: 'vera', films: 60, likedAndRated: 20, seed: 2 });
// A more popular member whose name contains "vera": the search lists her first.
const veraLind: FakeMember = { ...generateMember({ username: 'vera_lind', films: 30, seed: 4 }), stats: { ...vera.stats, followers: 90_000 } };
const hidden: FakeMember = { ...generateMember({ username: 'quiet_quinn', films: 30, seed: 6 }), privateWatchlist: true };
const { fake, server, client, count } = useFakeApi({ members: [vera, veraLind, hidden] });

describe('username → member id', () => {
  it('keeps only the exact (case-insensitive) username, never the first search hit', async () => {
    const api = client();
    expect(await api.getMemberId('VERA')).toBe(fake.memberId('vera'));
    const search = fake.requests.find((r) => r.path === '/search');
    expect(new URLSearchParams(search?.query).get('include')).toBe('MemberSearchItem');
    expect(await api.getMemberId('vera_lind')).toBe(fake.memberId('vera_lind'));
  });

  it('an unknown username is a LetterboxdNotFoundError naming the member, with no film request', async () => {
    const error = await client().getTopRated('ver').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdNotFoundError);
    expect(error).toMatchObject({ username: 'ver' });
    expect((error as Error).message).toMatch(/no member named exactly "ver".*opted out of the API/);
    expect(count().films).toBe(0);
  });

  it('a member who opted out of the API is not found (search), and their known id answers 404', async () => {
    const api = client();
    await api.getMemberId('vera');
    fake.optOut('vera');
    const byId = await api.getTopRated('vera').catch((e: unknown) => e);
    expect(byId).toBeInstanceOf(LetterboxdNotFoundError);
    expect((byId as Error).message).toMatch(/answered 404 .*opted out of the API/);
    await expect(client().getTopRated('vera')).rejects.toBeInstanceOf(LetterboxdNotFoundError);
  });

  it('an invalid username is refused before any request', async () => {
    await expect(client().getTopRated('no spaces please')).rejects.toBeInstanceOf(LetterboxdInvalidUsernameError);
    expect(fake.requests).toEqual([]);
  });
});

describe('politeness and failures', () => {
  it('429 with Retry-After: waits what the server asks (not the long backoff) and succeeds', async () => {
    fake.failNext({ status: 429, path: '/films', retryAfter: 0 });
    const top = await client({ retry: { limit: 2, backoffMs: 600_000 } }).getTopRated('vera', { limit: 5 });
    expect(top).toHaveLength(5);
    expect(fake.requests.filter((r) => r.path === '/films').map((r) => r.status)).toEqual([429, 200]);
  });

  it('429 without Retry-After: backs off and succeeds', async () => {
    fake.failNext({ status: 429, path: '/films', times: 2 });
    expect(await client().getTopRated('vera', { limit: 5 })).toHaveLength(5);
    expect(fake.requests.filter((r) => r.path === '/films').map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('429 that outlasts the retries, or asks for longer than maxRetryAfterMs, is a LetterboxdRateLimitError', async () => {
    fake.failNext({ status: 429, path: '/films', times: 3 });
    await expect(client().getTopRated('vera')).rejects.toMatchObject({ name: 'LetterboxdRateLimitError', attempts: 3, retryAfterMs: null });
    fake.failNext({ status: 429, path: '/films', retryAfter: 3600 });
    const error = await client().getTopRated('vera').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdRateLimitError);
    expect(error).toMatchObject({ attempts: 1, retryAfterMs: 3_600_000 });
  });

  it('5xx is retried, then an LetterboxdHttpError with the status', async () => {
    fake.failNext({ status: 502, path: '/films' });
    expect(await client().getTopRated('vera', { limit: 1 })).toHaveLength(1);
    fake.failNext({ status: 503, path: '/films', times: 3 });
    await expect(client().getTopRated('vera')).rejects.toMatchObject({ name: 'LetterboxdHttpError', status: 503, attempts: 3 });
  });

  it('a private watchlist is a LetterboxdPrivateError', async () => {
    await expect(client().getWatchlist('quiet_quinn')).rejects.toBeInstanceOf(LetterboxdPrivateError);
  });

  it('a body of the wrong shape is a LetterboxdParseError naming the field, not a network error', async () => {
    server.use(http.get(`${fake.baseUrl}/films`, () => HttpResponse.json({ items: [{ id: 'x' }] }), { once: true }));
    const error = await client().getTopRated('vera').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect((error as LetterboxdParseError).detail).toMatch(/^items\.0\.name/);
    server.use(http.get(`${fake.baseUrl}/films`, () => new HttpResponse('<html>maintenance</html>'), { once: true }));
    await expect(client().getTopRated('vera')).rejects.toMatchObject({ name: 'LetterboxdParseError', detail: 'the body is not JSON' });
  });

  it('a timeout is an LetterboxdHttpError with status 0 after the retries; an abort rejects with its reason, unretried', async () => {
    server.use(http.get(`${fake.baseUrl}/search`, async () => delay(200).then(() => HttpResponse.json({ items: [] }))));
    const error = await client({ retry: { limit: 1, backoffMs: 1 } }).getMemberId('vera', { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdHttpError);
    expect(error).toMatchObject({ status: 0, attempts: 2 });
    expect((error as Error).message).toMatch(/a timeout after 20 ms/);
    const controller = new AbortController();
    const pending = client().getMemberId('vera', { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(client().getMemberId('vera', { timeoutMs: 0 })).rejects.toThrow(RangeError);
  });

  it('a cursor that repeats is a LetterboxdParseError, not an endless loop', async () => {
    server.use(
      http.get(`${fake.baseUrl}/films`, async ({ request }) => {
        const body = (await (await fake.fetch(request)).json()) as Record<string, unknown>;
        return HttpResponse.json({ ...body, next: 'start=0' });
      }),
    );
    const error = await client().getLikedFilms('vera').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect((error as LetterboxdParseError).detail).toMatch(/next cursor repeats/);
    expect(fake.requests.filter((r) => r.path === '/films')).toHaveLength(2);
  });

  it('a refused token fails every caller waiting for it, with or without a signal', async () => {
    const api = client({ clientSecret: 'not-it' });
    const signal = new AbortController().signal;
    const results = await Promise.allSettled([api.getMemberId('vera', { signal }), api.getMemberId('vera')]);
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).name)).toEqual(['LetterboxdApiAuthError', 'LetterboxdApiAuthError']);
    expect(fake.requests).toHaveLength(1);
  });
});
