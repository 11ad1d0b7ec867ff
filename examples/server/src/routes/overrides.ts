import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isSyncError, listOverrides, removeOverride, setOverride, SyncOverrideError, type ListedOverride } from '@lbx/sync';
import type { AppContext } from '../app-context';
import { requireBearer } from '../auth';
import { requireJsonBody } from '../json-body-guard';
import { OverrideJson, OverrideList, OverrideParams, OverrideRequest } from '../override-schemas';
import { BEARER_ERRORS, errorResponses, jsonResponse } from '../openapi-responses';
import { clientSignal } from '../client-signal';

/** Largest `PUT /overrides/{key}` body accepted (a pin is about 40 bytes). */
const MAX_OVERRIDE_BODY_BYTES = 4 * 1024;

/** An override as the API shows it (snake_case, pin fields `null` for an exclusion). */
export function overrideToJson(override: ListedOverride) {
  const pin = override.kind === 'pin' ? override : null;
  return {
    key: override.key,
    kind: override.kind,
    tmdb_id: pin?.tmdbId ?? null,
    media_type: pin?.mediaType ?? null,
    title: pin?.title ?? null,
    year: pin?.year ?? null,
    set_at: override.setAt,
  };
}

/**
 * `GET /overrides`, `PUT /overrides/{key}`, `DELETE /overrides/{key}`: the match overrides of `@lbx/sync`
 * (pin a film to a TMDb id, or exclude it), behind the bearer token like the sync.
 */
export function registerOverrideRoutes(app: OpenAPIHono, ctx: AppContext): void {
  const auth = requireBearer(ctx.config.apiToken);
  const storeError = { 503: 'The mapping store could not be read or written' } as const;

  const listRoute = createRoute({
    method: 'get',
    path: '/overrides',
    tags: ['overrides'],
    summary: 'Every match override (films pinned to a TMDb id, or excluded), by film key',
    security: [{ bearerAuth: [] }],
    middleware: [auth] as const,
    responses: {
      200: jsonResponse('The overrides', OverrideList),
      ...errorResponses({ ...BEARER_ERRORS, ...storeError }),
    },
  });

  const putRoute = createRoute({
    method: 'put',
    path: '/overrides/{key}',
    tags: ['overrides'],
    summary: 'Pin a film to a TMDb movie or series (checked on TMDb first), or exclude it from every list',
    security: [{ bearerAuth: [] }],
    middleware: [
      auth,
      bodyLimit({
        maxSize: MAX_OVERRIDE_BODY_BYTES,
        onError: (c) => c.json({ detail: `The body is larger than ${MAX_OVERRIDE_BODY_BYTES / 1024} KB.` }, 413),
      }),
      requireJsonBody(),
    ] as const,
    request: {
      params: OverrideParams,
      body: { required: true, content: { 'application/json': { schema: OverrideRequest } } },
    },
    responses: {
      200: jsonResponse('The override as stored; the next sync uses it', OverrideJson),
      ...errorResponses({
        ...BEARER_ERRORS,
        403: 'Sent by a page of another site',
        413: 'Body over 4 KB',
        422: 'Invalid key or body, or an id TMDb does not know (the detail names it; nothing was stored)',
        502: 'TMDb could not be asked (nothing was stored)',
        503: 'TMDb credentials missing, or the mapping store could not be read or written',
      }),
    },
  });

  const deleteRoute = createRoute({
    method: 'delete',
    path: '/overrides/{key}',
    tags: ['overrides'],
    summary: "Remove a film's override: the next sync resolves it as before",
    security: [{ bearerAuth: [] }],
    middleware: [auth] as const,
    request: { params: OverrideParams },
    responses: {
      204: { description: 'Removed' },
      ...errorResponses({ ...BEARER_ERRORS, 403: 'Sent by a page of another site', 404: 'The film has no override', ...storeError }),
    },
  });

  app.openapi(listRoute, async (c) => {
    try {
      return c.json({ overrides: (await listOverrides(ctx.runtime.store)).map(overrideToJson) }, 200);
    } catch (error) {
      return storeFailure(c, error);
    }
  });

  app.openapi(putRoute, async (c) => {
    const { key } = c.req.valid('param');
    const body = c.req.valid('json');
    const tmdb = ctx.runtime.tmdb;
    if ('tmdb_id' in body && tmdb === null) {
      return c.json({ detail: ctx.runtime.unavailableReason ?? 'TMDb credentials are missing.' }, 503);
    }
    try {
      const input = 'tmdb_id' in body ? { key, tmdbId: body.tmdb_id, mediaType: body.media_type } : { key, exclude: true as const };
      // An exclusion never asks TMDb, so it works without a client.
      const override = await setOverride(ctx.runtime.store, tmdb, input, { signal: clientSignal(c) });
      ctx.logger.info('match override set', { key, kind: override.kind });
      return c.json(overrideToJson({ key, ...override }), 200);
    } catch (error) {
      if (error instanceof SyncOverrideError) {
        if (error.reason === 'tmdb-unavailable') return c.json({ detail: error.message }, 502);
        if (error.reason === 'no-override-store') return c.json({ detail: error.message }, 503);
        return c.json({ detail: error.message }, 422);
      }
      return storeFailure(c, error);
    }
  });

  app.openapi(deleteRoute, async (c) => {
    const { key } = c.req.valid('param');
    try {
      if (!(await removeOverride(ctx.runtime.store, key))) return c.json({ detail: `The film ${JSON.stringify(key)} has no override.` }, 404);
    } catch (error) {
      return storeFailure(c, error);
    }
    ctx.logger.info('match override removed', { key });
    return c.body(null, 204);
  });
}

/** The store's own failures (a corrupt overrides file, the database down) answer 503 with what to fix. */
function storeFailure(c: Context, error: unknown) {
  if (isSyncError(error)) return c.json({ detail: error.message }, 503);
  throw error;
}
