import type { TmdbClient } from '@lbx/tmdb';

/**
 * The part of the TMDb client the sync uses: `createTmdbClient()` from `@lbx/tmdb` satisfies it as is, and a
 * test double only needs these eight methods. List writes need the client's `userAccessToken` + `accountId`.
 * With the optional `getAccountLists` the sync also notices several lists with the member's list name (it adopts
 * the oldest and reports the others); without it, `findListByName` alone decides.
 */
export type SyncTmdbClient = Partial<Pick<TmdbClient, 'getAccountLists'>> &
  Pick<
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
