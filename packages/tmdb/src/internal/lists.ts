import { isTmdbListSortBy, TMDB_LIST_SORT_BY } from '@lbx/internal';
import type { CreateListInput, ListItem, ListPage, ListSummary, Logger, RequestOptions, UpdateListInput } from '../types.js';
import type { ListItemsOptions } from '../tmdb-client.js';
import type { Http } from './http.js';
import { assertId, assertText } from './input-checks.js';
import { yearOf } from './lookups.js';
import { accountListsSchema, clearedSchema, createdListSchema, listDetailsSchema, movieRowSchema, statusSchema, tvRowSchema } from './schemas.js';

function toItem(row: Record<string, unknown>, comments: Record<string, string | null>): ListItem | null {
  if (row.media_type === 'movie') {
    const parsed = movieRowSchema.safeParse(row);
    if (!parsed.success) return null;
    const { id, title, release_date } = parsed.data;
    return { mediaType: 'movie', mediaId: id, title, year: yearOf(release_date), comment: comments[`movie:${id}`] ?? null };
  }
  if (row.media_type === 'tv') {
    const parsed = tvRowSchema.safeParse(row);
    if (!parsed.success) return null;
    const { id, name, first_air_date } = parsed.data;
    return { mediaType: 'tv', mediaId: id, title: name, year: yearOf(first_air_date), comment: comments[`tv:${id}`] ?? null };
  }
  return null;
}

/** v4 list reads and metadata writes. */
export function createLists(http: Http, logger: Logger, accountId: string | undefined) {
  async function getList(id: number, options: { page?: number } & RequestOptions = {}): Promise<ListPage> {
    assertId(id, 'getList: list id');
    const data = await http.send(
      { method: 'GET', path: `/4/list/${id}`, query: { page: options.page ?? 1 }, auth: 'list-read', retry: 'idempotent', fresh: true, what: `list ${id}` },
      listDetailsSchema,
      options,
    );
    const items: ListItem[] = [];
    for (const row of data.results) {
      const item = toItem(row, data.comments);
      if (item) items.push(item);
      else logger.warn('tmdb: skipped a list row this client cannot read', { listId: id, mediaType: row.media_type });
    }
    return {
      id: data.id,
      name: data.name,
      description: data.description,
      public: data.public,
      sortBy: data.sort_by,
      page: data.page,
      totalPages: data.total_pages,
      totalResults: data.total_results,
      items,
    };
  }

  async function* listItems(id: number, options: ListItemsOptions = {}): AsyncGenerator<ListItem> {
    let yielded = 0;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return;
    for (let page = 1; ; page += 1) {
      options.signal?.throwIfAborted();
      const data = await getList(id, { ...options, page });
      for (const item of data.items) {
        yield item;
        yielded += 1;
        if (yielded >= limit) return;
      }
      if (page >= data.totalPages || data.items.length === 0) return;
    }
  }

  async function getAccountLists(options: RequestOptions = {}): Promise<ListSummary[]> {
    if (!accountId) {
      throw new TypeError('getAccountLists needs accountId (returned by createAccessToken) in createTmdbClient options.');
    }
    const lists: ListSummary[] = [];
    for (let page = 1; ; page += 1) {
      options.signal?.throwIfAborted();
      const data = await http.send(
        {
          method: 'GET',
          path: `/4/account/${encodeURIComponent(accountId)}/lists`,
          query: { page },
          auth: 'user',
          retry: 'idempotent',
          fresh: true,
          what: 'account lists',
        },
        accountListsSchema,
        options,
      );
      for (const row of data.results) {
        lists.push({ id: row.id, name: row.name, description: row.description, public: row.public, itemCount: row.number_of_items });
      }
      if (page >= data.total_pages || data.results.length === 0) return lists;
    }
  }

  return {
    getList,
    listItems,
    getAccountLists,

    async createList(input: CreateListInput, options: RequestOptions = {}): Promise<number> {
      assertText(input?.name, 'createList: name');
      const data = await http.send(
        {
          method: 'POST',
          path: '/4/list',
          // `public` must be 0/1 here: TMDb ignores a boolean on create and makes the list public.
          body: {
            name: input.name,
            description: input.description ?? '',
            iso_639_1: input.language ?? 'en',
            public: input.public === false ? 0 : 1,
          },
          auth: 'user',
          retry: 'rate-limit-only',
          what: `new list "${input.name}"`,
        },
        createdListSchema,
        options,
      );
      logger.info('tmdb: list created', { listId: data.id });
      return data.id;
    },

    async updateList(id: number, patch: UpdateListInput, options: RequestOptions = {}): Promise<void> {
      assertId(id, 'updateList: list id');
      if (patch.sortBy !== undefined && !isTmdbListSortBy(patch.sortBy)) {
        throw new TypeError(`updateList: sortBy must be one of ${TMDB_LIST_SORT_BY.join(', ')}; got "${String(patch.sortBy)}".`);
      }
      const body: Record<string, unknown> = {};
      if (patch.name !== undefined) body.name = patch.name;
      if (patch.description !== undefined) body.description = patch.description;
      if (patch.public !== undefined) body.public = patch.public;
      if (patch.sortBy !== undefined) body.sort_by = patch.sortBy;
      await http.send(
        { method: 'PUT', path: `/4/list/${id}`, body, auth: 'user', retry: 'idempotent', what: `list ${id}` },
        statusSchema,
        options,
      );
    },

    async clearList(id: number, options: RequestOptions = {}): Promise<{ itemsDeleted: number }> {
      assertId(id, 'clearList: list id');
      const data = await http.send(
        { method: 'GET', path: `/4/list/${id}/clear`, auth: 'user', retry: 'rate-limit-only', fresh: true, what: `list ${id}` },
        clearedSchema,
        options,
      );
      return { itemsDeleted: data.items_deleted ?? 0 };
    },

    async deleteList(id: number, options: RequestOptions = {}): Promise<void> {
      assertId(id, 'deleteList: list id');
      await http.send(
        { method: 'DELETE', path: `/4/list/${id}`, auth: 'user', retry: 'rate-limit-only', what: `list ${id}` },
        statusSchema,
        options,
      );
    },

    async findListByName(name: string, options: RequestOptions = {}): Promise<ListSummary | null> {
      assertText(name, 'findListByName: name');
      const wanted = name.trim();
      const lists = await getAccountLists(options);
      const exact = lists.find((list) => list.name.trim() === wanted);
      if (exact) return exact;
      const folded = wanted.toLocaleLowerCase('en-US');
      const sameButCase = lists.filter((list) => list.name.trim().toLocaleLowerCase('en-US') === folded);
      return sameButCase.length === 1 ? sameButCase[0]! : null;
    },
  };
}
