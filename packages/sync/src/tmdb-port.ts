import type { TmdbClient } from '@lbx/tmdb';

/**
 * The part of the TMDb client the sync uses: `createTmdbClient()` from `@lbx/tmdb` satisfies it as is, and a
 * test double only needs these eight methods. List writes need the client's `userAccessToken` + `accountId`.
 */
export type SyncTmdbClient = Pick<
  TmdbClient,
  | 'matchFilm'
  | 'createList'
  | 'getList'
  | 'updateList'
  | 'addItems'
  | 'removeItems'
  | 'updateItemComments'
  | 'findListByName'
>;
