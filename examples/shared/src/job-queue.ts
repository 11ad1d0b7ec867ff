import pg from 'pg';
import PgBoss from 'pg-boss';
import { startJobLiveness, type JobLiveness } from './job-liveness';
import type { Logger } from './logger';
import { messageOf } from './member-sync';

/** Queue of on-demand sync jobs (`POST /jobs/sync-tmdb` on any server replica). */
export const SYNC_JOBS_QUEUE = 'lbx-sync-tmdb';
/** Queue of scheduled runs: one job per schedule occurrence, whichever cron runner enqueues it first. */
export const SCHEDULED_RUNS_QUEUE = 'lbx-scheduled-run';

/** Options of {@link startJobQueue}. */
export interface JobQueueOptions {
  /** `DATABASE_URL`. */
  connectionString: string;
  logger: Logger;
  /** Schema of the queue's tables (pg-boss creates and migrates them). Default `lbx_jobs`. */
  schema?: string;
  /** How often an idle worker looks for a job, in seconds (≥ 0.5). Default 2. */
  pollingIntervalSeconds?: number;
  /**
   * A job still `active` after this long is retried by another worker. Default 3600 s: longer than any sync, so
   * a slow job is never run twice. A job whose process died is retried much sooner (see `orphanSweepSeconds`).
   */
  expireInSeconds?: number;
  /**
   * How often the replica looks for jobs whose process died (see {@link JobLiveness}), in seconds. Default 10.
   */
  orphanSweepSeconds?: number;
}

/** A started pg-boss instance with lbx's queues created. */
export interface JobQueue {
  readonly boss: PgBoss;
  /** Worker polling interval in seconds (see {@link JobQueueOptions}). */
  readonly pollingIntervalSeconds: number;
  /** Hold a job's liveness lock while running it, so that a job whose process dies is retried soon. */
  readonly liveness: JobLiveness;
  /**
   * What a running job has done so far, readable from every replica (pg-boss keeps a job's output only once it
   * ends). A JSON value per job id; rows older than a day are removed when a replica starts.
   */
  readonly progress: {
    save(id: string, value: unknown): Promise<void>;
    read(id: string): Promise<unknown>;
  };
  /** Stop polling; wait up to `timeoutMs` for running handlers; close the pool. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Start pg-boss on `connectionString` and create the two queues. Several processes may start at once (pg-boss
 * migrates under an advisory lock). Its own cron scheduler is off: the cron runners keep lbx's schedule,
 * time zone and misfire rule, and only de-duplicate occurrences through the queue.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  const schema = options.schema ?? 'lbx_jobs';
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    max: 4,
    schedule: false,
    application_name: 'lbx-jobs',
  });
  boss.on('error', (error) => options.logger.warn('job queue error', { error: messageOf(error) }));
  const expireInSeconds = options.expireInSeconds ?? 3600;
  const progressTable = `${pg.escapeIdentifier(schema)}.job_progress`;
  const sql = (text: string, values: unknown[] = []) => boss.getDb().executeSql(text, values);
  let liveness: JobLiveness;
  try {
    // pg-boss 10's createQueue deadlocks when processes create the same queue at once: take turns.
    await oneAtATime(options.connectionString, 'lbx-jobs:start', async () => {
      await boss.start();
      for (const name of [SYNC_JOBS_QUEUE, SCHEDULED_RUNS_QUEUE]) {
        if ((await boss.getQueue(name)) !== null) continue;
        // A retried job re-syncs its members: harmless, a sync is idempotent and keeps no partial state.
        await boss.createQueue(name, { name, policy: 'standard', retryLimit: 1, retryDelay: 5, expireInSeconds });
      }
      await sql(
        `CREATE TABLE IF NOT EXISTS ${progressTable} (id uuid PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
      );
      // A job's progress is read only while it runs: rows older than a day are left-overs.
      await sql(`DELETE FROM ${progressTable} WHERE updated_at < now() - interval '1 day'`);
    });
    liveness = await startJobLiveness({
      connectionString: options.connectionString,
      schema,
      queues: [SYNC_JOBS_QUEUE, SCHEDULED_RUNS_QUEUE],
      fail: (queue, ids) => boss.fail(queue, ids),
      logger: options.logger,
      sweepEverySeconds: options.orphanSweepSeconds ?? 10,
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true, timeout: 1000 }).catch(() => undefined);
    throw new Error(`Cannot start the job queue on DATABASE_URL: ${messageOf(error)} (check that PostgreSQL is reachable).`, {
      cause: error,
    });
  }
  return {
    boss,
    pollingIntervalSeconds,
    liveness,
    progress: {
      async save(id, value) {
        await sql(
          `INSERT INTO ${progressTable} (id, value) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
          [id, JSON.stringify(value)],
        );
      },
      async read(id) {
        const { rows } = await sql(`SELECT value FROM ${progressTable} WHERE id = $1`, [id]);
        return (rows[0] as { value?: unknown } | undefined)?.value ?? null;
      },
    },
    async stop(timeoutMs = 30_000) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
      await liveness.close();
    },
  };
}

/** Run `fn` under a session advisory lock on its own connection (released by the server if we die). */
async function oneAtATime(connectionString: string, name: string, fn: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'lbx-jobs-start' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    await fn();
  } finally {
    await client.end().catch(() => undefined);
  }
}
