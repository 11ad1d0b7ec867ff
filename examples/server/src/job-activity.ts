import { normalizeUsername, type SyncEvent } from '@lbx/sync';
import type { MemberOutcome, MemberStatus } from '@lbx/example-shared';

/** A member's most recent run, as the dashboard shows it. */
export interface LastRun {
  jobId: string;
  /** When the member's sync finished (epoch milliseconds). */
  at: number;
  status: MemberStatus;
  listId: number | null;
  added: number;
  removed: number;
  reordered: number;
  /** Films on the member's list (matched). */
  matched: number;
  notMatched: number;
  error: string | null;
}

/** What a job runner tells about the jobs it runs (the dashboard listens). Every method must not throw. */
export interface JobObserver {
  /** A progress event of the sync (`@lbx/sync`'s `onEvent`) inside job `jobId`. */
  onEvent(jobId: string, event: SyncEvent): void;
  /** A member of job `jobId` is done. */
  onMemberDone(jobId: string, outcome: MemberOutcome, at: number): void;
  /** Job `jobId` finished (any status). */
  onJobDone(jobId: string): void;
}

/** A listener of one job's progress; `event` is `null` once the job finished. */
export type JobListener = (event: SyncEvent | null) => void;

/**
 * In-process record of sync activity: live progress per running job (for the job page's server-sent events)
 * and the last run per member (for the dashboard). Kept in memory only: a restart forgets it, and each replica
 * knows the runs it executed itself.
 */
export interface JobActivity extends JobObserver {
  /** Listen to job `jobId`'s events until it finishes; returns the function that stops listening. */
  subscribe(jobId: string, listener: JobListener): () => void;
  /** Job `jobId`'s events so far (the latest {@link MAX_EVENTS_PER_JOB}), for recent jobs of this process. */
  events(jobId: string): readonly SyncEvent[];
  /**
   * The most recent run in this process that was not a dry run of a member's top-rated list (by username) or of a
   * list definition (by its id), or `undefined`.
   */
  lastRun(key: string): LastRun | undefined;
  /** Members (and definition ids) with a recorded run, in the order their last run finished (oldest first). */
  members(): string[];
}

/** Most members whose last run is remembered (the oldest is forgotten first). */
const MAX_MEMBERS = 1000;
/** Events kept per job (the job page's log), and jobs whose events are kept. */
export const MAX_EVENTS_PER_JOB = 500;
const MAX_LOGGED_JOBS = 20;

/** Create an empty {@link JobActivity}. */
export function createJobActivity(): JobActivity {
  const listeners = new Map<string, Set<JobListener>>();
  const runs = new Map<string, LastRun>();
  const logs = new Map<string, SyncEvent[]>();
  const emit = (jobId: string, event: SyncEvent | null) => {
    if (event !== null) {
      let log = logs.get(jobId);
      if (log === undefined) {
        log = [];
        logs.set(jobId, log);
        while (logs.size > MAX_LOGGED_JOBS) logs.delete(logs.keys().next().value as string);
      }
      log.push(event);
      if (log.length > MAX_EVENTS_PER_JOB) log.shift();
    }
    for (const listener of listeners.get(jobId) ?? []) {
      try {
        listener(event);
      } catch {
        // A listener (a closed stream) must not break the job.
      }
    }
  };
  return {
    subscribe(jobId, listener) {
      const set = listeners.get(jobId) ?? new Set<JobListener>();
      set.add(listener);
      listeners.set(jobId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(jobId);
      };
    },
    onEvent: (jobId, event) => emit(jobId, event),
    onMemberDone(jobId, outcome, at) {
      // A dry run wrote nothing: the member's last real run stays what the dashboard shows.
      if (outcome.status === 'skipped' || outcome.dryRun) return;
      // A list definition's run is its own (keyed by its id); a member's top-rated list is keyed by the member.
      const key = outcome.definitionId ?? normalizeUsername(outcome.username);
      runs.delete(key);
      runs.set(key, {
        jobId,
        at,
        status: outcome.status,
        listId: outcome.listId,
        added: outcome.added,
        removed: outcome.removed,
        reordered: outcome.reordered,
        matched: outcome.matched,
        notMatched: outcome.notMatched.length,
        error: outcome.error,
      });
      while (runs.size > MAX_MEMBERS) runs.delete(runs.keys().next().value as string);
    },
    onJobDone(jobId) {
      emit(jobId, null);
      listeners.delete(jobId);
    },
    events: (jobId) => logs.get(jobId) ?? [],
    lastRun: (key) => runs.get(key) ?? runs.get(normalizeUsername(key)),
    members: () => [...runs.keys()],
  };
}
