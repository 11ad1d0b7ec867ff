import { describe, expect, it } from 'vitest';
import { SyncPaginationError, isSyncError, paginate } from '@lbx/sync';

interface Row {
  slug: string;
  title: string;
  year: number | null;
  rating: number | null;
}

const rows: Row[] = [
  { slug: 'zodiac', title: 'Zodiac', year: 2007, rating: 4 },
  { slug: 'amelie', title: 'Amélie', year: 2001, rating: 4.5 },
  { slug: 'alien', title: 'alien', year: 1979, rating: 5 },
  { slug: 'no-year', title: 'Mystery Reel', year: null, rating: 3 },
  { slug: 'unrated', title: 'Brazil', year: 1985, rating: null },
  { slug: 'arrival', title: 'Arrival', year: 2016, rating: 4.5 },
];

const slugs = (items: readonly Row[]) => items.map((item) => item.slug);

describe('paginate', () => {
  it('keeps the input order and returns page metadata by default', () => {
    const page = paginate(rows);
    expect(slugs(page.items)).toEqual(slugs(rows));
    expect(page).toMatchObject({
      totalCount: 6,
      page: 1,
      pageSize: 20,
      totalPages: 1,
      hasNext: false,
      hasPrevious: false,
      itemsCount: 6,
    });
  });

  it('sorts titles case- and accent-insensitively in both directions', () => {
    expect(slugs(paginate(rows, { sortBy: 'title' }).items)).toEqual([
      'alien',
      'amelie',
      'arrival',
      'unrated',
      'no-year',
      'zodiac',
    ]);
    expect(slugs(paginate(rows, { sortBy: 'title', order: 'desc' }).items)).toEqual([
      'zodiac',
      'no-year',
      'unrated',
      'arrival',
      'amelie',
      'alien',
    ]);
  });

  it('puts films without a rating or a year last in both orders', () => {
    expect(slugs(paginate(rows, { sortBy: 'rating', order: 'desc' }).items).at(-1)).toBe('unrated');
    expect(slugs(paginate(rows, { sortBy: 'rating', order: 'asc' }).items).at(-1)).toBe('unrated');
    expect(slugs(paginate(rows, { sortBy: 'year', order: 'desc' }).items)).toEqual([
      'arrival',
      'zodiac',
      'amelie',
      'unrated',
      'alien',
      'no-year',
    ]);
    expect(slugs(paginate(rows, { sortBy: 'year', order: 'asc' }).items).at(-1)).toBe('no-year');
  });

  it('is stable: equal keys keep their input order in both directions', () => {
    const desc = slugs(paginate(rows, { sortBy: 'rating', order: 'desc' }).items);
    expect(desc.slice(0, 3)).toEqual(['alien', 'amelie', 'arrival']);
    const asc = slugs(paginate(rows, { sortBy: 'rating', order: 'asc' }).items);
    expect(asc.slice(2, 4)).toEqual(['amelie', 'arrival']);
  });

  it('orders numbers inside titles naturally', () => {
    const numbered = [{ title: 'Part 10' }, { title: 'Part 2' }, { title: 'part 1' }];
    expect(paginate(numbered, { sortBy: 'title' }).items.map((r) => r.title)).toEqual(['part 1', 'Part 2', 'Part 10']);
  });

  it('cuts the sorted list with limit before paging', () => {
    const page = paginate(rows, { sortBy: 'rating', order: 'desc', limit: 3, pageSize: 2, page: 2 });
    expect(slugs(page.items)).toEqual(['arrival']);
    expect(page).toMatchObject({ totalCount: 3, totalPages: 2, hasNext: false, hasPrevious: true, itemsCount: 1 });
  });

  it('pages through the list', () => {
    const first = paginate(rows, { pageSize: 4 });
    expect(first).toMatchObject({ totalPages: 2, hasNext: true, hasPrevious: false, itemsCount: 4 });
    const second = paginate(rows, { pageSize: 4, page: 2 });
    expect(slugs(second.items)).toEqual(['unrated', 'arrival']);
  });

  it('returns an empty page with correct metadata past the end', () => {
    const page = paginate(rows, { pageSize: 4, page: 7 });
    expect(page).toEqual({
      items: [],
      totalCount: 6,
      page: 7,
      pageSize: 4,
      totalPages: 2,
      hasNext: false,
      hasPrevious: true,
      itemsCount: 0,
    });
  });

  it('handles an empty list and limit 0', () => {
    expect(paginate([])).toMatchObject({ items: [], totalCount: 0, totalPages: 0, hasNext: false, hasPrevious: false });
    expect(paginate(rows, { limit: 0 })).toMatchObject({ items: [], totalCount: 0, totalPages: 0 });
  });

  it('does not modify the input array', () => {
    const copy = [...rows];
    paginate(rows, { sortBy: 'title', order: 'desc' });
    expect(rows).toEqual(copy);
  });

  it.each([
    ['page', { page: 0 }],
    ['page', { page: 1.5 }],
    ['pageSize', { pageSize: 0 }],
    ['pageSize', { pageSize: 1001 }],
    ['limit', { limit: -1 }],
    ['limit', { limit: Number.NaN }],
    ['sortBy', { sortBy: 'popularity' }],
    ['order', { order: 'up' }],
  ])('rejects an invalid %s with a typed error', (option, options) => {
    let caught: unknown;
    try {
      paginate(rows, options as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SyncPaginationError);
    expect(isSyncError(caught)).toBe(true);
    expect((caught as SyncPaginationError).option).toBe(option);
    expect((caught as Error).message).toContain(option);
  });

  it('rejects a non-array', () => {
    expect(() => paginate('films' as never)).toThrow(SyncPaginationError);
  });

  it('rejects items it cannot sort with a typed error naming the item', () => {
    const mixed = [{ title: 'Heat' }, null] as never[];
    expect(() => paginate(mixed, { sortBy: 'title' })).toThrow(/"items".*item 1 is not/);
    expect(() => paginate(mixed, { sortBy: 'title' })).toThrow(SyncPaginationError);
    expect(paginate(mixed).items).toHaveLength(2);
  });
});
