import { randomUUID } from 'node:crypto';
import {
  emptyOutcome,
  summarize,
  syncDefinitions,
  syncMembers,
  type CommonConfig,
  type ConfiguredList,
  type Logger,
  type MemberOutcome,
  type SyncRuntime,
} from '@lbx/example-shared';
import type { SyncEvent } from '@lbx/sync';
import type { JobObserver } from './job-activity';

/**
 * A job's life: `queued` → `running` → `completed` (no member failed) | `partial` (some members failed, others
 * did not) | `failed` (every member failed) | `cancelled` (a shutdown stopped it before some of its members ran).
 */
export type JobStatus = 'queued' | 'running' | 'completed' | 'partial' | 'failed' | 'cancelled';

/** How a job syncs its members. */
export interface JobOptions {
  /** Plan only: read everything, write nothing (results carry `dry_run: true`). Default `false`. */
  dryRun?: boolean;
  /** Apply the sync even when a safety valve would refuse it. Default `false`. */
  force?: boolean;
  /** List definition ids (`LBX_LISTS_FILE`) to sync after the members. Default none. */
  lists?: readonly string[];
}

/** One background sync job. */
export interface Job {
  id: string;
  status: JobStatus;
  usernames: string[];
  /** List definition ids the job syncs (after the members' top-rated lists). */
  lists: string[];
  /** The job only plans (nothing written). */
  dryRun: boolean;
  /** The job overrides the safety valves. */
  force: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Outcomes of the members done so far, in order. */
  results: MemberOutcome[];
}

/** Most jobs waiting to run; `POST /jobs/sync-tmdb` answers 429 beyond (bounds the memory a burst can take). */
export const MAX_QUEUED_JOBS = 100;

/**
 * Runs sync jobs in the background, one at a time (polite to Letterboxd and TMDb), and remembers them. Two
 * implementations: in this process ({@link createJobRunner}, the default) and in PostgreSQL shared by every
 * replica (`createPgJobRunner`, with `DATABASE_URL`).
 */
export interface JobRunner {
  /** Queue a job for `usernames` (and `options.lists`); it starts as soon as the jobs before it are done. */
  submit(usernames: string[], options?: JobOptions): Promise<Job>;
  /** A job by id, or `undefined` (unknown, or forgotten: only the latest finished jobs are kept). */
  get(id: string): Promise<Job | undefined>;
  /** Jobs waiting (in the whole queue) and running (in this process). */
  stats(): Promise<{ queued: number; running: number }>;
  /** `true` once {@link JobRunner.shutdown} was called: `submit` then throws. */
  readonly closing: boolean;
  /**
   * Stop: the member being synced finishes (and its mapping is saved by the sync), the rest of its job and
   * every queued job are recorded as skipped/cancelled. Resolves when nothing runs any more.
   */
  shutdown(): Promise<void>;
}

/** Options of {@link createJobRunner}. */
export interface JobRunnerOptions {
  runtime: SyncRuntime;
  sync: CommonConfig['sync'];
  /** The definitions of `LBX_LISTS_FILE` jobs may name. Default none. */
  lists?: readonly ConfiguredList[];
  logger: Logger;
  /** Finished jobs kept for `GET /jobs/{id}`. Default 100. */
  maxJobs?: number;
  /** Clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Told about each job's progress events, members done and end (the dashboard's live job page). */
  observer?: JobObserver;
}

/** The status of a job that ran: `failed` when every member failed, `partial` when some did, … */
export function finishedStatus(results: readonly MemberOutcome[]): JobStatus {
  const counts = summarize(results);
  if (counts.failed > 0) return counts.failed === counts.total ? 'failed' : 'partial';
  return counts.skipped > 0 ? 'cancelled' : 'completed';
}

/** The API's way to force one member, for refusal messages. */
export function apiForceHint(username: string): string {
  return `re-run with POST /jobs/sync-tmdb {"usernames":["${username}"],"force":true}`;
}

/** The API's way to force one list definition, for refusal messages. */
export function apiListForceHint(id: string): string {
  return `re-run with POST /jobs/sync-tmdb {"lists":[${JSON.stringify(id)}],"force":true}`;
}

/** What one job syncs and how; shared by both runners. */
export interface JobSyncInput {
  usernames: readonly string[];
  lists: readonly string[];
  dryRun: boolean;
  force: boolean;
}

/** What {@link runJobSyncs} runs with. */
export interface JobSyncDeps {
  runtime: SyncRuntime;
  sync: CommonConfig['sync'];
  definitions: readonly ConfiguredList[];
  stopSignal: AbortSignal;
  logger: Logger;
  now?: () => number;
  /** Told about the job's progress events and each outcome (the dashboard). */
  observer?: JobObserver;
}

/**
 * Run job `jobId`'s syncs: the members' top-rated lists, then its list definitions (by id, among `definitions`;
 * an id the configuration no longer has fails with a message), logging each outcome and reporting it to
 * `onDone` as it is known.
 */
export async function runJobSyncs(
  jobId: string,
  input: JobSyncInput,
  deps: JobSyncDeps,
  onDone: (outcome: MemberOutcome) => void = () => undefined,
): Promise<MemberOutcome[]> {
  const done = (outcome: MemberOutcome) => {
    onDone(outcome);
    deps.observer?.onMemberDone(jobId, outcome, (deps.now ?? Date.now)());
    const log = outcome.status === 'failed' ? deps.logger.warn : deps.logger.info;
    log('sync job member done', {
      job_id: jobId,
      user: outcome.username,
      ...(outcome.definitionId !== undefined && { list: outcome.definitionId }),
      status: outcome.status,
      list_id: outcome.listId,
      added: outcome.added,
      removed: outcome.removed,
      ...(outcome.error !== null && { error: outcome.error }),
    });
  };
  const { observer } = deps;
  const common = {
    stopSignal: deps.stopSignal,
    dryRun: input.dryRun,
    force: input.force,
    ...(deps.now && { now: deps.now }),
    ...(observer && { onEvent: (event: SyncEvent) => observer.onEvent(jobId, event) }),
    onMemberDone: done,
  };
  const members = input.usernames.length > 0 ? await syncMembers(input.usernames, deps.runtime, { ...common, sync: deps.sync, forceHint: apiForceHint }) : [];
  const known = input.lists.flatMap((id) => deps.definitions.filter((list) => list.id === id));
  const lists = await syncDefinitions(known, deps.runtime, { ...common, forceHint: apiListForceHint });
  const gone = input.lists
    .filter((id) => !deps.definitions.some((list) => list.id === id))
    .map((id): MemberOutcome => {
      // A queued job names a definition the configuration (since changed) no longer has.
      const outcome = {
        ...emptyOutcome('', 'failed'),
        definitionId: id,
        dryRun: input.dryRun,
        error: `No list definition "${id}" in this server's LBX_LISTS_FILE (GET /lists shows the ids).`,
      };
      done(outcome);
      return outcome;
    });
  return [...members, ...lists, ...gone];
}

/** Create a {@link JobRunner}. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const now = options.now ?? Date.now;
  const maxJobs = options.maxJobs ?? 100;
  const jobs = new Map<string, Job>();
  const finished: string[] = [];
  let tail: Promise<void> = Promise.resolve();
  let closing = false;
  const stop = new AbortController();
  let queued = 0;
  let running = 0;

  const run = async (job: Job) => {
    queued -= 1;
    if (closing) {
      job.status = 'cancelled';
    } else {
      running += 1;
      job.status = 'running';
      job.startedAt = now();
      options.logger.info('sync job started', {
        job_id: job.id,
        users: job.usernames.join(','),
        ...(job.lists.length > 0 && { lists: job.lists.join(',') }),
      });
    }
    try {
      await runJobSyncs(
        job.id,
        job,
        { runtime: options.runtime, sync: options.sync, definitions: options.lists ?? [], stopSignal: stop.signal, logger: options.logger, now, ...(options.observer && { observer: options.observer }) },
        (outcome) => job.results.push(outcome),
      );
    } finally {
      if (job.status === 'running') {
        running -= 1;
        const counts = summarize(job.results);
        job.status = finishedStatus(job.results);
        options.logger.info('sync job finished', { job_id: job.id, status: job.status, ...counts });
      }
      job.finishedAt = now();
      options.observer?.onJobDone(job.id);
      finished.push(job.id);
      while (finished.length > maxJobs) jobs.delete(finished.shift() as string);
    }
  };

  return {
    async submit(usernames, jobOptions = {}) {
      if (closing) throw new Error('The server is shutting down; no new jobs are accepted.');
      const job: Job = {
        id: randomUUID(),
        status: 'queued',
        usernames: [...usernames],
        lists: [...(jobOptions.lists ?? [])],
        dryRun: jobOptions.dryRun ?? false,
        force: jobOptions.force ?? false,
        createdAt: now(),
        startedAt: null,
        finishedAt: null,
        results: [],
      };
      jobs.set(job.id, job);
      queued += 1;
      tail = tail.then(() => run(job)).catch((error: unknown) => {
        options.logger.error('sync job crashed', { job_id: job.id, error });
      });
      return job;
    },
    get: async (id) => jobs.get(id),
    stats: async () => ({ queued, running }),
    get closing() {
      return closing;
    },
    async shutdown() {
      closing = true;
      stop.abort();
      await tail;
    },
  };
}
