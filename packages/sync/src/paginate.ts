import { SyncPaginationError } from './errors.js';

/** What `paginate` can sort by: `Film` from `@lbx/letterboxd` and `SourceFilm` fit as they are. */
export interface PaginateItem {
  title?: string | null;
  year?: number | null;
  rating?: number | null;
}

/** Sort keys of `paginate` and of the sync's desired order. */
export type SortBy = 'rating' | 'title' | 'year';

/** Sort direction. */
export type SortOrder = 'asc' | 'desc';

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Keep only the first `limit` items of the sorted list before paging (integer ≥ 0). Default: all. */
  limit?: number;
  /** 1-based page number (integer ≥ 1). Default `1`. A page past the end is empty. */
  page?: number;
  /** Items per page (integer, 1–1000). Default `20`. */
  pageSize?: number;
  /**
   * Sort key. Titles compare case- and accent-insensitively (with numbers in natural order); items without a
   * title, year or rating sort last in both orders. Default: keep the input order.
   */
  sortBy?: SortBy;
  /** Sort direction. Default `'asc'`. */
  order?: SortOrder;
}

/** One page of items plus the metadata a UI or an HTTP API needs. */
export interface Page<T> {
  /** The items of this page (empty past the end). */
  items: T[];
  /** Number of items after `limit`, over all pages. */
  totalCount: number;
  /** The 1-based page number asked for. */
  page: number;
  /** Items per page, as asked for. */
  pageSize: number;
  /** `ceil(totalCount / pageSize)`; `0` when there are no items. */
  totalPages: number;
  /** Whether a later page holds items. */
  hasNext: boolean;
  /** Whether this is not the first page. */
  hasPrevious: boolean;
  /** Number of items on this page (`items.length`). */
  itemsCount: number;
}

/** Largest accepted `pageSize`. */
const MAX_PAGE_SIZE = 1000;

const titleCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true, ignorePunctuation: false });

/**
 * Sort, cut and page a list already in memory (films, or anything with `title`/`year`/`rating`) — it slices an
 * array and never fetches; the clients' `…Pages()` iterators are what crawl a site page by page. Pure and
 * stable: items that compare equal keep their input order. Throws {@link SyncPaginationError} on an invalid argument.
 *
 * @example
 * const { items, totalPages } = paginate(films, { sortBy: 'rating', order: 'desc', limit: 100, page: 2 });
 */
export function paginate<T extends PaginateItem>(items: readonly T[], options: PaginateOptions = {}): Page<T> {
  const { limit, page = 1, pageSize = 20, sortBy, order = 'asc' } = options;
  if (!Array.isArray(items)) throw new SyncPaginationError('items', items, 'an array');
  if (limit !== undefined && !isInt(limit, 0)) throw new SyncPaginationError('limit', limit, 'an integer ≥ 0');
  if (!isInt(page, 1)) throw new SyncPaginationError('page', page, 'an integer ≥ 1');
  if (!isInt(pageSize, 1) || pageSize > MAX_PAGE_SIZE) {
    throw new SyncPaginationError('pageSize', pageSize, `an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (sortBy !== undefined && sortBy !== 'rating' && sortBy !== 'title' && sortBy !== 'year') {
    throw new SyncPaginationError('sortBy', sortBy, '"rating", "title" or "year"');
  }
  if (order !== 'asc' && order !== 'desc') throw new SyncPaginationError('order', order, '"asc" or "desc"');
  if (sortBy !== undefined) {
    const bad = items.findIndex((item) => typeof item !== 'object' || item === null);
    if (bad !== -1) throw new SyncPaginationError('items', items[bad], `objects to sort by "${sortBy}" (item ${bad} is not)`);
  }

  const sorted = sortBy === undefined ? [...items] : sortItems(items, sortBy, order);
  const cut = limit === undefined ? sorted : sorted.slice(0, limit);
  const totalCount = cut.length;
  const totalPages = Math.ceil(totalCount / pageSize);
  const pageItems = cut.slice((page - 1) * pageSize, page * pageSize);
  return {
    items: pageItems,
    totalCount,
    page,
    pageSize,
    totalPages,
    hasNext: page < totalPages,
    hasPrevious: page > 1,
    itemsCount: pageItems.length,
  };
}

/** @internal Stable sort used by `paginate` and by the sync's desired order. */
export function sortItems<T extends PaginateItem>(items: readonly T[], sortBy: SortBy, order: SortOrder): T[] {
  const sign = order === 'asc' ? 1 : -1;
  const indexed = items.map((item, index) => ({ item, index }));
  indexed.sort((a, b) => {
    const byKey = compareKey(a.item, b.item, sortBy, sign);
    return byKey !== 0 ? byKey : a.index - b.index;
  });
  return indexed.map(({ item }) => item);
}

function compareKey(a: PaginateItem, b: PaginateItem, sortBy: SortBy, sign: number): number {
  if (sortBy === 'title') {
    const ta = a.title ?? '';
    const tb = b.title ?? '';
    if (ta === '' || tb === '') return missingLast(ta === '', tb === '');
    return sign * titleCollator.compare(ta, tb);
  }
  const va = sortBy === 'year' ? a.year : a.rating;
  const vb = sortBy === 'year' ? b.year : b.rating;
  const ma = typeof va !== 'number' || Number.isNaN(va);
  const mb = typeof vb !== 'number' || Number.isNaN(vb);
  if (ma || mb) return missingLast(ma, mb);
  return sign * ((va as number) - (vb as number));
}

function missingLast(aMissing: boolean, bMissing: boolean): number {
  if (aMissing && bMissing) return 0;
  return aMissing ? 1 : -1;
}

function isInt(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}
