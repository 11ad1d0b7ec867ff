import { Cron } from 'croner';

/** A validated cron schedule in a time zone. */
export interface Schedule {
  /** The 5-field expression, e.g. `0 0 * * *`. */
  readonly expression: string;
  /** IANA time zone the expression is read in, e.g. `Europe/Paris`. */
  readonly timezone: string;
  /** The first occurrence strictly after `after`, or `null` when the expression never fires again. */
  nextAfter(after: Date): Date | null;
  /**
   * Run `task` at every occurrence from now on (croner's own timer, in the schedule's time zone). Runs never
   * overlap (croner's `protect`): an occurrence that finds the previous `task` still running calls `onBusy`
   * instead. `task` must not reject.
   */
  start(task: (occurrence: Date) => Promise<void>, onBusy: (occurrence: Date) => void): ScheduledJob;
}

/** A started {@link Schedule}. */
export interface ScheduledJob {
  /** The next occurrence it will run at, or `null` once stopped. */
  nextRun(): Date | null;
  /** Stop: no further occurrence runs (a task in progress is not interrupted). */
  stop(): void;
}

/** The occurrence a 5-field expression fires for: the start of the current minute (they fire at second 0). */
const currentOccurrence = (): Date => new Date(Math.floor(Date.now() / 60_000) * 60_000);

/**
 * Check a 5-field cron expression (minute hour day-of-month month day-of-week) with croner. Returns an error
 * message, or `null` when valid. Six-field (seconds) expressions and `@nicknames` are refused so that the
 * schedule reads the same as in crontab; so is an expression no date matches (e.g. `0 0 31 2 *`).
 */
export function checkCronExpression(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === '') {
    return `expected exactly 5 fields "minute hour day-of-month month day-of-week" (e.g. "0 0 * * *"), got ${fields.length}`;
  }
  try {
    const cron = new Cron(fields.join(' '), { paused: true });
    // A valid pattern can still match no date at all (e.g. 31 February): the runner would then never run.
    if (cron.nextRun() === null) {
      return 'never fires: no date matches it (e.g. 31 February); check the day-of-month and month fields';
    }
    return null;
  } catch (error) {
    return `not a valid cron expression: ${error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error)}`;
  }
}

/** Check an IANA time-zone name. Returns an error message, or `null` when Node knows the zone. */
export function checkTimeZone(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return null;
  } catch {
    return 'not a known IANA time zone (e.g. UTC, Europe/Paris, America/New_York)';
  }
}

/** Build a {@link Schedule}. Throws a `TypeError` for an invalid expression or zone (validate config first). */
export function createSchedule(expression: string, timezone: string): Schedule {
  const problem = checkCronExpression(expression) ?? checkTimeZone(timezone);
  if (problem !== null) throw new TypeError(`Invalid schedule "${expression}" (${timezone}): ${problem}`);
  const pattern = expression.trim().split(/\s+/).join(' ');
  const cron = new Cron(pattern, { timezone, paused: true });
  return {
    expression,
    timezone,
    nextAfter: (after) => cron.nextRun(after),
    start(task, onBusy) {
      const job = new Cron(pattern, { timezone, protect: () => onBusy(currentOccurrence()) }, () => task(currentOccurrence()));
      return {
        nextRun: () => (job.isStopped() ? null : job.nextRun()),
        stop: () => job.stop(),
      };
    },
  };
}

/**
 * The scheduled run the process missed while it was down, if it is less than `maxLateMs` late: the latest
 * occurrence after the last recorded run and within the window, or `null`. With no recorded run (first
 * start) nothing counts as missed.
 */
export function findMissedRun(options: {
  schedule: Schedule;
  lastRunAt: Date | null;
  now: Date;
  /** Default one hour. */
  maxLateMs?: number;
}): Date | null {
  if (options.lastRunAt === null) return null;
  const windowStart = options.now.getTime() - (options.maxLateMs ?? 60 * 60 * 1000);
  let cursor = new Date(Math.max(options.lastRunAt.getTime(), windowStart));
  let missed: Date | null = null;
  for (;;) {
    const next = options.schedule.nextAfter(cursor);
    if (next === null || next.getTime() > options.now.getTime()) return missed;
    missed = next;
    cursor = next;
  }
}
