import { describe, expect, it } from 'vitest';
import { TmdbHttpError } from '@lbx/tmdb';
import { useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, client } = useFakeTmdb();

describe('matchFilm by id', () => {
  it('trusts a known TMDb id first, for movies and TV', async () => {
    const tmdb = client();
    // Title and year disagree on purpose: the id wins.
    expect(await tmdb.matchFilm({ title: 'Something else', year: 1900, tmdbId: 11906 })).toEqual({
      id: 11906,
      mediaType: 'movie',
      method: 'tmdb-id',
      title: 'Suspiria',
      year: 1977,
    });
    expect(await tmdb.matchFilm({ title: 'Unbelievable', year: 2019, tmdbId: 90677, tmdbType: 'tv' })).toEqual({
      id: 90677,
      mediaType: 'tv',
      method: 'tmdb-id',
      title: 'Unbelievable',
      year: 2019,
    });
  });

  it('falls back to the IMDb id when the TMDb id is unknown, and finds TV by IMDb id', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'The Thing', year: null, tmdbId: 999999, imdbId: 'tt0905372' })).toMatchObject({
      id: 60935,
      method: 'imdb-id',
      year: 2011,
    });
    expect(await tmdb.matchFilm({ title: 'Unbelievable', year: null, imdbId: 'tt7909970' })).toMatchObject({
      id: 90677,
      mediaType: 'tv',
      method: 'imdb-id',
    });
  });

  it('does not swallow other errors on the id lookup', async () => {
    fake.failNext({ path: '/3/movie/550', status: 500, times: 3 });
    await expect(client().matchFilm({ title: 'Fight Club', year: 1999, tmdbId: 550 })).rejects.toBeInstanceOf(TmdbHttpError);
  });
});

describe('matchFilm by search', () => {
  it('tells remakes apart by year (Suspiria 1977 vs 2018, The Thing 1982 vs 2011)', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Suspiria', year: 1977 })).toMatchObject({ id: 11906, method: 'search-exact' });
    expect(await tmdb.matchFilm({ title: 'Suspiria', year: 2018 })).toMatchObject({ id: 361292, method: 'search-exact' });
    expect(await tmdb.matchFilm({ title: 'The Thing', year: 1982 })).toMatchObject({ id: 1091, method: 'search-exact' });
    expect(await tmdb.matchFilm({ title: 'The Thing', year: 2011 })).toMatchObject({ id: 60935, method: 'search-exact' });
  });

  it('returns null for a remake without a year (ambiguous), never a guess', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Suspiria', year: null })).toBeNull();
    expect(await tmdb.matchFilm({ title: 'The Thing', year: null })).toBeNull();
  });

  it('returns null when two films share title and year', async () => {
    fake.movies.set(910001, { id: 910001, title: 'Twins', releaseDate: '1988-12-09' });
    fake.movies.set(910002, { id: 910002, title: 'Twins', releaseDate: '1988-03-01' });
    expect(await client().matchFilm({ title: 'Twins', year: 1988 })).toBeNull();
  });

  it('accepts a year one off (fuzzy), but not two off', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Harbour Lights', year: 2019 })).toEqual({
      id: 900201,
      mediaType: 'movie',
      method: 'search-fuzzy',
      title: 'Harbour Lights',
      year: 2020,
    });
    expect(await tmdb.matchFilm({ title: 'Harbour Lights', year: 2018 })).toBeNull();
  });

  it('matches a film TMDb has no date for, with or without a year on our side', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Untitled Lighthouse Project', year: 2024 })).toMatchObject({ id: 900301, method: 'search-fuzzy', year: null });
    expect(await tmdb.matchFilm({ title: 'untitled lighthouse project', year: null })).toMatchObject({ id: 900301 });
  });

  it('folds case and diacritics, and matches the original title', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'AMELIE', year: 2001 })).toMatchObject({ id: 194, method: 'search-exact', title: 'Amélie' });
    expect(await tmdb.matchFilm({ title: "Le fabuleux destin d'Amélie Poulain", year: 2001 })).toMatchObject({ id: 194, method: 'search-fuzzy' });
    expect(await tmdb.matchFilm({ title: 'Amelie from Montmartre', originalTitle: "Le Fabuleux Destin d'Amélie Poulain", year: 2001 })).toMatchObject({
      id: 194,
    });
    expect(await tmdb.matchFilm({ title: 'Les Miserables', year: 2012 })).toMatchObject({ id: 82695, method: 'search-exact' });
  });

  it('ignores leading articles (either way round)', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Matrix', year: 1999 })).toMatchObject({ id: 603, method: 'search-fuzzy' });
    expect(await tmdb.matchFilm({ title: 'Matrix, The', year: 1999 })).toMatchObject({ id: 603, method: 'search-fuzzy' });
  });

  it('finds a TV miniseries when no film fits, and prefers the film when the year says so', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Unbelievable', year: 2019 })).toEqual({
      id: 90677,
      mediaType: 'tv',
      method: 'search-exact',
      title: 'Unbelievable',
      year: 2019,
    });
    expect(await tmdb.matchFilm({ title: 'Unbelievable', year: 1997 })).toMatchObject({ id: 900401, mediaType: 'movie' });
    expect(await tmdb.matchFilm({ title: 'Unbelievable', year: 2020 })).toMatchObject({ id: 90677, mediaType: 'tv', method: 'search-fuzzy' });
  });

  it('does not take an undated entry for a year it cannot confirm when dated films share its title', async () => {
    // "Heat" 1972 is missing from the results; an announced, undated "Heat" must not stand in for it.
    fake.movies.set(949, { id: 949, title: 'Heat', releaseDate: '1995-12-15', popularity: 40 });
    fake.movies.set(900501, { id: 900501, title: 'Heat', releaseDate: '', popularity: 3 });
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Heat', year: 1972 })).toBeNull();
    expect(await tmdb.matchFilm({ title: 'Heat', year: 1995 })).toMatchObject({ id: 949, method: 'search-exact' });
  });

  it('returns null without a year when a film and a series share the title', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Unbelievable', year: null })).toBeNull();
    expect(await tmdb.matchFilm({ title: 'The Matrix', year: null })).toMatchObject({ id: 603, mediaType: 'movie', method: 'search-fuzzy' });
  });

  it('returns null for weak matches: different title, or only a partial one', async () => {
    const tmdb = client();
    expect(await tmdb.matchFilm({ title: 'Thing', year: 2015 })).toBeNull();
    expect(await tmdb.matchFilm({ title: 'No Such Film Anywhere', year: 2001 })).toBeNull();
  });

  it('rejects a missing title before sending anything', async () => {
    await expect(client().matchFilm({ title: '  ', year: 2000 })).rejects.toThrow(TypeError);
    expect(fake.requests).toHaveLength(0);
  });
});
