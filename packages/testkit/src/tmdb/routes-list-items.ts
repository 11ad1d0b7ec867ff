import { tmdbError, tmdbOk } from './responses.js';
import { route, type Route, type RouteContext } from './router.js';
import { ownList } from './routes-lists.js';
import type { FakeList } from './types.js';

type ItemAction = 'add' | 'update' | 'remove';

interface ItemOutcome {
  media_id: unknown;
  media_type: unknown;
  success: boolean;
  error?: string[];
}

function applyItem(ctx: RouteContext, list: FakeList, action: ItemAction, raw: unknown): ItemOutcome {
  const entry = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const mediaType = entry.media_type;
  const mediaId = entry.media_id;
  const outcome = { media_id: mediaId, media_type: mediaType };
  if ((mediaType !== 'movie' && mediaType !== 'tv') || typeof mediaId !== 'number' || !Number.isInteger(mediaId)) {
    return { ...outcome, success: false, error: ['Media type or id is invalid'] };
  }
  const index = list.items.findIndex((item) => item.mediaType === mediaType && item.mediaId === mediaId);
  if (action === 'add') {
    if (index !== -1) return { ...outcome, success: false, error: ['Media has already been taken'] };
    const known = mediaType === 'movie' ? ctx.state.movies.has(mediaId) : ctx.state.tv.has(mediaId);
    if (!known && !ctx.state.options.acceptUnknownMedia) return { ...outcome, success: false, error: ['Media not found'] };
    // TMDb accepts a `comment` here and silently drops it.
    list.items.push({ mediaType, mediaId, comment: null });
    return { ...outcome, success: true };
  }
  if (index === -1) return { ...outcome, success: false, error: ['Media not found'] };
  if (action === 'remove') list.items.splice(index, 1);
  else {
    const comment = entry.comment;
    list.items[index] = { mediaType, mediaId, comment: typeof comment === 'string' && comment !== '' ? comment : null };
  }
  return { ...outcome, success: true };
}

function itemsHandler(action: ItemAction): Route['handle'] {
  return async (ctx) => {
    const list = ownList(ctx, true);
    if (list instanceof Response) return list;
    const body = await ctx.body();
    const items = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).items : undefined;
    if (!Array.isArray(items) || items.length === 0) {
      return tmdbError(422, 47, { errors: ['items is missing or empty'] });
    }
    const results = items.map((item) => applyItem(ctx, list, action, item));
    // Overall success even when single items failed: callers must read `results`.
    return tmdbOk({ results });
  };
}

/** v4 list items: add (POST), update comments (PUT), remove (DELETE with a body). */
export const listItemRoutes: Route[] = [
  route('POST', /^\/4\/list\/(\d+)\/items$/, itemsHandler('add')),
  route('PUT', /^\/4\/list\/(\d+)\/items$/, itemsHandler('update')),
  route('DELETE', /^\/4\/list\/(\d+)\/items$/, itemsHandler('remove')),
];
