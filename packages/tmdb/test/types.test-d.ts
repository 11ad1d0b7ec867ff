import { describe, expectTypeOf, it } from 'vitest';
import {
  createTmdbClient,
  isTmdbError,
  TmdbRateLimitError,
  type ListItem,
  type ListItemResult,
  type MatchResult,
  type TmdbClient,
  type TmdbError,
} from '@lbx/tmdb';

const tmdb = createTmdbClient({ readAccessToken: 'x' });

describe('public types', () => {
  it('yields typed list items and per-item results', () => {
    expectTypeOf(tmdb).toEqualTypeOf<TmdbClient>();
    expectTypeOf(tmdb.listItems(1)).toEqualTypeOf<AsyncIterable<ListItem>>();
    expectTypeOf(tmdb.addItems(1, [])).resolves.toEqualTypeOf<ListItemResult[]>();
    expectTypeOf(tmdb.matchFilm({ title: 't', year: null })).resolves.toEqualTypeOf<MatchResult | null>();
    expectTypeOf(tmdb.createList({ name: 'n' })).resolves.toBeNumber();
  });

  it('narrows errors and results', () => {
    const error: unknown = new Error('x');
    if (isTmdbError(error)) {
      expectTypeOf(error).toEqualTypeOf<TmdbError>();
      expectTypeOf(error.tmdbCode).toEqualTypeOf<number | null>();
    }
    if (error instanceof TmdbRateLimitError) expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | null>();
    const result = {} as ListItemResult;
    if (result.status === 'failed') expectTypeOf(result.error).toBeString();
    // @ts-expect-error only failed results carry an error
    void result.error;
  });

  it('rejects unknown options and bad values', () => {
    // @ts-expect-error unknown option
    createTmdbClient({ apiKye: 'x' });
    // @ts-expect-error not one of the ten sort values
    void tmdb.updateList(1, { sortBy: 'popularity.desc' });
    // @ts-expect-error media type must be movie or tv
    void tmdb.addItems(1, [{ mediaType: 'person', mediaId: 1 }]);
    // @ts-expect-error signal must be an AbortSignal
    void tmdb.getMovie(1, { signal: 'stop' });
  });
});
