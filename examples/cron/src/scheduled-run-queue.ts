import { createHash } from 'node:crypto';
import { SCHEDULED_RUNS_QUEUE, type JobQueue, type Logger } from '@lbx/example-shared';
import type { RunReason, RunReport } from './cron-runner';

/**
 * Scheduled runs shared by every cron runner on one PostgreSQL: each runner enqueues each occurrence it sees
 * (on its timer, or as a make-up run on start), but the job id is derived from the occurrence, so the queue
 * holds it once however many runners try; whichever runner's worker takes it runs it.
 */
export interface ScheduledRunQueue {
  /** Enqueue the run of `occurrence`; `false` when some runner already did. */
  enqueue(occurrence: Date, reason: RunReason): Promise<boolean>;
  /** Start running queued runs with `run`, one at a time. */
  work(run: (occurrence: Date, reason: RunReason) => Promise<RunReport | null>): Promise<void>;
  /** Stop taking runs; waits for the one in progress. */
  stop(): Promise<void>;
}

interface ScheduledRunData {
  scheduledFor: string;
  reason: RunReason;
}

/** A {@link ScheduledRunQueue} on pg-boss; `scheduleKey` tells schedules apart (the expression and zone). */
export function createScheduledRunQueue(queue: JobQueue, scheduleKey: string, logger: Logger): ScheduledRunQueue {
  const { boss } = queue;
  return {
    async enqueue(occurrence, reason) {
      const id = occurrenceId(scheduleKey, occurrence);
      const data: ScheduledRunData = { scheduledFor: occurrence.toISOString(), reason };
      const created = await boss.send(SCHEDULED_RUNS_QUEUE, data, { id });
      if (created === null) {
        logger.info('occurrence already queued by another runner', { scheduled_for: data.scheduledFor });
      }
      return created !== null;
    },
    async work(run) {
      await boss.work<ScheduledRunData>(
        SCHEDULED_RUNS_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: queue.pollingIntervalSeconds },
        async ([job]) => {
          if (job === undefined) return undefined;
          return queue.liveness.hold(job.id, async () => {
            const report = await run(new Date(job.data.scheduledFor), job.data.reason);
            // This runner is stopping: fail the job so that another runner (or this one, restarted) retries it.
            if (report === null) throw new Error('The runner is stopping; the run is retried by another runner.');
            return { members: report.outcomes.length };
          });
        },
      );
    },
    stop: () => queue.stop(),
  };
}

/** A UUID fixed by the schedule and the occurrence (a name-based, version-5-shaped id). */
export function occurrenceId(scheduleKey: string, occurrence: Date): string {
  const hex = createHash('sha1').update(`lbx-cron\n${scheduleKey}\n${occurrence.toISOString()}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
