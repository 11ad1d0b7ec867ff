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
}

export interface FindListContext {
  username: string;
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
  const found = await ctx.tmdb.findListByName(ctx.name, { signal: ctx.signal });
  if (found) {
    ctx.stage('read-list');
    const list = await readList(ctx.tmdb, found.id, ctx.signal);
    if (!ctx.dryRun && ctx.mappedId !== found.id) {
      ctx.stage('store');
      await ctx.store.set(ctx.username, found.id);
    }
    return list;
  }

  if (ctx.dryRun) return { listId: null, created: true, sortBy: ORIGINAL_ORDER, items: [] };
  ctx.stage('find-list');
  const listId = await ctx.tmdb.createList(
    { name: ctx.name, description: ctx.description, public: ctx.public },
    { signal: ctx.signal },
  );
  ctx.stage('store');
  await ctx.store.set(ctx.username, listId);
  ctx.emit({ type: 'list-created', username: ctx.username, listId, name: ctx.name });
  return { listId, created: true, sortBy: ORIGINAL_ORDER, items: [] };
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
  return { listId, created: false, sortBy, items };
}

/** TMDb's 404 / code 34 (`TmdbNotFoundError`), recognised structurally. */
function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, name } = error as { status?: unknown; name?: unknown };
  return status === 404 || name === 'TmdbNotFoundError';
}
