import { HttpResponse } from 'msw';
import { requireReader, requireUserToken } from './auth.js';
import { isTmdbListSortBy } from '@lbx/internal';
import { accountListRow, itemRow, sortedItems } from './list-rows.js';
import { json, tmdbError, tmdbOk } from './responses.js';
import { route, type Route, type RouteContext } from './router.js';
import { paginate, parsePage } from './rows.js';
import { buildList } from './state.js';
import type { FakeList } from './types.js';

const CACHE_SECONDS = 300;

function record(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function looksLikeSpam(...texts: unknown[]): boolean {
  return texts.some((text) => typeof text === 'string' && /https?:\/\//i.test(text));
}

/** The list named by the first route parameter, or the error TMDb answers. */
export function ownList(ctx: RouteContext, write: boolean): FakeList | Response {
  const denied = write ? requireUserToken(ctx) : requireReader(ctx);
  if (denied) return denied;
  const list = ctx.state.lists.get(Number(ctx.params[0]));
  if (!list) return tmdbError(404, 34);
  const isOwner = ctx.credential === 'user-token' && list.accountId === ctx.state.credentials.accountId;
  if (write && !isOwner) return tmdbError(401, 38);
  if (!write && !list.public && !isOwner) return tmdbError(401, 39);
  return list;
}

async function createList(ctx: RouteContext): Promise<Response> {
  const denied = requireUserToken(ctx);
  if (denied) return denied;
  const body = record(await ctx.body());
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    return tmdbError(422, 47, { errors: ["Name can't be blank"] });
  }
  if (looksLikeSpam(body.name, body.description)) {
    return tmdbError(400, 18, { errors: ['Content is suspected to be spam'] });
  }
  // TMDb honours `public` only as 0/1 on create; a boolean is ignored and the list comes out public.
  const isPublic = body.public === 0 ? false : true;
  const list = buildList(ctx.state, {
    name: body.name,
    description: typeof body.description === 'string' ? body.description : '',
    public: isPublic,
    sortBy: isTmdbListSortBy(body.sort_by) ? body.sort_by : 'original_order.asc',
    language: typeof body.iso_639_1 === 'string' ? body.iso_639_1 : 'en',
  });
  ctx.state.lists.set(list.id, list);
  return HttpResponse.json(
    { status_message: 'The item/record was created successfully.', id: list.id, success: true, status_code: 1 },
    { status: 201 },
  );
}

function renderList(ctx: RouteContext, list: FakeList, page: number): Record<string, unknown> {
  const requestedSort = ctx.url.searchParams.get('sort_by');
  const sortBy = isTmdbListSortBy(requestedSort) ? requestedSort : list.sortBy;
  const paged = paginate(sortedItems(ctx.state, list, sortBy), page);
  return {
    average_rating: 0,
    backdrop_path: null,
    comments: Object.fromEntries(paged.results.map((item) => [`${item.mediaType}:${item.mediaId}`, item.comment])),
    created_by: { avatar_path: null, gravatar_hash: '', id: list.accountId, name: '', username: 'fake-user' },
    description: list.description,
    id: list.id,
    iso_3166_1: 'US',
    iso_639_1: list.language ?? 'en',
    item_count: list.items.length,
    name: list.name,
    object_ids: {},
    page: paged.page,
    poster_path: null,
    public: list.public,
    results: paged.results.map((item) => itemRow(ctx.state, item)),
    revenue: 0,
    runtime: 0,
    sort_by: sortBy,
    total_pages: paged.total_pages,
    total_results: paged.total_results,
  };
}

function getList(ctx: RouteContext): Response {
  const list = ownList(ctx, false);
  if (list instanceof Response) return list;
  const page = parsePage(ctx.url);
  if (page === null) return tmdbError(400, 22);
  return cachedJson(ctx, () => renderList(ctx, list, page));
}

/** Answer like TMDb's CDN (`max-age=300`): the same URL gets the same body until it expires, writes or not. */
function cachedJson(ctx: RouteContext, render: () => Record<string, unknown>): Response {
  const headers = { 'Cache-Control': `public, max-age=${CACHE_SECONDS}` };
  const key = `${ctx.url.pathname}${ctx.url.search}`;
  const cached = ctx.state.cache.get(key);
  if (ctx.state.options.cacheListReads && cached && cached.expiresAt > Date.now()) {
    return new HttpResponse(cached.body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json' } });
  }
  const body = render();
  if (ctx.state.options.cacheListReads) {
    ctx.state.cache.set(key, { expiresAt: Date.now() + CACHE_SECONDS * 1000, body: JSON.stringify(body) });
  }
  return json(body, headers);
}

async function updateList(ctx: RouteContext): Promise<Response> {
  const list = ownList(ctx, true);
  if (list instanceof Response) return list;
  const body = record(await ctx.body());
  if (body.sort_by !== undefined && !isTmdbListSortBy(body.sort_by)) {
    // TMDb answers a 2xx with success:false and changes nothing.
    return HttpResponse.json({ success: false, status_code: 47, status_message: 'The input is not valid.' }, { status: 200 });
  }
  if (looksLikeSpam(body.name, body.description)) {
    return tmdbError(400, 18, { errors: ['Content is suspected to be spam'] });
  }
  if (typeof body.name === 'string' && body.name.trim() !== '') list.name = body.name;
  if (typeof body.description === 'string') list.description = body.description;
  if (typeof body.public === 'boolean') list.public = body.public;
  if (body.public === 0 || body.public === 1) list.public = body.public === 1;
  if (isTmdbListSortBy(body.sort_by)) list.sortBy = body.sort_by;
  return tmdbOk({}, 201, 12);
}

function deleteList(ctx: RouteContext): Response {
  const list = ownList(ctx, true);
  if (list instanceof Response) return list;
  ctx.state.lists.delete(list.id);
  return tmdbOk({}, 200, 13);
}

function clearList(ctx: RouteContext): Response {
  const list = ownList(ctx, true);
  if (list instanceof Response) return list;
  // A state-changing GET: a cache in front of TMDb that saw this exact URL answers without clearing again.
  return cachedJson(ctx, () => {
    const deleted = list.items.length;
    list.items = [];
    return { success: true, status_code: 1, status_message: 'Success.', id: list.id, items_deleted: deleted };
  });
}

function itemStatus(ctx: RouteContext): Response {
  const list = ownList(ctx, true);
  if (list instanceof Response) return list;
  const mediaType = ctx.url.searchParams.get('media_type');
  const mediaId = Number(ctx.url.searchParams.get('media_id'));
  const present = list.items.some((item) => item.mediaType === mediaType && item.mediaId === mediaId);
  if (!present) return tmdbError(404, 34);
  return tmdbOk({ id: list.id, media_id: mediaId, media_type: mediaType });
}

function accountLists(ctx: RouteContext): Response {
  const denied = requireUserToken(ctx);
  if (denied) return denied;
  if (decodeURIComponent(ctx.params[0] ?? '') !== ctx.state.credentials.accountId) return tmdbError(404, 34);
  const page = parsePage(ctx.url);
  if (page === null) return tmdbError(400, 22);
  const owned = [...ctx.state.lists.values()]
    .filter((list) => list.accountId === ctx.state.credentials.accountId)
    .sort((a, b) => a.id - b.id);
  return cachedJson(ctx, () => paginate(owned.map((list, position) => accountListRow(ctx.state, list, position)), page));
}

/** v4 list management (items are in routes-list-items.ts). */
export const listRoutes: Route[] = [
  route('POST', /^\/4\/list$/, createList),
  route('GET', /^\/4\/list\/(\d+)$/, getList),
  route('PUT', /^\/4\/list\/(\d+)$/, updateList),
  route('DELETE', /^\/4\/list\/(\d+)$/, deleteList),
  route('GET', /^\/4\/list\/(\d+)\/clear$/, clearList, true),
  route('GET', /^\/4\/list\/(\d+)\/item_status$/, itemStatus),
  route('GET', /^\/4\/account\/([^/]+)\/lists$/, accountLists),
];
