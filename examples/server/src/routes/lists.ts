import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { ConfiguredList } from '@lbx/example-shared';
import type { AppContext } from '../app-context';
import { errorResponses, jsonResponse } from '../openapi-responses';
import { ListDefinitions } from '../schemas';

const listsRoute = createRoute({
  method: 'get',
  path: '/lists',
  tags: ['jobs'],
  summary: 'The list definitions of LBX_LISTS_FILE, with their ids, sources, filters and mapped TMDb lists',
  responses: {
    200: jsonResponse('The definitions, in file order (empty without LBX_LISTS_FILE)', ListDefinitions),
    ...errorResponses({ 503: 'The mapping store cannot be read' }),
  },
});

export function registerListRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(listsRoute, async (c) => {
    const lists = ctx.config.lists?.lists ?? [];
    let mappings: Record<string, number>;
    try {
      mappings = lists.length === 0 ? {} : await ctx.runtime.store.all();
    } catch (error) {
      ctx.logger.warn('GET /lists: the mapping store cannot be read', { error: (error as Error).message });
      return c.json({ detail: 'The mapping store cannot be read; see the server log (GET /health/details shows its state).' }, 503);
    }
    return c.json({ file: ctx.config.lists?.file ?? null, lists: lists.map((list) => listToJson(list, mappings[list.id] ?? null)) }, 200);
  });
}

/** A definition as `GET /lists` shows it. */
function listToJson(list: ConfiguredList, tmdbListId: number | null) {
  return {
    id: list.id,
    source: list.source,
    member: list.member,
    slug: list.slug ?? null,
    filters: {
      min_rating: list.minRating ?? null,
      max_rating: list.maxRating ?? null,
      year_from: list.yearFrom ?? null,
      year_to: list.yearTo ?? null,
      limit: list.limit ?? null,
      exclude_tv: list.excludeTv ?? false,
    },
    order: list.order ?? 'source',
    direction: list.direction ?? null,
    list_name: list.listName,
    tmdb_list_id: tmdbListId,
  };
}
