import { OpenAPIHono } from '@hono/zod-openapi';
import {
  createLogger,
  createSyncRuntime,
  type Logger,
  type SyncRuntime,
  type SyncRuntimeOverrides,
} from '@lbx/example-shared';
import packageJson from '../package.json' with { type: 'json' };
import type { AppContext } from './app-context';
import type { ServerConfig } from './config';
import { errorResponse, locationOf, validationError } from './http-errors';
import { createDashboard } from './dashboard/routes';
import { createJobActivity, type JobActivity } from './job-activity';
import { createJobRunner, type JobRunner } from './job-runner';
import { registerDocsUi } from './docs-ui';
import { createLetterboxdReads } from './letterboxd-reads';
import { readRateLimit } from './read-rate-limit';
import { readRuntimeFor } from './read-runtime';
import { registerExportRoutes } from './routes/export';
import { registerHealthRoutes } from './routes/health';
import { registerJobRoutes } from './routes/jobs';
import { registerLedgerRoutes } from './routes/ledger';
import { registerListRoutes } from './routes/lists';
import { registerOverrideRoutes } from './routes/overrides';
import { registerRadarrRoutes } from './routes/radarr';
import { registerSyncPreviewRoute } from './routes/sync-preview';
import { registerTmdbSearchRoute } from './routes/tmdb-search';
import { registerUserRoutes } from './routes/users';
import { refuseCrossSite } from './security/cross-site-guard';
import { LOOPBACK_HOST_NAMES, requireAllowedHost } from './security/host-allow-list';
import { securityHeaders } from './security/security-headers';
import { createReadCache, type ReadCache } from './read-cache';

/** What `createApp` can be given instead of building it from the configuration (tests, the benchmark). */
export interface AppDeps extends SyncRuntimeOverrides {
  /** A complete sync runtime (clients + store); overrides `letterboxd`, `tmdb`, `store` and `fetch`. */
  runtime?: SyncRuntime;
  /** Logger. Default: one built from `LOG_LEVEL`/`LOG_FORMAT`. */
  logger?: Logger;
  /** Clock in epoch milliseconds (cache expiry, job times, uptime). Default `Date.now`. */
  now?: () => number;
  /** The job runner. Default: in this process (`startServer` passes the PostgreSQL one with `DATABASE_URL`). */
  jobs?: JobRunner;
  /** Live job progress and each member's last run (the dashboard). Default: a new in-process record. */
  activity?: JobActivity;
  /**
   * What the read endpoints read Letterboxd with. Default: {@link createReadRuntime} over the runtime (a client
   * of their own with a bounded queue); an injected `runtime` or `letterboxd` (tests) is used as it is.
   */
  readRuntime?: SyncRuntime;
  /** Members the dashboard lists even before they have a list or a run (the sandbox's demo members). */
  members?: readonly string[];
}

/** The Hono app, plus the pieces its owner needs for a graceful shutdown and for inspection. */
export type LbxApp = OpenAPIHono & {
  /** The background sync jobs; `jobs.shutdown()` lets the current member finish and stops the rest. */
  readonly jobs: JobRunner;
  /** The Letterboxd read cache. */
  readonly cache: ReadCache;
  /** The clients and store the app uses. */
  readonly runtime: SyncRuntime;
};

/** Paths and the methods they answer, for the 405 responses (FastAPI answers 405 for a known path). */
const ALLOWED_METHODS: Record<string, string> = {
  '/health': 'GET, HEAD',
  '/health/details': 'GET, HEAD',
  '/users/:username': 'GET, HEAD',
  '/users/:username/watchlist': 'GET, HEAD',
  '/users/:username/top-rated': 'GET, HEAD',
  '/users/:username/sync-preview': 'GET, HEAD',
  '/users/:username/export': 'POST',
  '/lists': 'GET, HEAD',
  '/jobs/sync-tmdb': 'POST',
  '/jobs/:job_id': 'GET, HEAD',
  '/overrides': 'GET, HEAD',
  '/overrides/:key': 'PUT, DELETE',
  '/tmdb/search': 'GET, HEAD',
  '/openapi.json': 'GET, HEAD',
  '/docs': 'GET, HEAD',
};

/**
 * Build the HTTP API (a Hono app: serve it with `@hono/node-server`, or call `app.request()` in tests).
 * Nothing is fetched until a request arrives. Routes, shapes and status codes: see examples/server/README.md or
 * `GET /openapi.json`.
 */
export function createApp(config: ServerConfig, deps: AppDeps = {}): LbxApp {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger({ level: config.log.level, format: config.log.format });
  const runtime = deps.runtime ?? createSyncRuntime(config, { logger, ...deps });
  const cache = createReadCache({ ttlMs: config.cacheTtlSeconds * 1000, now });
  const activity = deps.activity ?? createJobActivity();
  const jobs =
    deps.jobs ?? createJobRunner({ runtime, sync: config.sync, lists: config.lists?.lists ?? [], logger, now, observer: activity });
  const readRuntime = readRuntimeFor(config, runtime, { ...deps, logger });
  const ctx: AppContext = {
    config,
    runtime,
    readRuntime,
    reads: createLetterboxdReads(readRuntime, cache, config.letterboxd.baseUrl),
    cache,
    jobs,
    activity,
    dashboardMembers: deps.members ?? [],
    logger,
    now,
    startedAt: now(),
    version: packageJson.version,
  };

  const app = new OpenAPIHono({
    // `/users/alice/` answers like `/users/alice`.
    strict: false,
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      return validationError(
        c,
        result.error.issues.map((issue) => ({
          loc: [locationOf(result.target), ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
          msg: issue.message,
          type: issue.code,
        })),
      );
    },
  });

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    // Health checks (Docker, load balancers) poll every few seconds: debug, unless they fail.
    const quiet = status < 400 && (c.req.path === '/health' || c.req.path === '/health/details');
    const log = status >= 500 ? logger.error : status >= 400 ? logger.warn : quiet ? logger.debug : logger.info;
    log(`${c.req.method} ${c.req.path} ${status}`, { ms: Math.round(performance.now() - started) });
  });
  app.use(securityHeaders());
  if (config.apiToken === null || config.allowedHosts.length > 0) {
    // Loopback mode: only local names (DNS rebinding); with a token, only when ALLOWED_HOSTS narrows it.
    const listen = config.host === '0.0.0.0' || config.host === '::' ? [] : [config.host.replace(/^\[|\]$/g, '')];
    app.use(requireAllowedHost([...LOOPBACK_HOST_NAMES, ...listen, ...config.allowedHosts]));
  }
  app.use(refuseCrossSite(config.allowedHosts));
  const rateLimit = readRateLimit(config.reads.perMinute);
  app.use('/users/*', rateLimit);
  app.use('/radarr/*', rateLimit);
  app.onError((error, c) => errorResponse(c, error, logger));
  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The server\'s API_TOKEN, when it is set: required by every POST, PUT and DELETE endpoint and by the routes marked with it.',
  });
  registerHealthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerSyncPreviewRoute(app, ctx);
  registerExportRoutes(app, ctx);
  registerLedgerRoutes(app, ctx);
  registerListRoutes(app, ctx);
  registerJobRoutes(app, ctx);
  registerRadarrRoutes(app, ctx);
  registerOverrideRoutes(app, ctx);
  registerTmdbSearchRoute(app, ctx);
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'lbx server',
      version: packageJson.version,
      description: "Letterboxd members' profiles, watchlists and top-rated films, and syncs to TMDb lists.",
    },
  });
  registerDocsUi(app);
  // The operator dashboard (HTML) lives under /ui; a browser opening / is sent there, any other client gets the 404 as before.
  app.route('/ui', createDashboard(ctx));
  app.get('/', (c) =>
    (c.req.header('accept') ?? '').includes('text/html') ? c.redirect('/ui', 303) : c.json({ detail: 'Not Found' }, 404),
  );

  for (const [path, allow] of Object.entries(ALLOWED_METHODS)) {
    app.all(path, (c) => c.json({ detail: 'Method Not Allowed' }, 405, { Allow: allow }));
  }

  return Object.assign(app, { jobs, cache, runtime });
}

