import type { FakeFilm, FakeMember } from './types.js';

type FilmSeed = Omit<FakeFilm, 'rating' | 'liked' | 'watchlisted' | 'watched'>;

/** Films of the demo members. TMDb ids are those of `defaultTmdbCatalogue` (the fake TMDb) where one exists. */
const FILMS = {
  fightClub: { slug: 'fight-club', title: 'Fight Club', year: 1999, tmdb: { id: 550, type: 'movie' }, imdbId: 'tt0137523', directors: ['David Fincher'] },
  suspiria: { slug: 'suspiria', title: 'Suspiria', year: 1977, tmdb: { id: 11906, type: 'movie' }, imdbId: 'tt0076786', directors: ['Dario Argento'] },
  suspiria2018: { slug: 'suspiria-2018', title: 'Suspiria', year: 2018, tmdb: { id: 361292, type: 'movie' }, imdbId: 'tt1034415', directors: ['Luca Guadagnino'] },
  theThing: { slug: 'the-thing', title: 'The Thing', year: 1982, tmdb: { id: 1091, type: 'movie' }, imdbId: 'tt0084787', directors: ['John Carpenter'] },
  theThing2011: { slug: 'the-thing-2011', title: 'The Thing', year: 2011, tmdb: { id: 60935, type: 'movie' }, imdbId: 'tt0905372', directors: ['Matthijs van Heijningen Jr.'] },
  amelie: { slug: 'amelie', title: 'Amélie', year: 2001, tmdb: { id: 194, type: 'movie' }, imdbId: 'tt0211915', directors: ['Jean-Pierre Jeunet'] },
  matrix: { slug: 'the-matrix', title: 'The Matrix', year: 1999, tmdb: { id: 603, type: 'movie' }, imdbId: 'tt0133093', directors: ['Lana Wachowski', 'Lilly Wachowski'] },
  lesMis: { slug: 'les-miserables-2012', title: 'Les Misérables', year: 2012, tmdb: { id: 82695, type: 'movie' }, imdbId: 'tt1707386', directors: ['Tom Hooper'] },
  // Letterboxd dates it by the 2019 festival premiere; TMDb says 2020.
  harbourLights: { slug: 'harbour-lights', title: 'Harbour Lights', year: 2019, tmdb: { id: 900201, type: 'movie' }, imdbId: 'tt9000201', directors: ['Aroha Ngata'] },
  lighthouse: { slug: 'untitled-lighthouse-project', title: 'Untitled Lighthouse Project', year: null, tmdb: { id: 900301, type: 'movie' }, imdbId: null, directors: [] },
  // A miniseries: Letterboxd's page links TMDb's /tv/ and leaves data-tmdb-id empty.
  unbelievable: { slug: 'unbelievable-2019', title: 'Unbelievable', year: 2019, tmdb: { id: 90677, type: 'tv' }, imdbId: 'tt7909970', directors: ['Lisa Cholodenko', 'Michael Dinner', 'Susannah Grant'] },
  got: { slug: 'game-of-thrones', title: 'Game of Thrones', year: 2011, tmdb: { id: 1399, type: 'tv' }, imdbId: 'tt0944947', directors: [] },
  // No TMDb or IMDb link on its page and no catalogue entry: the sync reports it as not matched.
  paperLanterns: { slug: 'paper-lanterns-2021', title: 'Paper Lanterns & the "Night" Ferry', year: 2021, tmdb: null, imdbId: null, directors: ['Kenji Tanaka'] },
} satisfies Record<string, FilmSeed>;

function logged(film: FilmSeed, rating: number | null, liked: boolean): FakeFilm {
  return { ...film, rating, liked, watchlisted: false };
}

function wanted(film: FilmSeed): FakeFilm {
  return { ...film, rating: null, liked: false, watchlisted: true, watched: false };
}

const ana: FakeMember = {
  username: 'cinephile_ana',
  displayName: 'Ana Ferreira',
  bio: 'Lisbon → Wellington. Slow cinema & fast cars.\n\nRatings are "vibes", not science.',
  avatar: 'https://a.ltrbxd.com/resized/avatar/upload/fake/cinephile-ana-0-220-0-220-crop.jpg',
  stats: { filmsThisYear: 64, lists: 12, following: 88, followers: 1204 },
  films: [
    logged(FILMS.amelie, 5, true),
    logged(FILMS.suspiria2018, 3, false),
    logged(FILMS.theThing, 5, true),
    logged(FILMS.unbelievable, 4, true),
    logged(FILMS.matrix, 4.5, true),
    logged(FILMS.paperLanterns, 4, true),
    logged(FILMS.lesMis, null, true),
    logged(FILMS.suspiria, 4.5, true),
    logged(FILMS.theThing2011, 2, false),
    logged(FILMS.fightClub, 4, true),
    logged(FILMS.harbourLights, 3.5, true),
    wanted(FILMS.got),
    wanted(FILMS.lighthouse),
  ],
  lists: [
    {
      slug: 'slow-burners',
      name: 'Slow Burners',
      description: 'Films that take their time.\n\nRanked, best first.',
      ranked: true,
      films: [
        logged(FILMS.theThing, 5, true),
        logged(FILMS.amelie, 5, true),
        logged(FILMS.got, null, false),
        logged(FILMS.paperLanterns, 4, true),
        logged(FILMS.harbourLights, 3.5, true),
        logged(FILMS.suspiria, 4.5, true),
      ],
    },
  ],
};

const mo: FakeMember = {
  username: 'midnight_mo',
  displayName: 'Mo',
  bio: null,
  avatar: null,
  stats: { filmsThisYear: 9, lists: 1, following: 3, followers: 27 },
  films: [
    logged(FILMS.theThing, 5, true),
    logged(FILMS.suspiria2018, 4.5, true),
    logged(FILMS.fightClub, 3.5, false),
    logged(FILMS.suspiria, 4, true),
    logged(FILMS.theThing2011, 3, true),
    logged(FILMS.lighthouse, null, false),
    wanted(FILMS.amelie),
    wanted(FILMS.matrix),
  ],
  lists: [
    {
      slug: 'midnight-movies',
      name: 'Midnight Movies',
      description: null,
      ranked: false,
      films: [logged(FILMS.suspiria, null, false), logged(FILMS.theThing2011, null, false), logged(FILMS.fightClub, null, false)],
    },
    { slug: 'guilty-pleasures', name: 'Guilty Pleasures', description: null, ranked: false, private: true, films: [logged(FILMS.matrix, null, false)] },
  ],
};

const quinn: FakeMember = {
  username: 'quiet_quinn',
  displayName: 'Quinn',
  bio: null,
  avatar: null,
  stats: { filmsThisYear: 2, lists: 0, following: 0, followers: 1 },
  privateWatchlist: true,
  films: [logged(FILMS.matrix, 3, true), wanted(FILMS.fightClub)],
};

/**
 * The built-in members: `cinephile_ana` (top-rated films incl. a TV miniseries and one film without a TMDb link,
 * a liked-but-unrated and a rated-but-not-liked film; a ranked list `slow-burners` with a TV show and an
 * unmatched film), `midnight_mo` (horror, no bio, default avatar; an unranked list `midnight-movies` and a private
 * list `guilty-pleasures`) and
 * `quiet_quinn` (private watchlist).
 */
export const demoMembers: readonly FakeMember[] = [ana, mo, quinn];
