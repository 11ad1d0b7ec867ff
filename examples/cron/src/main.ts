/**
 * Entry point of the scheduled runner: `tsx --conditions=@lbx/source examples/cron/src/main.ts [--once]`.
 * Reads `.env` when present; see `runCli` for flags and exit codes.
 */
import { loadDotEnv } from '@lbx/example-shared';
import { runCli } from './cli';

loadDotEnv();
runCli({
  argv: process.argv.slice(2),
  env: process.env,
  onSignal: (handler) => {
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
    return () => {
      process.off('SIGTERM', handler);
      process.off('SIGINT', handler);
    };
  },
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`lbx cron runner crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
