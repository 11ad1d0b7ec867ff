import {
  SYNC_JOBS_QUEUE,
  summarize,
  type CommonConfig,
  type ConfiguredList,
  type JobQueue,
  type Logger,
  messageOf,
  type MemberOutcome,
  type SyncRuntime,
} from '@lbx/example-shared';
import type { JobObserver } from './job-activity';
import { finishedStatus, runJobSyncs, type Job, type JobRunner, type JobStatus } from './job-runner';

/** What a job carries in the queue, and what it leaves behind. */
interface SyncJobData {
  usernames: string[];
  /** List definition ids (absent on jobs queued before definitions existed). */
  lists?: string[];
  dryRun?: boolean;
  force?: boolean;
}
interface SyncJobOutput {
  results: MemberOutcome[];
}

/** Options of {@link createPgJobRunner}. */
export interface PgJobRunnerOptions {
  queue: JobQueue;
  runtime: SyncRuntime;
  sync: CommonConfig['sync'];
  /** The definitions of `LBX_LISTS_FILE` jobs may name (every replica should load the same file). Default none. */
  lists?: readonly ConfiguredList[];
  logger: Logger;
  /** Told about the progress of the jobs this replica's worker runs (the dashboard's live job page). */
  observer?: JobObserver;
}

/**
 * The {@link JobRunner} of a replica sharing PostgreSQL (`DATABASE_URL`): jobs live in the pg-boss queue, so
 * any replica answers `GET /jobs/{id}`, any replica's worker runs them (one job at a time per replica), and a
 * job outlives a restart. A running job's per-member results grow as members finish (`JobQueue.progress`). Members are synced under the
 * store's advisory lock, so two replicas never sync one member at once.
 */
export async function createPgJobRunner(options: PgJobRunnerOptions): Promise<JobRunner> {
  const { queue, runtime, logger } = options;
  const { boss } = queue;
  let closing = false;
  let running = 0;
  const stop = new AbortController();

  await boss.work<SyncJobData>(
    SYNC_JOBS_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: queue.pollingIntervalSeconds },
    async ([job]) => {
      if (job === undefined) return undefined;
      return queue.liveness.hold(job.id, () => runJob(job));
    },
  );

  async function runJob(job: { id: string; data: SyncJobData }): Promise<SyncJobOutput> {
    running += 1;
    const lists = job.data.lists ?? [];
    const done: MemberOutcome[] = [];
    let saving = Promise.resolve();
    logger.info('sync job started', { job_id: job.id, users: job.data.usernames.join(','), ...(lists.length > 0 && { lists: lists.join(',') }) });
    try {
      const results = await runJobSyncs(
        job.id,
        { usernames: job.data.usernames, lists, dryRun: job.data.dryRun ?? false, force: job.data.force ?? false },
        { runtime, sync: options.sync, definitions: options.lists ?? [], stopSignal: stop.signal, logger, ...(options.observer && { observer: options.observer }) },
        (outcome) => {
          // Every replica's GET /jobs/{id} shows the members done so far while the job runs.
          done.push(storable(outcome));
          saving = saving
            .then(() => queue.progress.save(job.id, { results: done }))
            .catch((error: unknown) => logger.warn('could not record the job progress', { job_id: job.id, error: messageOf(error) }));
        },
      );
      await saving;
      logger.info('sync job finished', { job_id: job.id, ...summarize(results) });
      // The output is stored as JSON: drop `failure` (an error object, possibly circular; `error` says it in words).
      return { results: results.map(storable) } satisfies SyncJobOutput;
    } finally {
      running -= 1;
      options.observer?.onJobDone(job.id);
    }
  }


  return {
    async submit(usernames, jobOptions = {}) {
      if (closing) throw new Error('The server is shutting down; no new jobs are accepted.');
      const data: SyncJobData = {
        usernames: [...usernames],
        lists: [...(jobOptions.lists ?? [])],
        dryRun: jobOptions.dryRun ?? false,
        force: jobOptions.force ?? false,
      };
      const id = await boss.send(SYNC_JOBS_QUEUE, data);
      if (id === null) throw new Error('The job queue refused the job; try again.');
      const now = Date.now();
      return {
        id,
        status: 'queued',
        usernames: [...usernames],
        lists: data.lists ?? [],
        dryRun: data.dryRun ?? false,
        force: data.force ?? false,
        createdAt: now,
        startedAt: null,
        finishedAt: null,
        results: [],
      };
    },
    async get(id) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
      const row = await boss.getJobById<SyncJobData>(SYNC_JOBS_QUEUE, id, { includeArchive: true });
      if (row === null) return undefined;
      const job = toJob(row);
      if (job.status !== 'running') return job;
      const progress = (await queue.progress.read(id)) as Partial<SyncJobOutput> | null;
      return Array.isArray(progress?.results) ? { ...job, results: progress.results } : job;
    },
    async stats() {
      return { queued: await boss.getQueueSize(SYNC_JOBS_QUEUE), running };
    },
    get closing() {
      return closing;
    },
    async shutdown() {
      closing = true;
      stop.abort();
      // Queued jobs stay in the queue for the other replicas (or this one after a restart).
      await queue.stop();
    },
  };
}

/** An outcome as stored in JSON: without `failure` (an error object, possibly circular; `error` says it in words). */
function storable({ failure: _failure, ...outcome }: MemberOutcome): MemberOutcome {
  return outcome;
}

type JobRow = Awaited<ReturnType<JobQueue['boss']['getJobById']>> & object;

function toJob(row: JobRow & { data: SyncJobData }): Job {
  const output = (row.output ?? null) as Partial<SyncJobOutput> | null;
  const results = Array.isArray(output?.results) ? output.results : [];
  return {
    id: row.id,
    status: statusOf(row.state, results),
    usernames: Array.isArray(row.data?.usernames) ? row.data.usernames : [],
    lists: Array.isArray(row.data?.lists) ? row.data.lists : [],
    dryRun: row.data?.dryRun === true,
    force: row.data?.force === true,
    createdAt: new Date(row.createdOn).getTime(),
    startedAt: row.startedOn ? new Date(row.startedOn).getTime() : null,
    finishedAt: row.completedOn ? new Date(row.completedOn).getTime() : null,
    results,
  };
}

function statusOf(state: JobRow['state'], results: readonly MemberOutcome[]): JobStatus {
  switch (state) {
    case 'created':
    case 'retry':
      return 'queued';
    case 'active':
      return 'running';
    case 'completed':
      return finishedStatus(results);
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
  }
}
