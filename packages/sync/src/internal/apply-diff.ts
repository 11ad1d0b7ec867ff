import type { PlannedItem, SyncEvent, UnmatchedFilm } from '../sync-types.js';
import type { SyncTmdbClient } from '../tmdb-port.js';
import { itemKey, type ListDiff } from './plan-sync.js';

/** Items per write request (TMDb documents no limit; large bodies have been seen to fail). */
const BATCH_SIZE = 100;

/** What the writes achieved so far; updated batch by batch so a failure still reports the truth. */
export interface WriteProgress {
  added: number;
  removed: number;
  reordered: number;
  commentsUpdated: number;
  writes: number;
  rejected: UnmatchedFilm[];
}

export interface ApplyContext {
  username: string;
  listId: number;
  tmdb: SyncTmdbClient;
  signal: AbortSignal | undefined;
  emit: (event: SyncEvent) => void;
  progress: WriteProgress;
}

/**
 * Apply a diff. Moved items are removed first (they must be re-appended to change their position), then new
 * and moved items are appended in order, then extras are removed, then comments are set. Without moves the
 * list therefore never gets emptier than it was before a failure.
 */
export async function applyDiff(diff: ListDiff, ctx: ApplyContext): Promise<void> {
  const { tmdb, listId, signal, progress } = ctx;
  const moved = new Set(diff.move.map(itemKey));

  for (const batch of chunks(diff.move)) {
    await tmdb.removeItems(listId, refs(batch), { signal });
    progress.writes += 1;
    ctx.emit({ type: 'items-removed', username: ctx.username, listId, items: plain(batch), reason: 'reorder' });
  }

  const rejected = new Set<string>();
  for (const batch of chunks(diff.add)) {
    const results = await tmdb.addItems(listId, refs(batch), { signal });
    progress.writes += 1;
    const failed = new Set(results.filter((r) => r.status === 'failed').map(itemKey));
    const done = batch.filter((item) => !failed.has(itemKey(item)));
    for (const item of batch) {
      if (!failed.has(itemKey(item))) continue;
      rejected.add(itemKey(item));
      progress.rejected.push({ slug: item.slug, title: item.title, year: item.year, reason: 'rejected-by-tmdb' });
    }
    for (const item of done) {
      if (moved.has(itemKey(item))) progress.reordered += 1;
      else progress.added += 1;
    }
    if (done.length > 0) ctx.emit({ type: 'items-added', username: ctx.username, listId, items: plain(done) });
  }

  for (const batch of chunks(diff.remove)) {
    const results = await tmdb.removeItems(listId, refs(batch), { signal });
    progress.writes += 1;
    const failed = new Set(results.filter((r) => r.status === 'failed').map(itemKey));
    const done = batch.filter((item) => !failed.has(itemKey(item)));
    progress.removed += done.length;
    if (done.length > 0) {
      ctx.emit({ type: 'items-removed', username: ctx.username, listId, items: plain(done), reason: 'not-desired' });
    }
  }

  const comments = diff.comment.filter((item) => !rejected.has(itemKey(item)));
  for (const batch of chunks(comments)) {
    const results = await tmdb.updateItemComments(
      listId,
      batch.map((item) => ({ mediaType: item.mediaType, mediaId: item.mediaId, comment: item.comment })),
      { signal },
    );
    progress.writes += 1;
    progress.commentsUpdated += results.filter((r) => r.status !== 'failed').length;
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) out.push(items.slice(i, i + BATCH_SIZE));
  return out;
}

function refs(items: readonly PlannedItem[]): Array<{ mediaType: 'movie' | 'tv'; mediaId: number }> {
  return items.map((item) => ({ mediaType: item.mediaType, mediaId: item.mediaId }));
}

function plain(items: readonly PlannedItem[]): PlannedItem[] {
  return items.map(({ mediaType, mediaId, title, slug }) => ({ mediaType, mediaId, title, slug }));
}
