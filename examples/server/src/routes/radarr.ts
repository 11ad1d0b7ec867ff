import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { LetterboxdNotFoundError } from '@lbx/letterboxd';
import { type ListDefinition, type ResolvedList, resolveList } from '@lbx/sync';
import { HTTPException } from 'hono/http-exception';
import type { AppContext } from '../app-context';
import { errorResponses, jsonResponse } from '../openapi-responses';
import { Username } from '../schemas';
import { sameSecret } from '../auth';
import { clientSignal } from '../client-signal';

/** Response header counting the films left out because they have no exact TMDb match. */
export const UNMATCHED_HEADER = 'X-Lbx-Unmatched';

const rating = z.coerce.number().min(0.5).max(5).refine((value) => Number.isInteger(value * 2), 'must be in half stars (0.5, 1, … 5)');
const year = z.coerce.number().int().min(1870).max(2200);

const RadarrQuery = z.object({
  min_rating: rating.optional().openapi({ description: 'Keep films rated at least this (0.5–5; unrated films are left out)' }),
  max_rating: rating.optional().openapi({ description: 'Keep films rated at most this (0.5–5)' }),
  year_from: year.optional().openapi({ description: 'Keep films released in or after this year' }),
  year_to: year.optional().openapi({ description: 'Keep films released in or before this year' }),
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ description: 'At most this many films (after the filters)' }),
  exclude_tv: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .openapi({ description: 'Leave out TV entries (miniseries, shows). Default true: Radarr is for films' }),
  key: z.string().max(200).optional().openapi({ description: 'The server\'s RADARR_KEY, when it sets one' }),
});

const RadarrMovie = z
  .object({
    id: z.number().int().positive().openapi({ description: 'TMDb movie id' }),
    imdb_id: z
      .string()
      .optional()
      .openapi({ description: 'IMDb id (tt…), when known from the Letterboxd film page or the source (kept in the film cache)' }),
    title: z.string(),
    year: z.number().int().optional().openapi({ description: 'Release year, when Letterboxd gives one (left out rather than null)' }),
  })
  .openapi('RadarrMovie');

const SOURCES = ['top-rated', 'watchlist', 'liked', 'rated'] as const;

const responses = {
  200: jsonResponse(
    `Radarr custom list: the films with an exact TMDb match, in the list's order; the ${UNMATCHED_HEADER} header counts those left out`,
    z.array(RadarrMovie),
  ),
  ...errorResponses({
    401: 'RADARR_KEY is set and `key` is missing or wrong',
    403: 'The watchlist or list is private',
    404: 'Unknown member or list',
    422: 'Invalid member, source or filter',
    502: 'Letterboxd blocked the request (Cloudflare)',
    503: 'Letterboxd is rate-limiting us, or TMDb is not configured',
    500: 'Reading Letterboxd or TMDb failed otherwise',
  }),
};

const sourceRoute = createRoute({
  method: 'get',
  path: '/radarr/{username}/{source}',
  tags: ['radarr'],
  summary: "A member's films as a Radarr custom list (Settings → Import Lists → Custom List)",
  request: {
    params: z.object({
      username: Username.openapi({ param: { name: 'username', in: 'path' } }),
      source: z.enum(SOURCES).openapi({ param: { name: 'source', in: 'path' } }),
    }),
    query: RadarrQuery,
  },
  responses,
});

const listRoute = createRoute({
  method: 'get',
  path: '/radarr/{username}/list/{slug}',
  tags: ['radarr'],
  summary: "One of a member's Letterboxd lists as a Radarr custom list",
  request: {
    params: z.object({
      username: Username.openapi({ param: { name: 'username', in: 'path' } }),
      slug: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,199}$/, 'the list slug from /{member}/list/{slug}/')
        .openapi({ param: { name: 'slug', in: 'path' } }),
    }),
    query: RadarrQuery,
  },
  responses,
});

/**
 * `GET /radarr/{username}/{source}` and `/radarr/{username}/list/{slug}`: what Radarr's "Custom List" import
 * reads — a JSON array of `{ id, imdb_id?, title, year? }` with `id` the TMDb movie id (`imdb_id` when the
 * film page or the source gave it, kept in the film cache: no extra request per read). Films without an exact TMDb match
 * (none, or only a fuzzy title search) are left out and counted in `X-Lbx-Unmatched`; TV entries are left out
 * unless `exclude_tv=false`. A failed read is an error status with `{ detail }`, never `[]`. Cached and
 * coalesced like the other reads (`CACHE_TTL`).
 */
export function registerRadarrRoutes(app: OpenAPIHono, ctx: AppContext): void {
  const serve = async (definition: ListDefinition, key: string | undefined, signal: AbortSignal) => {
    const expected = ctx.config.radarrKey;
    if (expected !== null && !sameSecret(key, expected)) {
      throw new HTTPException(401, { message: "This Radarr list needs the server's RADARR_KEY: add ?key=… to the list URL in Radarr." });
    }
    const { tmdb, store } = ctx.runtime;
    // The read endpoints' own bounded client (503 when full), so Radarr's polling never queues behind syncs.
    const { letterboxd } = ctx.readRuntime;
    if (tmdb === null) {
      throw new HTTPException(503, {
        message: `TMDb is not configured, so films cannot be matched: ${ctx.runtime.unavailableReason ?? 'set the TMDB_* credentials'}.`,
      });
    }
    const cacheKey = `radarr:${JSON.stringify({ ...definition, member: definition.member.toLowerCase() })}`;
    const resolved = await ctx.cache
      .fetch<ResolvedList>(cacheKey, (upstream) => resolveList(definition, { source: letterboxd, tmdb, store }, { signal: upstream }), { signal })
      .catch((error: unknown) => {
        if (error instanceof LetterboxdNotFoundError && definition.source === 'list') {
          throw new HTTPException(404, {
            message: `List not found: "${definition.member}" has no public list "${definition.slug ?? ''}" (check the slug in /${definition.member}/list/<slug>/).`,
          });
        }
        throw error;
      });
    const seen = new Set<number>();
    const body: Array<z.infer<typeof RadarrMovie>> = [];
    let fuzzy = 0;
    for (const film of resolved.films) {
      if (film.method === 'search-fuzzy') {
        fuzzy += 1;
        continue;
      }
      if (seen.has(film.mediaId)) continue;
      seen.add(film.mediaId);
      // Radarr reads `year` as a number: an unknown year is left out, never null.
      body.push({
        id: film.mediaId,
        ...(film.imdbId !== undefined && { imdb_id: film.imdbId }),
        title: film.title,
        ...(film.year !== null && { year: film.year }),
      });
    }
    return { body, unmatched: resolved.notMatched.length + fuzzy };
  };

  const definitionOf = (
    member: string,
    source: ListDefinition['source'],
    query: z.infer<typeof RadarrQuery>,
    slug?: string,
  ): ListDefinition => ({
    source,
    member,
    ...(slug !== undefined && { slug }),
    ...(query.min_rating !== undefined && { minRating: query.min_rating }),
    ...(query.max_rating !== undefined && { maxRating: query.max_rating }),
    ...(query.year_from !== undefined && { yearFrom: query.year_from }),
    ...(query.year_to !== undefined && { yearTo: query.year_to }),
    ...(query.limit !== undefined && { limit: query.limit }),
    excludeTv: query.exclude_tv === undefined || query.exclude_tv === 'true' || query.exclude_tv === '1',
  });

  app.openapi(sourceRoute, async (c) => {
    const { username, source } = c.req.valid('param');
    const query = c.req.valid('query');
    const { body, unmatched } = await serve(definitionOf(username, source, query), query.key, clientSignal(c));
    return c.json(body, 200, { [UNMATCHED_HEADER]: String(unmatched) });
  });

  app.openapi(listRoute, async (c) => {
    const { username, slug } = c.req.valid('param');
    const query = c.req.valid('query');
    const { body, unmatched } = await serve(definitionOf(username, 'list', query, slug), query.key, clientSignal(c));
    return c.json(body, 200, { [UNMATCHED_HEADER]: String(unmatched) });
  });
}
