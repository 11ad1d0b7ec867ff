import { createLetterboxdClient } from '@lbx/letterboxd';
import { createSyncRuntime, type Logger, type SyncRuntime, type SyncRuntimeOverrides } from '@lbx/example-shared';
import type { ServerConfig } from './config';

/**
 * What the read endpoints read Letterboxd with: `runtime` again (its store and TMDb client), but with a
 * Letterboxd client of its own whose queue is bounded (`READ_QUEUE_MAX`; one more read answers 503 +
 * `Retry-After`), so that reads neither pile up nor delay the syncs, which keep the runtime's client.
 */
export function createReadRuntime(
  config: ServerConfig,
  runtime: SyncRuntime,
  deps: Pick<SyncRuntimeOverrides, 'fetch'> & { logger: Logger },
): SyncRuntime {
  const letterboxd = createLetterboxdClient({
    baseUrl: config.letterboxd.baseUrl,
    ...(config.letterboxd.minDelayMs !== undefined && { minDelayMs: config.letterboxd.minDelayMs }),
    ...(config.letterboxd.concurrency !== undefined && { concurrency: config.letterboxd.concurrency }),
    maxQueue: config.reads.maxQueue,
    ...(deps.fetch && { fetch: deps.fetch }),
    logger: deps.logger,
  });
  return createSyncRuntime(config, {
    ...(deps.fetch && { fetch: deps.fetch }),
    logger: deps.logger,
    letterboxd,
    store: runtime.store,
    tmdb: runtime.tmdb,
  });
}

/**
 * The read runtime for `createApp`/`startServer`: `deps.readRuntime`, else `runtime` itself when the caller
 * injected the clients (`deps.runtime` or `deps.letterboxd`: tests), else {@link createReadRuntime}.
 */
export function readRuntimeFor(
  config: ServerConfig,
  runtime: SyncRuntime,
  deps: Pick<SyncRuntimeOverrides, 'fetch' | 'letterboxd'> & { runtime?: SyncRuntime; readRuntime?: SyncRuntime; logger: Logger },
): SyncRuntime {
  if (deps.readRuntime !== undefined) return deps.readRuntime;
  if (deps.runtime !== undefined || deps.letterboxd !== undefined) return runtime;
  return createReadRuntime(config, runtime, deps);
}
