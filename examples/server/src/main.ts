/**
 * Entry point: `tsx --conditions=@lbx/source examples/server/src/main.ts` (or `pnpm --filter
 * @lbx/example-server start`). Reads `.env` when present, validates the environment, listens, and shuts down
 * gracefully on SIGTERM/SIGINT (a second signal exits at once).
 */
import { ConfigError, createLogger, loadDotEnv } from '@lbx/example-shared';
import { loadServerConfig } from './config';
import { startServer } from './server';

async function main(): Promise<number> {
  loadDotEnv();
  let config;
  try {
    config = loadServerConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level, format: config.log.format });
  const server = await startServer(config, { logger });
  logger.info(`lbx server listening on ${server.url} (docs at ${server.url}/docs)`, {
    auth: config.apiToken === null ? 'off (loopback only)' : 'bearer',
    sync: server.app.runtime.unavailableReason ?? 'available',
    cache_ttl_s: config.cacheTtlSeconds,
  });

  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        logger.warn(`${signal} again: exiting now`);
        resolve(130);
        return;
      }
      logger.info(`${signal} received`);
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error });
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lbx server failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
