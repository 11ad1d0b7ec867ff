import type { FakeMovie, FakeTv } from './types.js';

/**
 * A small catalogue with the cases that trip up title matching. Ids of well-known films follow TMDb's; the
 * invented entries (ids ≥ 900000) stand in for situations that are hard to pin to one real film.
 */
export const defaultTmdbCatalogue: { movies: readonly FakeMovie[]; tv: readonly FakeTv[] } = {
  movies: [
    { id: 550, title: 'Fight Club', releaseDate: '1999-10-15', popularity: 61.4, imdbId: 'tt0137523' },
    // A remake with the same title: only the year tells them apart.
    { id: 11906, title: 'Suspiria', releaseDate: '1977-02-01', popularity: 21.7, imdbId: 'tt0076786', originalLanguage: 'it' },
    { id: 361292, title: 'Suspiria', releaseDate: '2018-10-26', popularity: 24.9, imdbId: 'tt1034415' },
    // A prequel sharing the title with the film it precedes.
    { id: 1091, title: 'The Thing', releaseDate: '1982-06-25', popularity: 38.2, imdbId: 'tt0084787' },
    { id: 60935, title: 'The Thing', releaseDate: '2011-10-12', popularity: 19.3, imdbId: 'tt0905372' },
    { id: 900101, title: 'The Things We Kept', releaseDate: '2015-03-06', popularity: 2.1 },
    // Non-ASCII, and an English title that differs from the original.
    {
      id: 194,
      title: 'Amélie',
      originalTitle: "Le Fabuleux Destin d'Amélie Poulain",
      releaseDate: '2001-04-25',
      popularity: 27.5,
      imdbId: 'tt0211915',
      originalLanguage: 'fr',
    },
    // Leading articles.
    { id: 603, title: 'The Matrix', releaseDate: '1999-03-31', popularity: 80.1, imdbId: 'tt0133093' },
    { id: 82695, title: 'Les Misérables', releaseDate: '2012-12-18', popularity: 22.2, imdbId: 'tt1707386', originalLanguage: 'en' },
    // TMDb dates it a year after the festival premiere Letterboxd uses (Letterboxd says 2019).
    { id: 900201, title: 'Harbour Lights', releaseDate: '2020-01-10', popularity: 4.4, imdbId: 'tt9000201' },
    // No release date at all.
    { id: 900301, title: 'Untitled Lighthouse Project', releaseDate: '', popularity: 0.6 },
    // Same title as the TV miniseries below.
    { id: 900401, title: 'Unbelievable', releaseDate: '1997-05-02', popularity: 1.2 },
  ],
  tv: [
    { id: 90677, name: 'Unbelievable', firstAirDate: '2019-09-13', popularity: 30.6, imdbId: 'tt7909970', originCountry: ['US'] },
    { id: 1399, name: 'Game of Thrones', firstAirDate: '2011-04-17', popularity: 210.3, imdbId: 'tt0944947', originCountry: ['US'] },
  ],
};
