import { z } from 'zod';
import { envBoolean, envEnum, envInt, envString, envUrl } from './env-schema';
import { loadListsFile, type ListsFile, type ListsFileOptions } from './lists-file';
import { LOG_LEVELS, type LogFormat, type LogLevel } from './logger';
import { SOURCE_MODES, envMemberModes, type SourceMode } from './source-mode';

/** Default public sites; tests, the demo and self-hosters behind a proxy point the base URLs elsewhere. */
export const DEFAULT_LETTERBOXD_BASE_URL = 'https://letterboxd.com';
export const DEFAULT_TMDB_BASE_URL = 'https://api.themoviedb.org';
export const DEFAULT_LETTERBOXD_API_BASE_URL = 'https://api.letterboxd.com/api/v0';
/** The original service's mapping file name, in the working directory. */
export const DEFAULT_MAPPINGS_FILE = 'tmdb_list_mappings.json';

/**
 * Variables both apps read (TMDb credentials, sync options, Letterboxd transport, mapping store, exports,
 * logging). Each app extends this shape with its own variables.
 */
export const commonEnvShape = {
  TMDB_API_KEY: envString(),
  TMDB_READ_ACCESS_TOKEN: envString(),
  TMDB_USER_ACCESS_TOKEN: envString(),
  TMDB_ACCOUNT_ID: envString(),
  TMDB_BASE_URL: envUrl(DEFAULT_TMDB_BASE_URL),
  TMDB_SYNC_ENABLED: envBoolean(true),
  TMDB_SYNC_LIMIT: envInt({ min: 1, max: 1000, default: 20 }),
  TMDB_SYNC_SORT_BY: envEnum(['rating', 'title', 'year'], 'rating'),
  TMDB_SYNC_SORT_ORDER: envEnum(['asc', 'desc'], 'desc'),
  MAPPINGS_FILE: envString(),
  DATABASE_URL: envString().refine((url) => url === undefined || /^postgres(ql)?:\/\/\S+$/.test(url), {
    message: 'expected a PostgreSQL connection string such as postgres://user:password@host:5432/lbx',
  }),
  LETTERBOXD_BASE_URL: envUrl(DEFAULT_LETTERBOXD_BASE_URL),
  LETTERBOXD_MIN_DELAY_MS: envInt({ min: 0, max: 60_000 }),
  LETTERBOXD_CONCURRENCY: envInt({ min: 1, max: 16 }),
  LETTERBOXD_EXPORT_DIR: envString(),
  LETTERBOXD_API_CLIENT_ID: envString(),
  LETTERBOXD_API_CLIENT_SECRET: envString(),
  LETTERBOXD_API_BASE_URL: envUrl(DEFAULT_LETTERBOXD_API_BASE_URL),
  LETTERBOXD_SOURCE: envEnum(SOURCE_MODES, 'auto'),
  LETTERBOXD_SOURCE_BY_MEMBER: envMemberModes(),
  LBX_LISTS_FILE: envString(),
  LOG_LEVEL: envEnum(LOG_LEVELS, 'info'),
  LOG_FORMAT: envEnum(['text', 'json'], 'text'),
};

/** Parsed output of {@link commonEnvShape}. */
export type CommonEnv = z.output<z.ZodObject<typeof commonEnvShape>>;

/** The settings both apps share, in camelCase. Secrets stay in `tmdb` and are never logged. */
export interface CommonConfig {
  tmdb: {
    apiKey?: string;
    readAccessToken?: string;
    userAccessToken?: string;
    accountId?: string;
    /** Default `https://api.themoviedb.org`. */
    baseUrl: string;
  };
  sync: {
    /** `TMDB_SYNC_ENABLED`, default `true`. */
    enabled: boolean;
    /** Films per member list, 1–1000, default 20. */
    limit: number;
    /** Default `rating`. */
    sortBy: 'rating' | 'title' | 'year';
    /** Default `desc`. */
    order: 'asc' | 'desc';
  };
  letterboxd: {
    /** Default `https://letterboxd.com`. */
    baseUrl: string;
    /** Pause between requests in ms; `undefined` keeps the client's polite default. */
    minDelayMs?: number;
    /** Parallel requests; `undefined` keeps the client's default. */
    concurrency?: number;
    /** `LETTERBOXD_SOURCE`: where members' films come from (see `sourceSteps`). Default `auto`. */
    source: SourceMode;
    /** `LETTERBOXD_SOURCE_BY_MEMBER`: per-member modes (lower-case usernames). */
    sourceByMember: ReadonlyMap<string, SourceMode>;
  };
  /** JSON mapping file (username → TMDb list id). Default `tmdb_list_mappings.json`. */
  mappingsFile: string;
  /**
   * `DATABASE_URL`: PostgreSQL shared by every replica (store, locks, durable jobs), or `null` for the JSON
   * file and in-process jobs (the default).
   */
  databaseUrl: string | null;
  /** Directory of uploaded/dropped data exports (`<username>.zip`), or `null` when exports are not used. */
  exportDir: string | null;
  /**
   * Letterboxd's official API when both `LETTERBOXD_API_CLIENT_ID` and `LETTERBOXD_API_CLIENT_SECRET` are set
   * (then the first source in `auto` mode), else `null`. The secret is never logged.
   */
  letterboxdApi: { clientId: string; clientSecret: string; baseUrl: string } | null;
  log: { level: LogLevel; format: LogFormat };
  /**
   * `LBX_LISTS_FILE`: the list definitions to sync besides the members' top-rated lists (see `loadListsFile`),
   * or `null` when the variable is unset (the apps then sync top-rated lists only, as before).
   */
  lists: ListsFile | null;
}

/**
 * Map the parsed common variables to {@link CommonConfig}. Reads `LBX_LISTS_FILE` when set (a bad file throws a
 * `ListsFileError`, which is a `ConfigError`); `lists` checks its TMDb list names against those members' lists.
 */
export function toCommonConfig(env: CommonEnv, lists: ListsFileOptions = {}): CommonConfig {
  return {
    tmdb: {
      apiKey: env.TMDB_API_KEY,
      readAccessToken: env.TMDB_READ_ACCESS_TOKEN,
      userAccessToken: env.TMDB_USER_ACCESS_TOKEN,
      accountId: env.TMDB_ACCOUNT_ID,
      baseUrl: env.TMDB_BASE_URL,
    },
    sync: {
      enabled: env.TMDB_SYNC_ENABLED,
      limit: env.TMDB_SYNC_LIMIT ?? 20,
      sortBy: env.TMDB_SYNC_SORT_BY,
      order: env.TMDB_SYNC_SORT_ORDER,
    },
    letterboxd: {
      baseUrl: env.LETTERBOXD_BASE_URL,
      minDelayMs: env.LETTERBOXD_MIN_DELAY_MS,
      concurrency: env.LETTERBOXD_CONCURRENCY,
      source: env.LETTERBOXD_SOURCE,
      sourceByMember: env.LETTERBOXD_SOURCE_BY_MEMBER,
    },
    mappingsFile: env.MAPPINGS_FILE ?? DEFAULT_MAPPINGS_FILE,
    databaseUrl: env.DATABASE_URL ?? null,
    exportDir: env.LETTERBOXD_EXPORT_DIR ?? null,
    letterboxdApi:
      env.LETTERBOXD_API_CLIENT_ID && env.LETTERBOXD_API_CLIENT_SECRET
        ? { clientId: env.LETTERBOXD_API_CLIENT_ID, clientSecret: env.LETTERBOXD_API_CLIENT_SECRET, baseUrl: env.LETTERBOXD_API_BASE_URL }
        : null,
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    lists: env.LBX_LISTS_FILE === undefined ? null : loadListsFile(env.LBX_LISTS_FILE, lists),
  };
}

/**
 * Why a sync cannot run with this configuration, or `null` when it can. Writing a v4 list needs a user
 * access token (TMDb's v4 approval flow) and its account id; matching films needs read access (an API key or
 * a read access token).
 */
export function syncUnavailableReason(config: CommonConfig): string | null {
  if (!config.sync.enabled) return 'TMDb sync is disabled on this server (TMDB_SYNC_ENABLED=false).';
  const missing: string[] = [];
  if (!config.tmdb.apiKey && !config.tmdb.readAccessToken) missing.push('TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN');
  if (!config.tmdb.userAccessToken) missing.push('TMDB_USER_ACCESS_TOKEN');
  if (!config.tmdb.accountId) missing.push('TMDB_ACCOUNT_ID');
  if (missing.length === 0) return null;
  return `TMDb credentials are missing: set ${missing.join(', ')} (see the @lbx/tmdb README for the v4 sign-in flow).`;
}
