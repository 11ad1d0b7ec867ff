import type { MappingStore } from '../mapping-store.js';
import type { SyncEvent } from '../sync-types.js';
import type { SyncTmdbClient } from '../tmdb-port.js';
import type { CurrentItem } from './plan-sync.js';

export interface MemberList {
  /** `null` only in a dry run when the list would be created. */
  listId: number | null;
  created: boolean;
  /** The list's current `sort_by` (`original_order.asc` for a new list). */
  sortBy: string;
  /** The list's items in the order TMDb returns them. */
  items: CurrentItem[];
  /** Other account lists with the member's list name (never written); see `SyncResultBase.duplicateListIds`. */
  duplicateListIds: number[];
  /** This run created a list, whether or not it adopted it (a write either way). */
  madeList: boolean;
}

export interface FindListContext {
  /** The member, for events. */
  username: string;
  /** Mapping key of the target (the username for a member's top-rated list, else a definition id). */
  key: string;
  name: string;
  description: string;
  public: boolean;
  mappedId: number | undefined;
  dryRun: boolean;
  tmdb: SyncTmdbClient;
  store: MappingStore;
  signal: AbortSignal | undefined;
  emit: (event: SyncEvent) => void;
  /** Called when the step changes, so a failure is reported with the right stage. */
  stage: (stage: 'find-list' | 'read-list' | 'store') => void;
}

const ORIGINAL_ORDER = 'original_order.asc';

/**
 * The member's list: the mapped one; else (no mapping, or TMDb says the mapped list is gone) the account's list
 * with that name; else a new list, whose id is saved at once so a later failure never creates a duplicate.
 * Several lists with the name (two processes created one each before the cross-process lock existed, or a
 * store was reset): the lowest id (the oldest) is adopted and the others are reported, never written. A list
 * just created is checked the same way, so two writers racing on one new member converge on one list.
 */
export async function findMemberList(ctx: FindListContext): Promise<MemberList> {
  if (ctx.mappedId !== undefined) {
    ctx.stage('read-list');
    try {
      return await readList(ctx.tmdb, ctx.mappedId, ctx.signal);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  ctx.stage('find-list');
  const found = await sameNameLists(ctx);
  if (found.length > 0) return adopt(ctx, found);

  if (ctx.dryRun) return { listId: null, created: true, sortBy: ORIGINAL_ORDER, items: [], duplicateListIds: [], madeList: false };
  ctx.stage('find-list');
  const listId = await ctx.tmdb.createList(
    { name: ctx.name, description: ctx.description, public: ctx.public },
    { signal: ctx.signal },
  );
  ctx.stage('store');
  await ctx.store.set(ctx.key, listId);
  ctx.emit({ type: 'list-created', username: ctx.username, listId, name: ctx.name });
  if (ctx.tmdb.getAccountLists) {
    ctx.stage('find-list');
    const now = await sameNameLists(ctx);
    if (now.length > 1) return { ...(await adopt(ctx, now, listId)), madeList: true };
  }
  return { listId, created: true, sortBy: ORIGINAL_ORDER, items: [], duplicateListIds: [], madeList: true };
}

/**
 * Ids of the account's lists named `ctx.name`, lowest first: exact (trimmed) names, else one case-insensitive
 * match (like `findListByName`). Without `getAccountLists`, `findListByName`'s single answer.
 */
async function sameNameLists(ctx: FindListContext): Promise<number[]> {
  if (!ctx.tmdb.getAccountLists) {
    const found = await ctx.tmdb.findListByName(ctx.name, { signal: ctx.signal });
    return found ? [found.id] : [];
  }
  const lists = await ctx.tmdb.getAccountLists({ signal: ctx.signal });
  const wanted = ctx.name.trim();
  let ids = lists.filter((list) => list.name.trim() === wanted).map((list) => list.id);
  if (ids.length === 0) {
    const folded = wanted.toLocaleLowerCase('en-US');
    const sameButCase = lists.filter((list) => list.name.trim().toLocaleLowerCase('en-US') === folded);
    ids = sameButCase.length === 1 ? [(sameButCase[0] as { id: number }).id] : [];
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Adopt the lowest of `ids` (map it, read it) and report the rest. `createdId`: the list this run just created. */
async function adopt(ctx: FindListContext, ids: number[], createdId?: number): Promise<MemberList> {
  const [listId, ...duplicateListIds] = ids as [number, ...number[]];
  if (duplicateListIds.length > 0) {
    ctx.emit({ type: 'duplicate-lists', username: ctx.username, listId, duplicateListIds, name: ctx.name });
  }
  ctx.stage('read-list');
  const list = await readList(ctx.tmdb, listId, ctx.signal);
  if (!ctx.dryRun && ctx.mappedId !== listId) {
    ctx.stage('store');
    await ctx.store.set(ctx.key, listId);
  }
  return { ...list, created: createdId === listId, duplicateListIds };
}

/** Every page of a list (TMDb serves 20 items per page). */
export async function readList(tmdb: SyncTmdbClient, listId: number, signal: AbortSignal | undefined): Promise<MemberList> {
  const items: CurrentItem[] = [];
  let sortBy = ORIGINAL_ORDER;
  for (let page = 1; ; page += 1) {
    const result = await tmdb.getList(listId, { page, signal });
    if (page === 1) sortBy = result.sortBy;
    for (const item of result.items) {
      items.push({ mediaType: item.mediaType, mediaId: item.mediaId, title: item.title, slug: null, comment: item.comment });
    }
    if (page >= result.totalPages || result.items.length === 0) break;
  }
  return { listId, created: false, sortBy, items, duplicateListIds: [], madeList: false };
}

/** TMDb's 404 / code 34 (`TmdbNotFoundError`), recognised structurally. */
function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, name } = error as { status?: unknown; name?: unknown };
  return status === 404 || name === 'TmdbNotFoundError';
}
