import { parseArgs } from 'node:util';
import {
  ConfigError,
  sandboxRequested,
  USERNAME_PATTERN,
  createLogger,
  createSyncRuntime,
  startJobQueue,
  type ConfiguredList,
  type Env,
  type Logger,
  type SyncRuntimeOverrides,
} from '@lbx/example-shared';
import type { Sandbox } from '@lbx/example-shared/sandbox';
import { loadCronConfig, type CronConfig } from './config';
import { createCronRunner } from './cron-runner';
import { defaultRunFiles } from './run-state';
import { createScheduledRunQueue } from './scheduled-run-queue';

/** Usage text of the runner. */
export const USAGE = `Usage: lbx-cron [--once] [--dry-run] [--only <username|list id>]... [--force] [--help]

Keeps each member's TMDb list equal to their top-rated Letterboxd films, and each list definition of
LBX_LISTS_FILE (watchlists, liked, rated films, members' lists, filtered) equal to its films.

  (no flag)          with CRON_ENABLED=true, run on CRON_SCHEDULE (CRON_TIMEZONE) until SIGTERM/SIGINT
  --once             run immediately for CRON_TARGET_USERS and LBX_LISTS_FILE, and exit (1 if any list
                     failed or was skipped)
  --dry-run          read everything, write nothing to TMDb, report what would change
  --only <name>      with --once: sync only this (repeat for more): a list definition id of LBX_LISTS_FILE,
                     or a member (their top-rated list, and every definition of theirs)
  --force            with --once: apply the sync even when a safety valve refuses it (an empty list,
                     removing more than half of it); combine with --only to force one list
  --help             show this text

Configuration comes from the environment (and .env); see examples/server/README.md.
Exit codes: 0 ok, 1 a user failed, 2 bad configuration or arguments, 130 forced stop (second signal).`;

/** Options of {@link runCli}: everything the process provides, injectable for tests. */
export interface CliOptions {
  argv: readonly string[];
  env: Env;
  /** Default: built from LOG_LEVEL/LOG_FORMAT, writing to stdout/stderr. */
  logger?: Logger;
  /** Where usage and configuration errors go. Default `process.stderr`. */
  writeError?: (text: string) => void;
  /** Where `--help` goes. Default `process.stdout`. */
  writeOut?: (text: string) => void;
  /** Clients/store to use instead of building them from the configuration. */
  overrides?: SyncRuntimeOverrides;
  /**
   * Subscribe to termination signals; returns an unsubscribe function. The first signal stops gracefully
   * (the current member finishes), a second one makes `runCli` resolve with 130 at once.
   */
  onSignal?: (handler: (signal: string) => void) => () => void;
}

/**
 * What `--only` selects: each name is a definition id of `LBX_LISTS_FILE` (that definition), or a member (their
 * top-rated list, and every definition of theirs). Without `--only`: `CRON_TARGET_USERS` and every definition.
 * A name that is neither gives the message to print.
 */
function selectOnly(only: string[] | undefined, config: CronConfig): { users: string[]; lists: ConfiguredList[] } | string {
  const all = config.lists?.lists ?? [];
  if (only === undefined) return { users: config.users, lists: all };
  const users = new Set<string>();
  const lists = new Set<ConfiguredList>();
  for (const name of only) {
    const byId = all.filter((list) => list.id === name);
    if (!USERNAME_PATTERN.test(name) && byId.length === 0) {
      return (
        `--only ${JSON.stringify(name)} is neither a Letterboxd username (1–100 letters, digits, "_" or "-") nor a list ` +
        `definition id of LBX_LISTS_FILE${all.length > 0 ? ` (ids: ${all.map((list) => list.id).join(', ')})` : ''}.`
      );
    }
    byId.forEach((list) => lists.add(list));
    if (byId.length === 0) {
      const member = name.toLowerCase();
      users.add(member);
      all.filter((list) => list.member === member).forEach((list) => lists.add(list));
    }
  }
  return { users: [...users], lists: all.filter((list) => lists.has(list)) };
}

type Flags = { once?: boolean; 'dry-run'?: boolean; only?: string[]; force?: boolean; help?: boolean };

/**
 * Run the cron CLI; resolves with the process exit code. With `LBX_SANDBOX=1` in `env` it first starts the fake
 * Letterboxd and fake TMDb in this process and points the run at them (see `@lbx/example-shared/sandbox`).
 */
export async function runCli(options: CliOptions): Promise<number> {
  const writeError = options.writeError ?? ((text: string) => void process.stderr.write(`${text}\n`));
  let flags: Flags;
  try {
    flags = parseArgs({
      args: [...options.argv],
      options: {
        once: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        only: { type: 'string', multiple: true },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    writeError(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    (options.writeOut ?? ((text: string) => void process.stdout.write(`${text}\n`)))(USAGE);
    return 0;
  }
  const onceOnly = (['only', 'force'] as const).filter((flag) => flags[flag] !== undefined && !flags.once);
  if (onceOnly.length > 0) {
    writeError(
      `${onceOnly.map((flag) => `--${flag}`).join(' and ')} ${onceOnly.length === 1 ? 'applies' : 'apply'} to one run: add --once.\n\n${USAGE}`,
    );
    return 2;
  }

  let sandbox: Sandbox | null = null;
  try {
    if (sandboxRequested(options.env)) sandbox = await (await import('@lbx/example-shared/sandbox')).startSandbox();
  } catch (error) {
    if (error instanceof ConfigError) {
      writeError(error.message);
      return 2;
    }
    throw error;
  }
  try {
    return await runConfigured({ ...options, env: sandbox ? { ...options.env, ...sandbox.env } : options.env }, flags, sandbox);
  } finally {
    await sandbox?.close();
  }
}

async function runConfigured(options: CliOptions, flags: Flags, sandbox: Sandbox | null): Promise<number> {
  const writeError = options.writeError ?? ((text: string) => void process.stderr.write(`${text}\n`));
  let config;
  try {
    config = loadCronConfig(options.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      writeError(error.message);
      return 2;
    }
    throw error;
  }
  const logger = options.logger ?? createLogger({ level: config.log.level, format: config.log.format });
  for (const line of sandbox?.describe() ?? []) logger.info(line);
  const once = flags.once ?? false;
  if (!once && !config.enabled) {
    logger.info('CRON_ENABLED is false: nothing is scheduled. Set CRON_ENABLED=true, or run once with --once.');
    return 0;
  }
  const selection = selectOnly(flags.only, config);
  if (typeof selection === 'string') {
    writeError(selection);
    return 2;
  }
  const { users, lists } = selection;
  if (users.length === 0 && lists.length === 0) {
    writeError(
      new ConfigError([{ variable: 'CRON_TARGET_USERS', message: 'list at least one Letterboxd username (comma-separated)' }]).message,
    );
    return 2;
  }
  const runtime = createSyncRuntime(config, { logger, ...options.overrides });
  if (runtime.unavailableReason !== null) {
    writeError(`Cannot sync: ${runtime.unavailableReason}`);
    return 2;
  }

  const files = defaultRunFiles(config.mappingsFile);
  // With DATABASE_URL, scheduled runs go through the shared queue: one run per occurrence across runners.
  const queue =
    !once && config.databaseUrl !== null
      ? createScheduledRunQueue(
          await startJobQueue({ connectionString: config.databaseUrl, logger }),
          `${config.schedule} ${config.timezone}`,
          logger,
        )
      : undefined;
  const runner = createCronRunner({
    ...(queue && { queue }),
    config,
    runtime,
    logger,
    stateFile: files.stateFile,
    heartbeatFile: once ? null : files.heartbeatFile,
    dryRun: flags['dry-run'] ?? false,
    force: flags.force ?? false,
    users,
    lists,
  });

  let signals = 0;
  let forced: (code: number) => void = () => undefined;
  const forcedExit = new Promise<number>((resolve) => {
    forced = resolve;
  });
  let stopped: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  const unsubscribe =
    options.onSignal?.((signal) => {
      signals += 1;
      if (signals === 1) {
        logger.info(`${signal} received: finishing the current user, then exiting`);
        stopped();
        void runner.stop();
      } else {
        logger.warn(`${signal} received again: exiting now`);
        forced(130);
      }
    }) ?? (() => undefined);

  try {
    if (once) {
      const run = runner.runNow('manual');
      const result = await Promise.race([run, forcedExit]);
      if (typeof result === 'number') return result;
      if (result === null) return 1;
      const incomplete = result.outcomes.some((o) => o.status === 'failed' || o.status === 'skipped');
      return incomplete ? 1 : 0;
    }
    await runner.start();
    const result = await Promise.race([stopRequested.then(() => runner.stop()).then(() => 0), forcedExit]);
    if (result === 0) logger.info('cron runner stopped');
    return result;
  } finally {
    unsubscribe();
    // A forced stop (second signal) exits at once; otherwise release the database connections, if any.
    if (signals < 2) await runtime.close?.();
  }
}
