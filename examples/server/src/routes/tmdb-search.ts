import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../app-context';
import { requireBearer } from '../auth';
import { TmdbSearchQuery, TmdbSearchResult } from '../override-schemas';
import { BEARER_ERRORS, errorResponses, jsonResponse } from '../openapi-responses';
import { searchTmdbCandidates } from '../tmdb-candidates';
import { clientSignal } from '../client-signal';

/** `GET /tmdb/search?query=&year=`: TMDb's movie and TV searches side by side, for the pin form. */
export function registerTmdbSearchRoute(app: OpenAPIHono, ctx: AppContext): void {
  const searchRoute = createRoute({
    method: 'get',
    path: '/tmdb/search',
    tags: ['overrides'],
    summary: 'TMDb movies and series matching a title (and year): candidates for a match override',
    security: [{ bearerAuth: [] }],
    middleware: [requireBearer(ctx.config.apiToken)] as const,
    request: { query: TmdbSearchQuery },
    responses: {
      200: jsonResponse('Candidates, movies first', TmdbSearchResult),
      ...errorResponses({ ...BEARER_ERRORS, 422: 'Invalid query', 502: 'TMDb could not be searched', 503: 'TMDb credentials missing' }),
    },
  });

  app.openapi(searchRoute, async (c) => {
    const { query, year } = c.req.valid('query');
    const tmdb = ctx.runtime.tmdb;
    if (tmdb === null) return c.json({ detail: ctx.runtime.unavailableReason ?? 'TMDb credentials are missing.' }, 503);
    const options = { ...(year !== undefined && { year }), signal: clientSignal(c) };
    try {
      const candidates = await searchTmdbCandidates(tmdb, query, options);
      const results = candidates.map((candidate) => ({
        tmdb_id: candidate.tmdbId,
        media_type: candidate.mediaType,
        title: candidate.title,
        year: candidate.year,
        poster_path: candidate.posterPath,
      }));
      return c.json({ results }, 200);
    } catch (error) {
      clientSignal(c).throwIfAborted();
      const detail = error instanceof Error ? error.message : String(error);
      return c.json({ detail: `Searching TMDb for ${JSON.stringify(query)} failed: ${detail}` }, 502);
    }
  });
}
