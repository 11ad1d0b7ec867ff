import {
  createExportSource,
  createLetterboxdApiClient,
  createLetterboxdClient,
  type LetterboxdClient,
} from '@lbx/letterboxd';
import { applyLedgerSnapshot, createJsonFileStore, normalizeUsername, type FilmSource, type MappingStore, type SourceFilm } from '@lbx/sync';
import { createPostgresStore } from '@lbx/sync/postgres';
import { createTmdbClient, type TmdbClient } from '@lbx/tmdb';
import { syncUnavailableReason, type CommonConfig } from './common-config';
import { exportFilePath, hasStoredExport } from './export-store';
import { readStoredExport } from './parsed-export';
import { createFallbackSource } from './fallback-source';
import type { Logger } from './logger';
import { openLedger, type SourceNote } from './member-ledger';
import { messageOf } from './member-sync';
import { sourceSteps, type SourceStep } from './source-mode';

/** Which source a member's films come from: their stored export, the site, or their film ledger. */
export type SourceKind = 'export' | 'letterboxd' | 'ledger' | 'api';

/** A member's source for one sync, and what is worth reporting about it. */
export interface MemberSource {
  /** The source that answered (for `auto`, known once the films were read: the site, or the ledger after a refusal). */
  readonly kind: SourceKind;
  source: FilmSource;
  /** Lines for the run report: a fallback to the ledger, a feed that could not be read, an export seeded. */
  notes: SourceNote[];
}

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
   * The source to sync `username` from, by the member's `LETTERBOXD_SOURCE` mode (see `sourceSteps`):
   * `scrape` — a stored data export `<exportDir>/<username>.zip` wins, else the site; `ledger` — the member's
   * ledger (seeded by the stored export, the RSS feed merged on every call); `auto` — the ledger for members
   * with an export, else the site with a fallback to the ledger when Letterboxd refuses the scrape. A stored
   * export that cannot be read throws (the member's sync fails; it never silently falls back). The ZIP is parsed
   * once, off the main thread: its parsed form is kept next to it (`readStoredExport`).
   */
  sourceFor(username: string, options?: { signal?: AbortSignal }): Promise<MemberSource>;
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
  const letterboxdApi =
    config.letterboxdApi === null
      ? null
      : createLetterboxdApiClient({
          ...config.letterboxdApi,
          ...(overrides.fetch && { fetch: overrides.fetch }),
          ...(overrides.logger && { logger: overrides.logger }),
        });

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
    async sourceFor(username, { signal } = {}) {
      const mode = config.letterboxd.sourceByMember.get(normalizeUsername(username)) ?? config.letterboxd.source;
      const hasExport = await hasStoredExport(exportDir, username);
      const notes: SourceNote[] = [];
      const open: Record<SourceStep, () => Promise<FilmSource>> = {
        export: async () => {
          try {
            const data = await readStoredExport(exportDir, username);
            if (data === null) throw new Error('the file is gone');
            return createExportSource(data);
          } catch (error) {
            throw new Error(
              `The stored data export ${exportFilePath(exportDir as string, username)} could not be read ` +
                `(${messageOf(error)}); upload a fresh export or delete the file.`,
              { cause: error },
            );
          }
        },
        scrape: async () => letterboxd,
        api: async () => {
          if (letterboxdApi === null) {
            throw new Error('LETTERBOXD_SOURCE=api needs LETTERBOXD_API_CLIENT_ID and LETTERBOXD_API_CLIENT_SECRET.');
          }
          return letterboxdApi;
        },
        ledger: async () => {
          const opened = await openLedger({ store, exportDir, letterboxd }, username, { signal });
          notes.push(...opened.notes);
          return opened.source;
        },
      };
      const kindOf = (step: SourceStep): SourceKind => (step === 'scrape' ? 'letterboxd' : step);
      const steps = sourceSteps(mode, hasExport, letterboxdApi !== null);
      if (steps.length === 1) {
        const step = steps[0] as SourceStep;
        return { kind: kindOf(step), source: await open[step](), notes };
      }
      const source = createFallbackSource(
        steps.map((step) => ({ kind: kindOf(step), open: open[step] })),
        {
          onFallback: (_from, to, error) => {
            notes.push({
              level: 'warn',
              message: `Letterboxd refused the scrape (${error.message.split('. ')[0]}); synced from the ${to} for this run`,
            });
          },
          // A successful scrape keeps the ledger warm, so a later fallback starts from what the site showed.
          onAnswer: async (kind, films) => {
            if (kind === 'letterboxd' && store.ledger) await recordScrape(store, username, films).catch(() => undefined);
          },
        },
      );
      return {
        get kind() {
          return source.kind;
        },
        source,
        notes,
      };
    },
  };
}

/** The scraped top-rated films, as a partial snapshot of the member's ledger (rated and liked as of now). */
async function recordScrape(store: MappingStore, username: string, films: readonly SourceFilm[]): Promise<void> {
  await applyLedgerSnapshot(
    username,
    {
      source: 'scrape',
      takenAt: new Date().toISOString(),
      complete: false,
      films: films.map((film) => ({
        title: film.title,
        year: film.year,
        slug: film.slug,
        tmdb: film.tmdb ?? null,
        rating: film.rating,
        liked: true,
      })),
    },
    { store },
  );
}
