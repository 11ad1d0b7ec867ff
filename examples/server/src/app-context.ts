import type { Logger, SyncRuntime } from '@lbx/example-shared';
import type { ServerConfig } from './config';
import type { JobActivity } from './job-activity';
import type { JobRunner } from './job-runner';
import type { LetterboxdReads } from './letterboxd-reads';
import type { ReadCache } from './read-cache';

/** What the route modules share. Internal to the server. */
export interface AppContext {
  config: ServerConfig;
  runtime: SyncRuntime;
  /** The runtime the read endpoints use: its Letterboxd client has its own bounded queue (`READ_QUEUE_MAX`). */
  readRuntime: SyncRuntime;
  reads: LetterboxdReads;
  cache: ReadCache;
  jobs: JobRunner;
  /** Live job progress and each member's last run, for the dashboard. */
  activity: JobActivity;
  /** Members the dashboard lists even without a mapping or a run. */
  dashboardMembers: readonly string[];
  logger: Logger;
  now: () => number;
  startedAt: number;
  version: string;
}
