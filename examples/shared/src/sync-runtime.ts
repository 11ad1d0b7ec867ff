import { createExportSource, createLetterboxdClient, readExport, type LetterboxdClient } from '@lbx/letterboxd';
import { createJsonFileStore, type FilmSource, type MappingStore } from '@lbx/sync';
import { createPostgresStore } from '@lbx/sync/postgres';
import { createTmdbClient, type TmdbClient } from '@lbx/tmdb';
import { syncUnavailableReason, type CommonConfig } from './common-config';
import { exportFilePath, loadExport } from './export-store';
import type { Logger } from './logger';
import { messageOf } from './member-sync';

/** Which source a member's films come from. */
export type SourceKind = 'export' | 'letterboxd';

/** Everything a sync needs, built once per process from the configuration. */
export interface SyncRuntime {
  /** Scraping client (profile/watchlist/top-rated reads, and the source of members without an export). */
  letterboxd: LetterboxdClient;
  /** TMDb client, or `null` when the credentials a sync needs are missing. */
  tmdb: TmdbClient | null;
  /**
   * Mapping store (username → TMDb list id) and film-resolution cache: the JSON file, or PostgreSQL with
   * `DATABASE_URL` (then with a cross-process per-member lock).
   */
  store: MappingStore;
  /** Why a sync cannot run (disabled, credentials missing), or `null`. */
  unavailableReason: string | null;
  /** `LETTERBOXD_EXPORT_DIR`, or `null`. */
  exportDir: string | null;
  /**
   * The source to sync `username` from. Precedence: a stored data export `<exportDir>/<username>.zip` wins
   * (it is the member's own, sanctioned copy of their data); otherwise the Letterboxd site is read.
   * A stored export that cannot be read throws (the member's sync fails; it never silently falls back).
   * Films from an export carry no TMDb id and are matched by title + year (no Letterboxd request at all).
   */
  sourceFor(username: string): Promise<{ kind: SourceKind; source: FilmSource }>;
  /** Release what the runtime opened (the Postgres store's connections). Call once, at shutdown. */
  close?(): Promise<void>;
}

/** Pieces a caller (a test, the benchmark) may supply instead of having them built from the configuration. */
export interface SyncRuntimeOverrides {
  letterboxd?: LetterboxdClient;
  /** `null` forces "no TMDb client" even when credentials are configured. */
  tmdb?: TmdbClient | null;
  store?: MappingStore;
  /** Transport for the clients built here. Default: global `fetch`. */
  fetch?: typeof fetch;
  logger?: Logger;
}

/** Build the clients and store described by `config`. Nothing is fetched or read yet. */
export function createSyncRuntime(config: CommonConfig, overrides: SyncRuntimeOverrides = {}): SyncRuntime {
  const letterboxd =
    overrides.letterboxd ??
    createLetterboxdClient({
      baseUrl: config.letterboxd.baseUrl,
      ...(config.letterboxd.minDelayMs !== undefined && { minDelayMs: config.letterboxd.minDelayMs }),
      ...(config.letterboxd.concurrency !== undefined && { concurrency: config.letterboxd.concurrency }),
      ...(overrides.fetch && { fetch: overrides.fetch }),
      ...(overrides.logger && { logger: overrides.logger }),
    });
  const unavailableReason = syncUnavailableReason(config);
  const tmdb =
    overrides.tmdb !== undefined
      ? overrides.tmdb
      : unavailableReason === null
        ? createTmdbClient({
            apiKey: config.tmdb.apiKey,
            readAccessToken: config.tmdb.readAccessToken,
            userAccessToken: config.tmdb.userAccessToken,
            accountId: config.tmdb.accountId,
            baseUrl: config.tmdb.baseUrl,
            ...(overrides.fetch && { fetch: overrides.fetch }),
            ...(overrides.logger && { logger: overrides.logger }),
          })
        : null;
  const store =
    overrides.store ??
    (config.databaseUrl !== null
      ? createPostgresStore({ connectionString: config.databaseUrl })
      : createJsonFileStore(config.mappingsFile));
  const exportDir = config.exportDir;

  return {
    letterboxd,
    tmdb,
    store,
    unavailableReason: tmdb === null ? (unavailableReason ?? 'No TMDb client is configured.') : unavailableReason,
    exportDir,
    async close() {
      // Only a store built here is ours to close (the Postgres store's pool); an injected one is the caller's.
      if (overrides.store === undefined) await (store as { close?: () => Promise<void> }).close?.();
    },
    async sourceFor(username) {
      const bytes = await loadExport(exportDir, username);
      if (bytes === null) return { kind: 'letterboxd', source: letterboxd };
      try {
        return { kind: 'export', source: createExportSource(await readExport(bytes)) };
      } catch (error) {
        throw new Error(
          `The stored data export ${exportFilePath(exportDir as string, username)} could not be read ` +
            `(${messageOf(error)}); upload a fresh export or delete the file.`,
          { cause: error },
        );
      }
    },
  };
}
