import {
  syncDefinitions,
  syncMembers,
  type ConfiguredList,
  type Logger,
  type MemberOutcome,
  type SyncRuntime,
} from '@lbx/example-shared';
import type { CronConfig } from './config';
import { logMemberOutcome, logRunSummary } from './run-report';
import { readRunState, writeHeartbeat, writeRunState } from './run-state';
import type { ScheduledRunQueue } from './scheduled-run-queue';
import { createSchedule, findMissedRun, type Schedule, type ScheduledJob } from './schedule';

/** Why a run started. */
export type RunReason = 'scheduled' | 'make-up' | 'manual';

/** The outcome of one run. */
export interface RunReport {
  reason: RunReason;
  /** The schedule occurrence served (manual runs: their start time). */
  scheduledFor: Date;
  outcomes: MemberOutcome[];
}

/** Options of {@link createCronRunner}. */
export interface CronRunnerOptions {
  config: CronConfig;
  runtime: SyncRuntime;
  logger: Logger;
  /** State file recording the last run (for make-up runs). */
  stateFile: string;
  /** Heartbeat file rewritten every `heartbeatMs` while the runner is up; `null` for none. */
  heartbeatFile: string | null;
  /** Default 60 000 ms. */
  heartbeatMs?: number;
  /** Plan only, write nothing to TMDb (nor to the state file: a dry run is not a run). Default `false`. */
  dryRun?: boolean;
  /** Override the safety valves for every member of every run (the CLI allows it with `--once` only). */
  force?: boolean;
  /** How a refusal message tells the operator to force the member (default: the CLI's `--once --only <u> --force`). */
  forceHint?: (username: string) => string;
  /** Sync only these members' top-rated lists instead of `config.users`. */
  users?: readonly string[];
  /**
   * Sync only these list definitions instead of every one of `LBX_LISTS_FILE` (`config.lists`). A member of
   * `users` whose top-rated list a definition also keeps (its id is the member) is synced once, as the definition says.
   */
  lists?: readonly ConfiguredList[];
  /** How late a missed run may be and still be made up on start. Default one hour. */
  maxLateMs?: number;
  /**
   * Shared queue of scheduled runs (with `DATABASE_URL`): occurrences and make-up runs are enqueued there
   * (once, whichever runner is first) and run by whichever runner takes them. Default: run them here.
   */
  queue?: ScheduledRunQueue;
}

/**
 * The scheduled runner (croner schedules the runs, in `CRON_TIMEZONE`). Runs never overlap: an occurrence that
 * finds a run in progress is skipped (and logged).
 */
export interface CronRunner {
  /** Log the set-up, make up a missed run (< 1 h late), and schedule the next runs. */
  start(): Promise<void>;
  /** Run now (unless a run is in progress or the runner is stopping: then `null`). Records the run in the state file. */
  runNow(reason?: RunReason, scheduledFor?: Date): Promise<RunReport | null>;
  /** The next scheduled occurrence, or `null` when none is scheduled. */
  nextRun(): Date | null;
  /** `true` while a run is in progress. */
  readonly running: boolean;
  /** Resolves when no run is in progress. */
  idle(): Promise<void>;
  /**
   * Graceful stop: no new runs; the member being synced finishes (its mapping is saved), the remaining
   * members of the run are skipped. Resolves when the runner is idle.
   */
  stop(): Promise<void>;
}

/** The CLI's way to force one member or list definition (by id), for refusal messages. */
export function cliForceHint(usernameOrId: string): string {
  return `re-run with \`npx -y pnpm@12.4.2 cron --once --only ${usernameOrId} --force\``;
}

/** Create a {@link CronRunner}. Nothing happens until `start()` or `runNow()`. */
export function createCronRunner(options: CronRunnerOptions): CronRunner {
  const { config, runtime, logger } = options;
  const schedule: Schedule = createSchedule(config.schedule, config.timezone);
  const lists = options.lists ?? config.lists?.lists ?? [];
  // A definition whose id is a member's name keeps that member's top-rated list: the definition wins.
  const users = (options.users ?? config.users).filter((user) => !lists.some((list) => list.id === user));
  const listIds = lists.map((list) => list.id).join(',');
  let current: Promise<RunReport> | null = null;
  let job: ScheduledJob | null = null;
  let heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  let stopping = false;
  const stop = new AbortController();

  const runNow = (reason: RunReason = 'manual', scheduledFor?: Date): Promise<RunReport | null> => {
    if (current !== null) return Promise.resolve(null);
    if (stopping) return Promise.resolve(null);
    const occurrence = scheduledFor ?? new Date();
    current = (async () => {
      const started = Date.now();
      logger.info(`run started (${reason})`, {
        scheduled_for: occurrence.toISOString(),
        users: users.join(','),
        ...(lists.length > 0 && { lists: listIds }),
        ...(options.dryRun && { dry_run: true }),
        ...(options.force && { force: true }),
      });
      const syncOptions = {
        dryRun: options.dryRun ?? false,
        stopSignal: stop.signal,
        force: options.force ?? false,
        forceHint: options.forceHint ?? cliForceHint,
        onMemberDone: (outcome: MemberOutcome) => logMemberOutcome(logger, outcome),
      };
      const outcomes = [
        ...(users.length > 0 ? await syncMembers(users, runtime, { ...syncOptions, sync: config.sync }) : []),
        ...(await syncDefinitions(lists, runtime, syncOptions)),
      ];
      logRunSummary(logger, outcomes, Date.now() - started);
      // A dry run wrote nothing to TMDb: it must not stand in for the occurrence when missed runs are made up.
      if (options.dryRun) return { reason, scheduledFor: occurrence, outcomes };
      try {
        await writeRunState(options.stateFile, { lastRunAt: occurrence, finishedAt: new Date() });
      } catch (error) {
        logger.warn('could not record the run (a missed run may not be made up)', {
          file: options.stateFile,
          error: (error as Error).message,
        });
      }
      return { reason, scheduledFor: occurrence, outcomes };
    })().finally(() => {
      current = null;
    });
    return current;
  };

  const skipBusy = (occurrence: Date) =>
    logger.warn('previous run still in progress; skipping this occurrence (runs never overlap)', {
      scheduled_for: occurrence.toISOString(),
    });

  const runScheduled = async (occurrence: Date) => {
    if (options.queue) {
      dispatch('scheduled', occurrence);
      return;
    }
    // croner's `protect` covers its own runs; a make-up or manual run in progress is caught here.
    const report = await runNow('scheduled', occurrence).catch((error: unknown) => {
      logger.error('run crashed', { error });
      return undefined;
    });
    if (report === null && !stopping) skipBusy(occurrence);
  };

  const beat = async () => {
    if (options.heartbeatFile === null || stopping) return;
    try {
      await writeHeartbeat(options.heartbeatFile, new Date());
    } catch (error) {
      logger.warn('could not write the heartbeat file', { file: options.heartbeatFile, error: (error as Error).message });
    }
    if (!stopping) heartbeatTimer = setTimeout(() => void beat(), options.heartbeatMs ?? 60_000);
  };

  /** Run `occurrence` here, or enqueue it for whichever runner takes it first. */
  const dispatch = (reason: RunReason, occurrence: Date) => {
    if (options.queue === undefined) {
      runNow(reason, occurrence).catch((error: unknown) => logger.error('run crashed', { error }));
      return;
    }
    options.queue.enqueue(occurrence, reason).catch((error: unknown) =>
      logger.error('could not queue the run; it is missed', { scheduled_for: occurrence.toISOString(), error }),
    );
  };

  const idle = async () => {
    while (current !== null) await current.catch(() => undefined);
  };

  return {
    async start() {
      const now = new Date();
      logger.info('lbx cron runner started', {
        schedule: schedule.expression,
        timezone: schedule.timezone,
        users: users.join(','),
        ...(lists.length > 0 && { lists: listIds }),
        next_run: schedule.nextAfter(now)?.toISOString() ?? null,
        ...(options.dryRun && { dry_run: true }),
      });
      await beat();
      await options.queue?.work((occurrence, reason) => runNow(reason, occurrence));
      const state = await readRunState(options.stateFile, (message) => logger.warn(message));
      const missed = findMissedRun({ schedule, lastRunAt: state.lastRunAt, now, maxLateMs: options.maxLateMs });
      if (missed !== null) {
        logger.info('making up a run missed while the runner was down', {
          scheduled_for: missed.toISOString(),
          late_s: Math.round((now.getTime() - missed.getTime()) / 1000),
        });
        dispatch('make-up', missed);
      }
      if (!stopping) job = schedule.start(runScheduled, skipBusy);
    },
    runNow,
    nextRun: () => job?.nextRun() ?? null,
    get running() {
      return current !== null;
    },
    idle,
    async stop() {
      stopping = true;
      stop.abort();
      job?.stop();
      if (heartbeatTimer !== null) clearTimeout(heartbeatTimer);
      heartbeatTimer = null;
      await options.queue?.stop();
      await idle();
    },
  };
}
