import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { paginate } from '@lbx/sync';
import type { AppContext } from '../app-context';
import { errorResponses, jsonResponse } from '../openapi-responses';
import { TopRated, TopRatedQuery, UserProfile, UsernameParams, Watchlist, WatchlistQuery } from '../schemas';
import { clientSignal } from '../client-signal';

const errors = errorResponses({
  403: "The member's page is private",
  404: 'Unknown Letterboxd member ("User not found")',
  422: 'Invalid username or query',
  502: 'Letterboxd blocked the request (Cloudflare)',
  503: 'Letterboxd is rate-limiting us (see Retry-After)',
  500: 'Reading Letterboxd failed otherwise',
});

const profileRoute = createRoute({
  method: 'get',
  path: '/users/{username}',
  tags: ['users'],
  summary: "A member's profile and stats",
  request: { params: UsernameParams },
  responses: { 200: jsonResponse('Profile', UserProfile), ...errors },
});

const watchlistRoute = createRoute({
  method: 'get',
  path: '/users/{username}/watchlist',
  tags: ['users'],
  summary: "A member's watchlist, sorted and paginated",
  request: { params: UsernameParams, query: WatchlistQuery },
  responses: { 200: jsonResponse('Watchlist page', Watchlist), ...errors },
});

const topRatedRoute = createRoute({
  method: 'get',
  path: '/users/{username}/top-rated',
  tags: ['users'],
  summary: 'Films the member both rated and liked, sorted and paginated',
  request: { params: UsernameParams, query: TopRatedQuery },
  responses: { 200: jsonResponse('Top-rated page', TopRated), ...errors },
});

export function registerUserRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(profileRoute, async (c) => {
    const { username } = c.req.valid('param');
    const profile = await ctx.reads.profile(username, { signal: clientSignal(c) });
    return c.json(
      {
        username: profile.username,
        display_name: profile.displayName,
        bio: profile.bio,
        stats: {
          films_watched: profile.stats.filmsWatched,
          lists: profile.stats.lists,
          following: profile.stats.following,
          followers: profile.stats.followers,
        },
        url: profile.url,
      },
      200,
    );
  });

  app.openapi(watchlistRoute, async (c) => {
    const { username } = c.req.valid('param');
    const query = c.req.valid('query');
    const films = await ctx.reads.watchlist(username, { signal: clientSignal(c) });
    const page = pageOf(films, query);
    return c.json(
      {
        username,
        total_watchlist: page.totalCount,
        ...pageMeta(page),
        films: page.items.map((film) => ({ title: film.title, year: film.year, url: film.url })),
      },
      200,
    );
  });

  app.openapi(topRatedRoute, async (c) => {
    const { username } = c.req.valid('param');
    const query = c.req.valid('query');
    const { source, films } = await ctx.reads.topRated(username, { signal: clientSignal(c) });
    // One rule with the sync: `limit` keeps the member's best N (the read is best first), sorting orders them.
    const best = query.limit === undefined ? films : films.slice(0, query.limit);
    const page = pageOf(best, { ...query, limit: undefined });
    return c.json(
      {
        username,
        source,
        total_rated: page.totalCount,
        ...pageMeta(page),
        films: page.items.map((film) => ({
          title: film.title,
          slug: film.slug,
          year: film.year,
          rating: film.rating,
          url: film.url,
        })),
      },
      200,
    );
  });
}

function pageOf<F extends { title: string; year: number | null; rating?: number | null }>(
  films: readonly F[],
  query: { limit?: number; page: number; page_size: number; sort_by: 'rating' | 'title' | 'year'; sort_order: 'asc' | 'desc' },
) {
  return paginate(films, {
    ...(query.limit !== undefined && { limit: query.limit }),
    page: query.page,
    pageSize: query.page_size,
    sortBy: query.sort_by,
    order: query.sort_order,
  });
}

function pageMeta(page: ReturnType<typeof pageOf>) {
  return {
    films_count: page.itemsCount,
    page: page.page,
    page_size: page.pageSize,
    total_pages: page.totalPages,
    has_next: page.hasNext,
    has_previous: page.hasPrevious,
  };
}
