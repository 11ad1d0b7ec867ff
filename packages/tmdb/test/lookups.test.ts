import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { TmdbAuthError, TmdbNotFoundError } from '@lbx/tmdb';
import searchLooseTypes from './fixtures/tmdb-search-movie-loose-types.json';
import { useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, server, client } = useFakeTmdb();

describe('searchMovie / searchTv', () => {
  it('returns typed summaries filtered by year, with empty dates as null', async () => {
    const tmdb = client();
    const page = await tmdb.searchMovie('Suspiria', { year: 2018 });
    expect(page).toMatchObject({ page: 1, totalPages: 1, totalResults: 1 });
    expect(page.results).toEqual([
      { id: 361292, title: 'Suspiria', originalTitle: 'Suspiria', releaseDate: '2018-10-26', year: 2018, popularity: 24.9, posterPath: null },
    ]);
    const noDate = await tmdb.searchMovie('Untitled Lighthouse Project');
    expect(noDate.results[0]).toMatchObject({ releaseDate: null, year: null });
    const tv = await tmdb.searchTv('Unbelievable', { year: 2019 });
    expect(tv.results).toEqual([
      { id: 90677, name: 'Unbelievable', originalName: 'Unbelievable', firstAirDate: '2019-09-13', year: 2019, popularity: 30.6, posterPath: null },
    ]);
  });

  it("passes TMDb's poster path on (for pickers showing a poster), null when it has none", async () => {
    fake.movies.set(8101, { id: 8101, title: 'Poster Harbour', releaseDate: '2011-04-01', posterPath: '/pH8101.jpg' });
    fake.tv.set(8102, { id: 8102, name: 'Poster Harbour', firstAirDate: '2012-04-01', posterPath: '/pH8102.jpg' });
    const tmdb = client();
    expect((await tmdb.searchMovie('Poster Harbour')).results.map((movie) => movie.posterPath)).toEqual(['/pH8101.jpg']);
    expect((await tmdb.searchTv('Poster Harbour')).results.map((show) => show.posterPath)).toEqual(['/pH8102.jpg']);
    server.use(
      http.get('https://api.themoviedb.org/3/search/movie', () =>
        HttpResponse.json({ page: 1, total_pages: 1, total_results: 1, results: [{ id: 9, title: 'Odd', release_date: '', poster_path: 'not-a-path' }] }),
      ),
    );
    expect((await tmdb.searchMovie('Odd')).results[0]?.posterPath).toBeNull();
  });

  it('reads with an API key alone (sent as api_key) and pages through results', async () => {
    for (let i = 0; i < 25; i += 1) fake.movies.set(5000 + i, { id: 5000 + i, title: `Harbour ${i}`, releaseDate: '2010-01-01', popularity: 50 - i });
    const tmdb = client({ readAccessToken: undefined, userAccessToken: undefined, apiKey: fake.credentials.apiKey });
    const second = await tmdb.searchMovie('harbour', { page: 2 });
    expect(second).toMatchObject({ page: 2, totalPages: 2, totalResults: 26 });
    expect(second.results).toHaveLength(6);
    expect(fake.requests.at(-1)?.credential).toBe('api-key');
  });

  it('tolerates TMDb field variants: numeric strings, null dates, extra keys', async () => {
    server.use(http.get('https://api.themoviedb.org/3/search/movie', () => HttpResponse.json(searchLooseTypes)));
    const page = await client().searchMovie('night');
    expect(page.totalResults).toBe(2);
    expect(page.results).toEqual([
      { id: 7001, title: 'Night Shift', originalTitle: 'Night Shift', releaseDate: null, year: null, popularity: 12.5, posterPath: null },
      { id: 7002, title: 'Night Train', originalTitle: 'Nachtzug', releaseDate: '1959-03-02', year: 1959, popularity: 0, posterPath: null },
    ]);
  });
});

describe('findByImdbId / getMovie / getTv', () => {
  it('finds movies and series by IMDb id', async () => {
    const tmdb = client();
    expect(await tmdb.findByImdbId('tt0084787')).toEqual({
      movies: [{ id: 1091, title: 'The Thing', originalTitle: 'The Thing', releaseDate: '1982-06-25', year: 1982, popularity: 38.2, posterPath: null }],
      tv: [],
    });
    const series = await tmdb.findByImdbId('tt7909970');
    expect(series.movies).toEqual([]);
    expect(series.tv.map((s) => s.id)).toEqual([90677]);
    expect(await tmdb.findByImdbId('tt0000000')).toEqual({ movies: [], tv: [] });
  });

  it('gets details and throws TmdbNotFoundError (code 34) for unknown ids', async () => {
    const tmdb = client();
    expect(await tmdb.getMovie(194)).toMatchObject({ id: 194, title: 'Amélie', imdbId: 'tt0211915', year: 2001 });
    expect(await tmdb.getTv(90677)).toMatchObject({ id: 90677, name: 'Unbelievable', year: 2019 });
    const error = await tmdb.getMovie(424242).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbNotFoundError);
    expect(error).toMatchObject({ status: 404, tmdbCode: 34, method: 'GET', url: 'https://api.themoviedb.org/3/movie/424242' });
  });

  it('rejects bad input before sending anything', async () => {
    const tmdb = client();
    await expect(tmdb.getMovie(-1)).rejects.toThrow(TypeError);
    await expect(tmdb.getMovie(1.5)).rejects.toThrow(/positive integer/);
    expect(fake.requests).toHaveLength(0);
  });

  it('fails fast without any read credential, and maps a bad key to TmdbAuthError code 7', async () => {
    const none = client({ readAccessToken: undefined, userAccessToken: undefined });
    const missing = await none.searchMovie('x').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TmdbAuthError);
    expect((missing as Error).message).toMatch(/apiKey or readAccessToken/);
    expect(fake.requests).toHaveLength(0);
    const bad = client({ readAccessToken: undefined, userAccessToken: undefined, apiKey: 'wrong-key-123456' });
    const refused = await bad.getMovie(550).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TmdbAuthError);
    expect(refused).toMatchObject({ status: 401, tmdbCode: 7 });
    expect((refused as Error).message).toMatch(/settings\/api/);
  });
});
