export { ConfigError } from './config-error';
export {
  USERNAME_PATTERN,
  envBoolean,
  envEnum,
  envInt,
  envString,
  envUrl,
  envUsernames,
  parseEnv,
  type Env,
} from './env-schema';
export {
  DEFAULT_LETTERBOXD_BASE_URL,
  DEFAULT_MAPPINGS_FILE,
  DEFAULT_TMDB_BASE_URL,
  commonEnvShape,
  syncUnavailableReason,
  toCommonConfig,
  type CommonConfig,
  type CommonEnv,
} from './common-config';
export { LOG_LEVELS, createLogger, type LogFormat, type LogLevel, type Logger, type LoggerOptions } from './logger';
export { exportFilePath, hasStoredExport, loadExport, saveExport } from './export-store';
export {
  EXPORT_PARSE_MEMORY_MB,
  EXPORT_READ_LIMITS,
  ExportWorkerError,
  exportParsesPending,
  parseExportInWorker,
  type ParseExportInWorkerOptions,
} from './export-parser';
export { parsedExportPath, readStoredExport, saveParsedExport, storedExportsUsage } from './parsed-export';
export { openLedger, seedFromStoredExport, type LedgerOpened } from './member-ledger';
export { createFallbackSource, type FallbackSource, type FallbackStep } from './fallback-source';
export { SOURCE_MODES, parseMemberModes, sourceSteps, type SourceMode, type SourceStep } from './source-mode';
export { writeFileAtomic, type WriteFileAtomicOptions } from './atomic-write';
export {
  createSyncRuntime,
  type MemberSource,
  type SourceKind,
  type SyncRuntime,
  type SyncRuntimeOverrides,
} from './sync-runtime';
export {
  emptyOutcome,
  messageOf,
  summarize,
  syncMembers,
  type MemberOutcome,
  type MemberStatus,
  type SyncMembersOptions,
} from './member-sync';
export { ListsFileError, type ListsFileProblem } from './lists-file-error';
export {
  LIST_SOURCE_KINDS,
  loadListsFile,
  parseListsFile,
  type ConfiguredList,
  type ListsFile,
  type ListsFileOptions,
} from './lists-file';
export { syncDefinitions, type SyncDefinitionsOptions } from './definition-sync';
export { loadDotEnv } from './dotenv';
export { formatMatchBreakdown, matchBreakdown, type MatchBreakdown } from './match-breakdown';
export { sandboxRequested } from './sandbox-requested';
export {
  SCHEDULED_RUNS_QUEUE,
  SYNC_JOBS_QUEUE,
  startJobQueue,
  type JobQueue,
  type JobQueueOptions,
} from './job-queue';
