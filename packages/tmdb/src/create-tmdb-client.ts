import { createHttp } from './internal/http';
import { assertOption } from './internal/input-checks';
import { writeItems } from './internal/list-items';
import { createLists } from './internal/lists';
import { createLookups } from './internal/lookups';
import { matchFilm } from './internal/match-film';
import { createParity } from './internal/parity';
import { createSignIn } from './internal/sign-in';
import type { TmdbClient, TmdbClientOptions } from './tmdb-client';
import type { ListItem } from './types';
import { silentLogger } from '@lbx/internal';

/**
 * Create a TMDb client. Reads need `apiKey` or `readAccessToken`; the v4 sign-in needs `readAccessToken`;
 * list writes need `userAccessToken` (+ `accountId` for the account's lists) from that sign-in. Throws
 * {@link TmdbOptionsError} (a `TypeError`) for a numeric option out of range (e.g. `maxRequestsPerSecond: 0`).
 *
 * @example
 * const tmdb = createTmdbClient({ readAccessToken, userAccessToken, accountId });
 * const match = await tmdb.matchFilm({ title: 'Suspiria', year: 1977 });
 */
export function createTmdbClient(options: TmdbClientOptions = {}): TmdbClient {
  const logger = options.logger ?? silentLogger;
  const { retry = {} } = options;
  assertOption(options.maxRequestsPerSecond, 'maxRequestsPerSecond', { min: 0, exclusive: true, infinite: true });
  assertOption(options.timeoutMs, 'timeoutMs', { min: 0, exclusive: true, infinite: true });
  assertOption(retry.limit, 'retry.limit', { min: 0, integer: true });
  assertOption(retry.maxRetryAfterMs, 'retry.maxRetryAfterMs', { min: 0 });
  assertOption(retry.backoffMs, 'retry.backoffMs', { min: 0 });
  assertOption(retry.maxDelayMs, 'retry.maxDelayMs', { min: 0 });
  const http = createHttp({
    apiKey: options.apiKey,
    readAccessToken: options.readAccessToken,
    userAccessToken: options.userAccessToken,
    baseUrl: (options.baseUrl ?? 'https://api.themoviedb.org').replace(/\/+$/, ''),
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: {
      limit: retry.limit ?? 2,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? 10_000,
      backoffMs: retry.backoffMs ?? 300,
      maxDelayMs: retry.maxDelayMs ?? 5_000,
    },
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 20,
    logger,
  });
  const lookups = createLookups(http);
  const lists = createLists(http, logger, options.accountId);
  const signIn = createSignIn(http);

  const client: TmdbClient = {
    ...lookups,
    matchFilm: (input, requestOptions) => matchFilm(lookups, logger, input, requestOptions),
    ...signIn,
    createList: lists.createList,
    getList: lists.getList,
    listItems: (id, requestOptions) => lists.listItems(id, requestOptions),
    async getListItems(id, requestOptions) {
      const items: ListItem[] = [];
      for await (const item of lists.listItems(id, requestOptions)) items.push(item);
      return items;
    },
    updateList: lists.updateList,
    addItems: (id, items, requestOptions) => writeItems(http, id, 'add', items, requestOptions),
    removeItems: (id, items, requestOptions) => writeItems(http, id, 'remove', items, requestOptions),
    updateItemComments: (id, items, requestOptions) => writeItems(http, id, 'comment', items, requestOptions),
    clearList: lists.clearList,
    deleteList: lists.deleteList,
    getAccountLists: lists.getAccountLists,
    findListByName: lists.findListByName,
    getOrCreateList: (...args) => parity.getOrCreateList(...args),
    updateListWithMovies: (...args) => parity.updateListWithMovies(...args),
  };
  const parity = createParity(client);
  return client;
}
