import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { isLetterboxdError } from '@lbx/letterboxd';
import { syncMembers } from '@lbx/example-shared';
import type { AppContext } from '../app-context';
import { apiForceHint } from '../job-runner';
import { errorResponses, jsonResponse } from '../openapi-responses';
import { SyncPreview, SyncPreviewQuery, UsernameParams } from '../schemas';
import { outcomeToJson } from './jobs';

const previewRoute = createRoute({
  method: 'get',
  path: '/users/{username}/sync-preview',
  tags: ['users'],
  summary: "Exactly what a sync would write to the member's TMDb list now (a dry run: nothing is written)",
  request: { params: UsernameParams, query: SyncPreviewQuery },
  responses: {
    200: jsonResponse('The planned list and changes', SyncPreview),
    ...errorResponses({
      403: "The member's page is private",
      404: 'Unknown Letterboxd member ("User not found")',
      422: 'Invalid username or query',
      502: 'Letterboxd blocked the request, or planning failed otherwise (TMDb, the stored export, the store)',
      503: 'Sync disabled or TMDb credentials missing; Letterboxd rate-limiting us',
    }),
  },
});

/**
 * `GET /users/{username}/sync-preview`: the sync's own dry run for one member (same source, limit, order,
 * matching and diff as a job), so the preview and the sync cannot disagree.
 */
export function registerSyncPreviewRoute(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(previewRoute, async (c) => {
    const { username } = c.req.valid('param');
    const query = c.req.valid('query');
    if (ctx.runtime.unavailableReason !== null) return c.json({ detail: ctx.runtime.unavailableReason }, 503);
    const sync = {
      ...ctx.config.sync,
      ...(query.limit !== undefined && { limit: query.limit }),
      ...(query.sort_by !== undefined && { sortBy: query.sort_by }),
      ...(query.sort_order !== undefined && { order: query.sort_order }),
    };
    const [outcome] = await syncMembers([username], ctx.runtime, { sync, dryRun: true, forceHint: apiForceHint, now: ctx.now });
    if (outcome === undefined) return c.json({ detail: 'The sync planned nothing for this member.' }, 502);
    if (outcome.status === 'failed') {
      // Letterboxd's failures answer as on the other /users routes (404 unknown, 403 private, 502, 503).
      const cause = (outcome.failure as { cause?: unknown } | undefined)?.cause;
      if (isLetterboxdError(cause)) throw cause;
      return c.json({ detail: `Planning the sync of "${outcome.username}" failed: ${outcome.error ?? 'unknown error'}` }, 502);
    }
    return c.json({ ...outcomeToJson(outcome), limit: sync.limit, sort_by: sync.sortBy, sort_order: sync.order }, 200);
  });
}
