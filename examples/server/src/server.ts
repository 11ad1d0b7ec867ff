import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { createLogger, createSyncRuntime, startJobQueue, type Logger } from '@lbx/example-shared';
import { readRuntimeFor } from './read-runtime';
import { createApp, type AppDeps, type LbxApp } from './app';
import type { ServerConfig } from './config';
import { createJobActivity } from './job-activity';
import { createPgJobRunner } from './pg-job-runner';

/** A listening server. */
export interface RunningServer {
  /** `http://host:port`, with the port actually bound (useful with `PORT=0`). */
  url: string;
  port: number;
  app: LbxApp;
  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests finish (connections still open
   * after `forceAfterMs` are cut), and let a running sync job finish its current member (its mapping is saved
   * by the sync) while the job's remaining members and queued jobs are cancelled. Idempotent.
   */
  close(options?: { forceAfterMs?: number }): Promise<void>;
}

/**
 * Build the app from `config` and listen on `config.host:config.port`. With `DATABASE_URL` the sync jobs go
 * through the PostgreSQL queue shared by every replica. Rejects when the port cannot be bound or the database
 * cannot be reached.
 */
export async function startServer(config: ServerConfig, deps: AppDeps = {}): Promise<RunningServer> {
  const logger: Logger = deps.logger ?? createLogger({ level: config.log.level, format: config.log.format });
  const runtime = deps.runtime ?? createSyncRuntime(config, { logger, ...deps });
  const activity = deps.activity ?? createJobActivity();
  let jobs = deps.jobs;
  if (jobs === undefined && config.databaseUrl !== null) {
    const queue = await startJobQueue({ connectionString: config.databaseUrl, logger });
    jobs = await createPgJobRunner({ queue, runtime, sync: config.sync, lists: config.lists?.lists ?? [], logger, observer: activity });
  }
  // Reads get a bounded client of their own unless the caller injected the clients (tests).
  const readRuntime = readRuntimeFor(config, runtime, { ...deps, logger });
  const app = createApp(config, { ...deps, logger, runtime, readRuntime, activity, ...(jobs && { jobs }) });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;

  const listening = new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${config.port} on ${config.host} is already in use: stop the other process or set PORT.`
            : `Cannot listen on ${config.host}:${config.port}: ${error.message}`,
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  await listening.catch(async (error: unknown) => {
    // Nothing will serve: let go of the job queue and the database connections before reporting it.
    await app.jobs.shutdown();
    if (deps.runtime === undefined) await runtime.close?.();
    throw error;
  });

  const { port } = server.address() as AddressInfo;
  // A wildcard bind (0.0.0.0, ::) is not an address a browser can open: show the loopback one instead.
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host === '::' ? '::1' : config.host;
  const host = shown.includes(':') ? `[${shown}]` : shown;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${port}`,
    port,
    app,
    close(options = {}) {
      closing ??= (async () => {
        logger.info('shutting down: no new connections; waiting for in-flight requests and the current sync member');
        const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive connections become idle once their in-flight response is sent: close them as they do.
        server.closeIdleConnections();
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const force = setTimeout(() => server.closeAllConnections(), options.forceAfterMs ?? 30_000);
        sweep.unref();
        force.unref();
        await Promise.all([
          httpClosed.finally(() => {
            clearInterval(sweep);
            clearTimeout(force);
          }),
          app.jobs.shutdown(),
        ]);
        if (deps.runtime === undefined) await runtime.close?.();
        logger.info('shutdown complete');
      })();
      return closing;
    },
  };
}
