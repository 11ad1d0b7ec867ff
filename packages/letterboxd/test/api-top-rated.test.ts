import { generateMember } from '@lbx/testkit';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { LetterboxdMissingRelationshipError, LetterboxdParseError } from '@lbx/letterboxd';
import { useFakeApi } from './support/fake-api';

const big = generateMember({ username: 'reel_marta', films: 2400, likedAndRated: 2000, seed: 7 });
const { fake, server, client, count } = useFakeApi({ members: [big] });

/** The member's rated-and-liked films, best first, ties in logged order (the dataset's order). */
function expectedTop(limit: number) {
  return big.films
    .filter((f) => f.liked && f.rating !== null && f.watched !== false)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (b.f.rating ?? 0) - (a.f.rating ?? 0) || a.i - b.i)
    .slice(0, limit)
    .map(({ f }) => f);
}

describe('getTopRated through the API', () => {
  it('limit 100 of 2,000 rated films: 1 token request, 1 member lookup, 1 film-list request', async () => {
    const top = await client().getTopRated('reel_marta', { limit: 100 });
    expect(top).toHaveLength(100);
    expect(count()).toEqual({ token: 1, search: 1, films: 1, total: 3 });
    const expected = expectedTop(100);
    expect(top.map((f) => f.slug)).toEqual(expected.map((f) => f.slug));
    // The member's own rating, never the community average; TMDb ids from the film's links.
    expect(top.map((f) => f.rating)).toEqual(expected.map((f) => f.rating));
    expect(top.map((f) => f.tmdb)).toEqual(expected.map((f) => f.tmdb));
    expect(top.every((f) => f.liked === true && f.lid.length > 0 && f.filmId === null)).toBe(true);
  });

  it('limit 150 reads two pages of 100 and no more', async () => {
    const top = await client().getTopRated('reel_marta', { limit: 150 });
    expect(top.map((f) => f.slug)).toEqual(expectedTop(150).map((f) => f.slug));
    expect(count().films).toBe(2);
    expect(fake.requests.filter((r) => r.path === '/films').map((r) => new URLSearchParams(r.query).get('cursor'))).toEqual([
      null,
      'start=100',
    ]);
  });

  it('a warm run reuses the token and the member id: only film-list requests', async () => {
    const api = client();
    await api.getTopRated('reel_marta', { limit: 20 });
    await api.getTopRated('REEL_MARTA', { limit: 20 });
    expect(count()).toEqual({ token: 1, search: 1, films: 2, total: 4 });
  });

  it('gives TV titles (TMDb link to /tv/) type tv, films without a TMDb link tmdb null, and IMDb ids', async () => {
    const top = await client().getTopRated('reel_marta');
    expect(top).toHaveLength(expectedTop(5000).length);
    const tv = top.filter((f) => f.tmdb?.type === 'tv');
    expect(tv.length).toBeGreaterThan(0);
    const bySlug = new Map(big.films.map((f) => [f.slug, f]));
    for (const film of top) {
      const source = bySlug.get(film.slug);
      expect(film.tmdb).toEqual(source?.tmdb);
      expect(film.imdbId).toEqual(source?.imdbId);
      expect(film.year).toEqual(source?.year);
      expect(film.title).toEqual(source?.title);
      expect(film.url).toBe(`https://letterboxd.com/film/${film.slug}/`);
    }
  }, 20_000);

  it('takes the relationship whose member is the one asked for, not the first one listed', async () => {
    fake.setRelationshipMode('other-member-first');
    const top = await client().getTopRated('reel_marta', { limit: 10 });
    expect(top.map((f) => f.rating)).toEqual(expectedTop(10).map((f) => f.rating));
  });

  it('an answer without the member relationship is a LetterboxdMissingRelationshipError, not unrated films', async () => {
    fake.setRelationshipMode('missing');
    const error = await client().getTopRated('reel_marta', { limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdMissingRelationshipError);
    expect(error).toMatchObject({ username: 'reel_marta', memberId: fake.memberId('reel_marta') });
    expect((error as Error).message).toMatch(/without the relationship of member "reel_marta".*scraping client or the data export/);
  });

  it('limit 0 requests nothing; a bad limit is a RangeError before any request', async () => {
    expect(await client().getTopRated('reel_marta', { limit: 0 })).toEqual([]);
    await expect(client().getTopRated('reel_marta', { limit: Number.NaN })).rejects.toThrow(RangeError);
    expect(fake.requests).toEqual([]);
  });

  it('films out of rating order are a LetterboxdParseError (a changed sort), never a wrong list', async () => {
    // A server that ignored `sort`: the fake's own answer with its items reversed (worst first).
    server.use(
      http.get(
        `${fake.baseUrl}/films`,
        async ({ request }) => {
          const body = (await (await fake.fetch(request)).json()) as { items: unknown[] };
          return HttpResponse.json({ ...body, items: body.items.reverse() });
        },
        { once: true },
      ),
    );
    fake.members.set('mixed_up', generateMember({ username: 'mixed_up', films: 40, likedAndRated: 12, seed: 3 }));
    const error = await client().getTopRated('mixed_up').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect((error as LetterboxdParseError).detail).toMatch(/not sorted by the member's rating/);
  });
});
