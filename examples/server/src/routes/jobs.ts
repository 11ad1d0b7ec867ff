import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { summarize, type MemberOutcome } from '@lbx/example-shared';
import { normalizeUsernames } from '@lbx/sync';
import type { AppContext } from '../app-context';
import { requireBearer } from '../auth';
import { MAX_QUEUED_JOBS, type Job } from '../job-runner';
import { validationError } from '../http-errors';
import { requireJsonBody } from '../json-body-guard';
import { BEARER_ERRORS, errorResponses, jsonResponse } from '../openapi-responses';
import { provenanceToJson } from '../provenance-json';
import { JobParams, JobState, SyncRequest, SyncStarted } from '../schemas';

/** Largest `POST /jobs/sync-tmdb` body accepted. */
const MAX_SYNC_BODY_BYTES = 64 * 1024;

export function registerJobRoutes(app: OpenAPIHono, ctx: AppContext): void {
  const syncRoute = createRoute({
    method: 'post',
    path: '/jobs/sync-tmdb',
    tags: ['jobs'],
    summary:
      "Start a background job syncing each member's top-rated films to their own TMDb list, and list definitions of LBX_LISTS_FILE by id",
    security: [{ bearerAuth: [] }],
    middleware: [
      requireBearer(ctx.config.apiToken),
      // 100 usernames of 100 characters fit in about 10 KB: a bigger body is not a sync request.
      bodyLimit({
        maxSize: MAX_SYNC_BODY_BYTES,
        onError: (c) => c.json({ detail: `The body is larger than ${MAX_SYNC_BODY_BYTES / 1024} KB.` }, 413),
      }),
      requireJsonBody(),
    ] as const,
    request: { body: { required: true, content: { 'application/json': { schema: SyncRequest } } } },
    responses: {
      200: jsonResponse('Job started', SyncStarted),
      ...errorResponses({
        ...BEARER_ERRORS,
        413: 'Body over 64 KB',
        422: 'Invalid body, or a list id LBX_LISTS_FILE does not define',
        429: `${MAX_QUEUED_JOBS} jobs are already waiting (see Retry-After)`,
        503: 'Sync disabled, TMDb credentials missing, or the server is shutting down',
      }),
    },
  });

  const jobRoute = createRoute({
    method: 'get',
    path: '/jobs/{job_id}',
    tags: ['jobs'],
    summary: "A sync job's status and per-member results",
    security: [{ bearerAuth: [] }],
    // Same auth as starting a sync: results carry list ids and upstream error messages.
    middleware: [requireBearer(ctx.config.apiToken)] as const,
    request: { params: JobParams },
    responses: {
      200: jsonResponse('Job state', JobState),
      ...errorResponses({ ...BEARER_ERRORS, 404: 'Unknown (or expired) job id' }),
    },
  });

  app.openapi(syncRoute, async (c) => {
    const { usernames, lists: listIds, dry_run: dryRun, force } = c.req.valid('json');
    const unique = normalizeUsernames(usernames);
    const defined = ctx.config.lists?.lists ?? [];
    const unknown = listIds.flatMap((id, index) => (defined.some((list) => list.id === id) ? [] : [{ id, index }]));
    if (unknown.length > 0) {
      return validationError(
        c,
        unknown.map(({ id, index }) => ({
          loc: ['body', 'lists', index],
          msg:
            `Unknown list definition id ${JSON.stringify(id)}: ` +
            (defined.length === 0 ? 'this server has no LBX_LISTS_FILE.' : `GET /lists shows the ids (${defined.map((list) => list.id).join(', ')}).`),
          type: 'value_error',
        })),
      );
    }
    const lists = [...new Set(listIds)];
    if (ctx.runtime.unavailableReason !== null) {
      return c.json({ detail: ctx.runtime.unavailableReason }, 503);
    }
    if (ctx.jobs.closing) {
      return c.json({ detail: 'The server is shutting down; try again shortly.' }, 503);
    }
    if ((await ctx.jobs.stats()).queued >= MAX_QUEUED_JOBS) {
      return c.json(
        { detail: `${MAX_QUEUED_JOBS} sync jobs are already waiting; try again once some have run (GET /jobs/{job_id}).` },
        429,
        { 'Retry-After': '60' },
      );
    }
    const job = await ctx.jobs.submit(unique, { dryRun, force, lists });
    const what = `${unique.length} user(s)${lists.length > 0 ? ` and ${lists.length} list definition(s)` : ''}`;
    return c.json(
      {
        message: dryRun
          ? `TMDb sync dry run started for ${what}: nothing is written; GET /jobs/${job.id} shows what would change.`
          : `TMDb sync job started for ${what}. ${lists.length > 0 ? 'Each user and each list definition keeps its own TMDb list.' : 'Each user will get their own list.'}`,
        usernames: unique,
        ...(lists.length > 0 && { lists }),
        job_started: true as const,
        job_id: job.id,
        dry_run: dryRun,
        force,
      },
      200,
    );
  });

  // Registered before `/jobs/{job_id}`: a GET of the sync endpoint is a wrong method, not a job called "sync-tmdb".
  app.get('/jobs/sync-tmdb', (c) => c.json({ detail: 'Method Not Allowed' }, 405, { Allow: 'POST' }));

  app.openapi(jobRoute, async (c) => {
    const { job_id } = c.req.valid('param');
    const job = await ctx.jobs.get(job_id);
    if (!job) return c.json({ detail: `Job not found: ${job_id} (finished jobs are kept for a while, not forever).` }, 404);
    return c.json(jobToJson(job), 200);
  });
}

/** A job as `GET /jobs/{job_id}` returns it. */
export function jobToJson(job: Job) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    job_id: job.id,
    status: job.status,
    usernames: job.usernames,
    lists: job.lists,
    dry_run: job.dryRun,
    force: job.force,
    created_at: new Date(job.createdAt).toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
    summary: summarize(job.results),
    results: job.results.map(outcomeToJson),
  };
}

/** A member's outcome as job results (and the sync preview) show it. */
export function outcomeToJson(outcome: MemberOutcome) {
  return {
    username: outcome.username,
    definition_id: outcome.definitionId ?? null,
    status: outcome.status,
    source: outcome.source,
    source_notes: outcome.sourceNotes.map((note) => note.message),
    list_id: outcome.listId,
    list_created: outcome.listCreated,
    films_found: outcome.filmsFound,
    matched: outcome.matched,
    matched_films: outcome.matchedFilms.map((film) => ({
      title: film.title,
      year: film.year,
      slug: film.slug,
      rating: film.rating,
      tmdb_id: film.mediaId,
      media_type: film.mediaType,
      via: film.via,
      method: film.method,
      rating_source: provenanceToJson(film.provenance?.rating),
      liked_source: provenanceToJson(film.provenance?.liked),
    })),
    added: outcome.added,
    removed: outcome.removed,
    reordered: outcome.reordered,
    not_matched: outcome.notMatched.map((film) => ({ slug: film.slug, title: film.title, year: film.year, reason: film.reason })),
    dry_run: outcome.dryRun,
    error: outcome.error,
    duration_ms: outcome.durationMs,
  };
}
