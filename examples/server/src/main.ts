/**
 * Entry point: `tsx --conditions=@lbx/source examples/server/src/main.ts` (or `npx -y pnpm@12.4.2 server` from
 * the repository root). Reads `.env` when present, starts the in-process fakes with `LBX_SANDBOX=1`, validates
 * the environment, listens, and shuts down gracefully on SIGTERM/SIGINT (a second signal exits at once).
 */
import { ConfigError, createLogger, loadDotEnv, sandboxRequested } from '@lbx/example-shared';
import type { Sandbox } from '@lbx/example-shared/sandbox';
import { loadServerConfig } from './config';
import { startServer } from './server';

async function main(): Promise<number> {
  loadDotEnv();
  let config;
  let sandbox: Sandbox | null = null;
  try {
    // LBX_SANDBOX=1: the fake Letterboxd and fake TMDb run in this process and their variables win.
    if (sandboxRequested(process.env)) sandbox = await (await import('@lbx/example-shared/sandbox')).startSandbox();
    config = loadServerConfig(sandbox ? { ...process.env, ...sandbox.env } : process.env);
  } catch (error) {
    await sandbox?.close();
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level, format: config.log.format });
  for (const line of sandbox?.describe() ?? []) logger.info(line);
  const server = await startServer(config, { logger, ...(sandbox && { members: sandbox.members }) });
  logger.info(`lbx server listening on ${server.url} (dashboard at ${server.url}/ui, docs at ${server.url}/docs)`, {
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
        () => sandbox?.close().then(() => resolve(0)) ?? resolve(0),
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
