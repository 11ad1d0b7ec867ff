import { describe, expectTypeOf, it } from 'vitest';
import {
  type Film,
  type FilmDetails,
  type FilmPage,
  type LetterboxdClient,
  type LetterboxdError,
  type ListEntry,
  type ListPage,
  type MemberList,
  type Profile,
  LetterboxdRateLimitError,
  type ApiFilm,
  type ApiFilmPage,
  type ApiList,
  LetterboxdApiAuthError,
  LetterboxdMissingRelationshipError,
  createLetterboxdApiClient,
  createLetterboxdClient,
  isLetterboxdError,
} from '@lbx/letterboxd';

const client = createLetterboxdClient();

describe('public types', () => {
  it('iterators yield films and pages', () => {
    expectTypeOf(client).toEqualTypeOf<LetterboxdClient>();
    expectTypeOf(client.watchlist('a')).toEqualTypeOf<AsyncIterable<Film>>();
    expectTypeOf(client.films('a', { sort: 'entry-rating' })).toEqualTypeOf<AsyncIterable<Film>>();
    expectTypeOf(client.likedFilms('a')).toEqualTypeOf<AsyncIterable<Film>>();
    expectTypeOf(client.filmsPages('a')).toEqualTypeOf<AsyncIterable<FilmPage>>();
    expectTypeOf(client.list('a', 'l')).toEqualTypeOf<AsyncIterable<ListEntry>>();
    expectTypeOf(client.listPages('a', 'l')).toEqualTypeOf<AsyncIterable<ListPage>>();
    expectTypeOf(client.getList('a', 'l', { limit: 5 })).resolves.toEqualTypeOf<MemberList>();
    expectTypeOf<ListEntry['rank']>().toEqualTypeOf<number | null>();
    // @ts-expect-error the list iterators take no limit
    client.list('a', 'l', { limit: 3 });
  });

  it('collectors and lookups resolve to the contract shapes', () => {
    expectTypeOf(client.getTopRated('a', { limit: 20 })).resolves.toEqualTypeOf<Film[]>();
    expectTypeOf(client.getFilm('x')).resolves.toEqualTypeOf<FilmDetails>();
    expectTypeOf(client.getProfile('a')).resolves.toEqualTypeOf<Profile>();
    expectTypeOf(client.getWatchlistCount('a')).resolves.toBeNumber();
    expectTypeOf<FilmDetails['tmdb']>().toEqualTypeOf<{ id: number; type: 'movie' | 'tv' } | null>();
  });

  it('options are checked', () => {
    // @ts-expect-error unknown client option
    createLetterboxdClient({ concurency: 2 });
    // @ts-expect-error unknown sort
    client.films('a', { sort: 'random' });
    // @ts-expect-error the page iterators take no limit
    client.watchlist('a', { limit: 3 });
    client.getFilms('a', { limit: 3, sort: 'date', signal: new AbortController().signal, timeoutMs: 5000 });
  });

  it('the guard narrows unknown errors', () => {
    const error: unknown = new Error('x');
    if (isLetterboxdError(error)) {
      expectTypeOf(error).toEqualTypeOf<LetterboxdError>();
      expectTypeOf(error.url).toBeString();
      expectTypeOf(error.attempts).toBeNumber();
    }
    if (error instanceof LetterboxdRateLimitError) expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | null>();
  });
});

describe('API client types', () => {
  const api = createLetterboxdApiClient({ clientId: 'id', clientSecret: 'secret' });

  it('collectors, iterators and films carry the API ids', () => {
    expectTypeOf(api.getTopRated('a', { limit: 20 })).resolves.toEqualTypeOf<ApiFilm[]>();
    expectTypeOf(api.watchlistPages('a')).toEqualTypeOf<AsyncIterable<ApiFilmPage>>();
    expectTypeOf(api.getList('a', 'b')).resolves.toEqualTypeOf<ApiList>();
    expectTypeOf<ApiFilm['tmdb']>().toEqualTypeOf<{ id: number; type: 'movie' | 'tv' } | null>();
    expectTypeOf<ApiFilm>().toExtend<Film>();
    // The API's list shapes are the scraping client's, with the API's ids added.
    expectTypeOf<ApiList>().toExtend<MemberList>();
    expectTypeOf(api.listPages('a', 'b')).toExtend<AsyncIterable<ListPage>>();
  });

  it('credentials are required and options are checked', () => {
    // @ts-expect-error clientSecret is required
    createLetterboxdApiClient({ clientId: 'id' });
    // @ts-expect-error unknown option
    createLetterboxdApiClient({ clientId: 'id', clientSecret: 's', concurency: 2 });
    // @ts-expect-error the iterators take no limit
    api.likedFilms('a', { limit: 3 });
    createLetterboxdApiClient({ clientId: 'id', clientSecret: 's', signRequest: (request) => request });
  });

  it('its errors narrow', () => {
    const error: unknown = new Error('x');
    if (error instanceof LetterboxdApiAuthError) expectTypeOf(error.reason).toEqualTypeOf<'refused' | 'rejected'>();
    if (error instanceof LetterboxdMissingRelationshipError) expectTypeOf(error.memberId).toBeString();
  });
});
