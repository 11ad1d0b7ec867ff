import { createHttp } from './internal/http.js';
import { assertOption } from './internal/input-checks.js';
import { writeItems } from './internal/list-items.js';
import { createLists } from './internal/lists.js';
import { createListHelpers } from './internal/list-helpers.js';
import { createLookups } from './internal/lookups.js';
import { matchFilm } from './internal/match-film.js';
import { createSignIn } from './internal/sign-in.js';
import type { TmdbClient, TmdbClientOptions } from './tmdb-client.js';
import type { ListItem } from './types.js';
import { MAX_TIMER_MS, resolveRetryPolicy, silentLogger } from '@lbx/internal';
import { TmdbOptionsError } from './errors.js';

const RETRY_DEFAULTS = { limit: 2, maxRetryAfterMs: 10_000, backoffMs: 300, maxDelayMs: 5_000 };

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
  assertOption(options.maxRequestsPerSecond, 'maxRequestsPerSecond', { min: 0, exclusive: true, infinite: true });
  assertOption(options.timeoutMs, 'timeoutMs', { min: 0, exclusive: true, infinite: true });
  const retry = resolveRetryPolicy(options.retry, RETRY_DEFAULTS, (option, message) => {
    throw new TmdbOptionsError(option, message);
  });
  const http = createHttp({
    apiKey: options.apiKey,
    readAccessToken: options.readAccessToken,
    userAccessToken: options.userAccessToken,
    baseUrl: (options.baseUrl ?? 'https://api.themoviedb.org').replace(/\/+$/, ''),
    fetch: options.fetch,
    timeoutMs: Math.min(options.timeoutMs ?? 10_000, MAX_TIMER_MS),
    retry,
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
    getOrCreateList: (...args) => helpers.getOrCreateList(...args),
    updateListWithMovies: (...args) => helpers.updateListWithMovies(...args),
  };
  const helpers = createListHelpers(client);
  return client;
}
