import type { Logger, SyncRuntime } from '@lbx/example-shared';
import type { ServerConfig } from './config';
import type { JobRunner } from './job-runner';
import type { LetterboxdReads } from './letterboxd-reads';
import type { ReadCache } from './read-cache';

/** What the route modules share. Internal to the server. */
export interface AppContext {
  config: ServerConfig;
  runtime: SyncRuntime;
  reads: LetterboxdReads;
  cache: ReadCache;
  jobs: JobRunner;
  logger: Logger;
  now: () => number;
  startedAt: number;
  version: string;
}
