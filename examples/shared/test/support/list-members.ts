import type { FakeMember } from '@lbx/testkit';
import { film } from './members';

/**
 * "defs_dora", for the list definition scenarios of both apps: rated films (some liked), a watchlist with a TV
 * show, and a ranked list `night-shift` with a TV show.
 */
export const dora: FakeMember = {
  username: 'defs_dora',
  displayName: 'Dora',
  bio: null,
  avatar: null,
  stats: { filmsThisYear: 4, lists: 1, following: 0, followers: 0 },
  films: [
    film({ slug: 'fight-club', title: 'Fight Club', year: 1999, rating: 4.5, liked: true, tmdb: { id: 550, type: 'movie' }, imdbId: 'tt0137523' }),
    film({ slug: 'the-matrix', title: 'The Matrix', year: 1999, rating: 3, liked: true, tmdb: { id: 603, type: 'movie' }, imdbId: 'tt0133093' }),
    film({ slug: 'amelie', title: 'Amélie', year: 2001, rating: 5, liked: false, tmdb: { id: 194, type: 'movie' }, imdbId: 'tt0211915' }),
    film({ slug: 'the-thing', title: 'The Thing', year: 1982, rating: 4, liked: true, tmdb: { id: 1091, type: 'movie' } }),
    film({ slug: 'game-of-thrones', title: 'Game of Thrones', year: 2011, watchlisted: true, watched: false, tmdb: { id: 1399, type: 'tv' } }),
    film({ slug: 'suspiria-2018', title: 'Suspiria', year: 2018, watchlisted: true, watched: false, tmdb: { id: 361292, type: 'movie' } }),
    film({ slug: 'les-miserables-2012', title: 'Les Misérables', year: 2012, watchlisted: true, watched: false, tmdb: { id: 82695, type: 'movie' } }),
    film({ slug: 'the-thing-2011', title: 'The Thing', year: 2011, watchlisted: true, watched: false, tmdb: { id: 60935, type: 'movie' } }),
  ],
  lists: [
    {
      slug: 'night-shift',
      name: 'Night Shift',
      description: null,
      ranked: true,
      films: [
        film({ slug: 'the-thing-2011', title: 'The Thing', year: 2011, tmdb: { id: 60935, type: 'movie' } }),
        film({ slug: 'game-of-thrones', title: 'Game of Thrones', year: 2011, tmdb: { id: 1399, type: 'tv' } }),
        film({ slug: 'suspiria', title: 'Suspiria', year: 1977, tmdb: { id: 11906, type: 'movie' } }),
      ],
    },
  ],
};

/**
 * A definitions file over "defs_dora" that uses every source kind and every filter at least once, and what each
 * TMDb list must hold after a sync (TMDb ids in order).
 */
export const DORA_LISTS_YAML = `lists:
  - source: top-rated
    member: defs_dora
    limit: 1
  - source: watchlist
    member: defs_dora
    yearFrom: 2012
    excludeTv: true
  - id: dora-liked
    source: liked
    member: defs_dora
    order: title
  - id: dora-good-old
    source: rated
    member: defs_dora
    minRating: 4
    maxRating: 4.5
    yearTo: 2000
  - source: list
    member: defs_dora
    slug: night-shift
    limit: 2
    listName: Dora's night shift
`;

/** The TMDb lists the definitions above keep: name → TMDb ids in order. */
export const DORA_EXPECTED_LISTS: Record<string, number[]> = {
  "defs_dora's Top Rated Movies": [550],
  "defs_dora's Watchlist": [361292, 82695],
  "defs_dora's Liked Films (dora-liked)": [550, 603, 1091],
  "defs_dora's Rated Films (dora-good-old)": [550, 1091],
  "Dora's night shift": [60935, 1399],
};
