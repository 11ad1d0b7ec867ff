/**
 * List definitions: which Letterboxd films (source + filters + order) a TMDb list follows, and the stable id
 * that keys its mapping.
 */
import { SyncOptionsError } from './errors.js';

/**
 * Where a definition's films come from:
 * - `top-rated`: the member's rated AND liked films, best first (what `syncUser` syncs);
 * - `watchlist`: the member's watchlist, newest addition first;
 * - `liked`: the films the member liked, most recent like first;
 * - `rated`: the films the member rated, best first;
 * - `list`: one of the member's lists (`slug` from `/{member}/list/{slug}/`), in list order.
 */
export type ListSourceKind = 'top-rated' | 'watchlist' | 'liked' | 'rated' | 'list';

/** Order of a definition's list: the source's own order, or by the member's rating, the year or the title. */
export type ListOrder = 'source' | 'rating' | 'year' | 'title';

/** One TMDb list to keep in step with a filtered Letterboxd source. Only `source` and `member` are required. */
export interface ListDefinition {
  /**
   * Stable id: the mapping key of the TMDb list and the name operators use. Default: the member's username
   * for `top-rated` (so existing `{ "member": listId }` mappings keep working), `member/source` for
   * `watchlist`/`liked`/`rated`, `member/list/slug` for `list`. Set it when two definitions share a source.
   */
  id?: string;
  source: ListSourceKind;
  /** The Letterboxd member (for `list`: the list's owner). */
  member: string;
  /** The list's slug; required for `list`, not allowed otherwise. */
  slug?: string;
  /** Keep films rated at least this (0.5–5 stars; unrated films are dropped). */
  minRating?: number;
  /** Keep films rated at most this (0.5–5 stars; unrated films are dropped). */
  maxRating?: number;
  /** Keep films released in or after this year (undated films are dropped). */
  yearFrom?: number;
  /** Keep films released in or before this year (undated films are dropped). */
  yearTo?: number;
  /** At most this many items on the TMDb list (1–1000), counted after the other filters. Default: all (up to 1000). */
  limit?: number;
  /** Leave out films that resolve to a TMDb TV entry (miniseries, shows). Default `false`. */
  excludeTv?: boolean;
  /** Order of the list. Default `source`. */
  order?: ListOrder;
  /** Direction of `order` (ignored for `source`). Default `desc` for `rating` and `year`, `asc` for `title`. */
  direction?: 'asc' | 'desc';
  /**
   * Name of the TMDb list (found by name, else created). Default: derived from the source, e.g. "ana's Watchlist",
   * followed by ` (id)` when `id` is set. Two definitions must not share a name: they would share the list.
   */
  listName?: string;
  /** Description given to a list the sync creates. Default: a line naming the source. */
  description?: string;
}

/** @internal A definition with its defaults applied and checked. */
export interface ResolvedDefinition {
  id: string;
  source: ListSourceKind;
  member: string;
  slug: string | undefined;
  minRating: number | undefined;
  maxRating: number | undefined;
  yearFrom: number | undefined;
  yearTo: number | undefined;
  limit: number;
  excludeTv: boolean;
  order: ListOrder;
  direction: 'asc' | 'desc';
  listName: string;
  description: string;
}

const KINDS: readonly ListSourceKind[] = ['top-rated', 'watchlist', 'liked', 'rated', 'list'];
const ORDERS: readonly ListOrder[] = ['source', 'rating', 'year', 'title'];
const MEMBER = /^[A-Za-z0-9_-]{1,100}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const MAX_ITEMS = 1000;

/**
 * The stable id of a definition: its `id`, else `member` for `top-rated`, `member/source`, or
 * `member/list/slug`. Mapping keys and locks use it.
 */
export function definitionId(definition: Pick<ListDefinition, 'id' | 'source' | 'member' | 'slug'>): string {
  if (definition.id !== undefined) return definition.id;
  if (definition.source === 'top-rated') return definition.member;
  if (definition.source === 'list') return `${definition.member}/list/${definition.slug ?? ''}`;
  return `${definition.member}/${definition.source}`;
}

/**
 * The name of the TMDb list a definition keeps (its `listName`, else the default derived from the source), as
 * `syncList` uses it to find or create the list. Two definitions with the same name would share one list: check
 * a set of definitions with this before syncing them.
 */
export function definitionListName(definition: Pick<ListDefinition, 'id' | 'source' | 'member' | 'slug' | 'listName'>): string {
  if (definition.listName !== undefined) return definition.listName;
  const baseName =
    definition.source === 'list'
      ? `${definition.member}'s list ${definition.slug ?? ''}`
      : `${definition.member}'s ${DEFAULT_NAMES[definition.source]}`;
  return definition.id === undefined ? baseName : `${baseName} (${definition.id})`;
}

function fail(field: string, value: unknown, expected: string): never {
  throw new SyncOptionsError(`definition.${field}`, value, expected);
}

function rating(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0.5 && value <= 5) || !Number.isInteger(value * 2)) {
    return fail(field, value, 'a rating from 0.5 to 5 in half stars');
  }
  return value;
}

function year(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1870 || value > 2200) {
    return fail(field, value, 'a year (integer from 1870 to 2200)');
  }
  return value;
}

const DEFAULT_NAMES: Record<ListSourceKind, string> = {
  'top-rated': 'Top Rated Movies',
  watchlist: 'Watchlist',
  liked: 'Liked Films',
  rated: 'Rated Films',
  list: 'list',
};

/** @internal Checks a definition (a {@link SyncOptionsError} naming the field) and applies its defaults. */
export function resolveDefinition(definition: ListDefinition): ResolvedDefinition {
  if (typeof definition !== 'object' || definition === null) fail('', definition, 'an object { source, member, … }');
  const { source, member, slug } = definition;
  if (!KINDS.includes(source)) fail('source', source, `one of ${KINDS.join(', ')}`);
  if (typeof member !== 'string' || !MEMBER.test(member)) fail('member', member, 'a Letterboxd username');
  if (source === 'list' && (typeof slug !== 'string' || !SLUG.test(slug))) {
    fail('slug', slug, 'the list slug from /{member}/list/{slug}/ (lower-case letters, digits, "-")');
  }
  if (source !== 'list' && slug !== undefined) fail('slug', slug, `nothing: only "list" definitions have a slug`);
  if (definition.id !== undefined && (typeof definition.id !== 'string' || definition.id.trim() === '' || definition.id.length > 200)) {
    fail('id', definition.id, 'a non-empty string of at most 200 characters');
  }
  const minRating = rating('minRating', definition.minRating);
  const maxRating = rating('maxRating', definition.maxRating);
  if (minRating !== undefined && maxRating !== undefined && minRating > maxRating) fail('maxRating', maxRating, `at least minRating (${minRating})`);
  const yearFrom = year('yearFrom', definition.yearFrom);
  const yearTo = year('yearTo', definition.yearTo);
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) fail('yearTo', yearTo, `at least yearFrom (${yearFrom})`);
  const limit = definition.limit ?? MAX_ITEMS;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ITEMS) fail('limit', definition.limit, `an integer from 1 to ${MAX_ITEMS}`);
  if (definition.excludeTv !== undefined && typeof definition.excludeTv !== 'boolean') fail('excludeTv', definition.excludeTv, 'true or false');
  const order = definition.order ?? 'source';
  if (!ORDERS.includes(order)) fail('order', order, `one of ${ORDERS.join(', ')}`);
  const direction = definition.direction ?? (order === 'title' ? 'asc' : 'desc');
  if (direction !== 'asc' && direction !== 'desc') fail('direction', direction, '"asc" or "desc"');
  for (const field of ['listName', 'description'] as const) {
    const value = definition[field];
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) fail(field, value, 'a non-empty string');
  }
  const what = source === 'list' ? `list "${slug}"` : DEFAULT_NAMES[source].toLowerCase();
  return {
    id: definitionId(definition),
    source,
    member,
    slug,
    minRating,
    maxRating,
    yearFrom,
    yearTo,
    limit,
    excludeTv: definition.excludeTv ?? false,
    order,
    direction,
    // Lists are found by name: a definition with its own id gets its own default name, never another's list.
    listName: definitionListName(definition),
    description: definition.description ?? `Letterboxd member ${member}'s ${what}, kept in sync by lbx.`,
  };
}
