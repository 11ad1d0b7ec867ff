import pg from 'pg';
import type { Logger } from './logger';
import { messageOf } from './member-sync';

/**
 * Which running jobs still have a live process. A process holds a PostgreSQL session advisory lock per job it
 * runs, on its own connection; the database drops the lock when that process dies (`kill -9`, a lost
 * container), so a job that is `active` in the queue while nobody holds its lock was orphaned. The sweep fails
 * such a job at once, and the queue's retry policy runs it again on a live replica — instead of waiting for
 * the queue's expiry (an hour, so that a slow sync is never run twice).
 */
export interface JobLiveness {
  /** Run `fn` for job `id` while holding the job's lock. */
  hold<T>(id: string, fn: () => Promise<T>): Promise<T>;
  /** Fail the orphaned `active` jobs of `queues` now; resolves with their ids. */
  sweep(): Promise<string[]>;
  /** Stop sweeping and close the connection (locks still held are released with it). */
  close(): Promise<void>;
}

/** Options of {@link startJobLiveness}. */
export interface JobLivenessOptions {
  connectionString: string;
  /** The pg-boss schema. */
  schema: string;
  /** Queues whose jobs are checked. */
  queues: readonly string[];
  /** Fail the given jobs (pg-boss `fail`, which retries them while the retry limit allows). */
  fail(queue: string, ids: string[]): Promise<void>;
  logger: Logger;
  /** Sweep this often, in seconds. Default 10. */
  sweepEverySeconds?: number;
  /**
   * A job started less than this many seconds ago is never taken for orphaned: its worker may not hold the lock
   * yet (it takes it a few milliseconds after the queue marks the job active). Default 3. Should a live job
   * still be taken for orphaned, it is merely run again: a sync is idempotent.
   */
  graceSeconds?: number;
}

const lockKey = (id: string) => `lbx-job:${id}`;

/** Connect, sweep once (jobs orphaned while every replica was down), and sweep periodically after that. */
export async function startJobLiveness(options: JobLivenessOptions): Promise<JobLiveness> {
  const client = new pg.Client({ connectionString: options.connectionString, application_name: 'lbx-job-liveness' });
  client.on('error', (error) => options.logger.warn('job liveness connection error', { error: messageOf(error) }));
  await client.connect();
  const held = new Set<string>();
  const graceSeconds = options.graceSeconds ?? 3;
  let closed = false;

  const sweep = async (): Promise<string[]> => {
    const orphaned: string[] = [];
    for (const queue of options.queues) {
      const { rows } = await client.query<{ id: string }>(
        `SELECT id FROM ${pg.escapeIdentifier(options.schema)}.job
          WHERE name = $1 AND state = 'active' AND started_on < now() - make_interval(secs => $2)`,
        [queue, graceSeconds],
      );
      const ids: string[] = [];
      for (const { id } of rows) {
        // This session holds its own jobs' locks: trying one of them would succeed (locks are re-entrant).
        if (held.has(id)) continue;
        const { rows: taken } = await client.query<{ free: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS free', [lockKey(id)]);
        if (taken[0]?.free !== true) continue;
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(id)]);
        ids.push(id);
      }
      if (ids.length > 0) {
        await options.fail(queue, ids);
        options.logger.warn('jobs whose process died were failed, to be retried', { queue, job_ids: ids.join(',') });
        orphaned.push(...ids);
      }
    }
    return orphaned;
  };

  const guardedSweep = () =>
    sweep().catch((error: unknown) => {
      if (!closed) options.logger.warn('could not check for orphaned jobs', { error: messageOf(error) });
      return [];
    });
  await guardedSweep();
  const timer = setInterval(() => void guardedSweep(), (options.sweepEverySeconds ?? 10) * 1000);
  timer.unref();

  return {
    async hold(id, fn) {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey(id)]);
      held.add(id);
      try {
        return await fn();
      } finally {
        held.delete(id);
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(id)]).catch(() => undefined);
      }
    },
    sweep,
    async close() {
      closed = true;
      clearInterval(timer);
      await client.end().catch(() => undefined);
    },
  };
}
