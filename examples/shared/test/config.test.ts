import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  commonEnvShape,
  envUsernames,
  parseEnv,
  syncUnavailableReason,
  toCommonConfig,
} from '@lbx/example-shared';

const common = z.object(commonEnvShape);
const load = (env: Record<string, string | undefined>) => toCommonConfig(parseEnv(common, env));

describe('common configuration', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = load({});
    expect(config).toEqual({
      tmdb: {
        apiKey: undefined,
        readAccessToken: undefined,
        userAccessToken: undefined,
        accountId: undefined,
        baseUrl: 'https://api.themoviedb.org',
      },
      sync: { enabled: true, limit: 20, sortBy: 'rating', order: 'desc' },
      letterboxd: {
        baseUrl: 'https://letterboxd.com',
        minDelayMs: undefined,
        concurrency: undefined,
        source: 'auto',
        sourceByMember: new Map(),
      },
      mappingsFile: 'tmdb_list_mappings.json',
      databaseUrl: null,
      exportDir: null,
      letterboxdApi: null,
      log: { level: 'info', format: 'text' },
      lists: null,
    });
  });

  it('treats empty variables as unset and parses the accepted spellings', () => {
    const config = load({
      TMDB_SYNC_ENABLED: 'No',
      TMDB_SYNC_LIMIT: ' 1000 ',
      TMDB_SYNC_SORT_BY: 'TITLE',
      TMDB_SYNC_SORT_ORDER: 'asc',
      LETTERBOXD_BASE_URL: 'http://127.0.0.1:4000/',
      LETTERBOXD_MIN_DELAY_MS: '0',
      LETTERBOXD_CONCURRENCY: '',
      MAPPINGS_FILE: '/data/map.json',
      DATABASE_URL: ' postgres://lbx:secret@db:5432/lbx ',
      LETTERBOXD_EXPORT_DIR: '/data/exports',
      LETTERBOXD_SOURCE: ' Ledger ',
      LETTERBOXD_SOURCE_BY_MEMBER: 'Ana:scrape, mo=auto',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    expect(config.sync).toEqual({ enabled: false, limit: 1000, sortBy: 'title', order: 'asc' });
    expect(config.letterboxd).toEqual({
      baseUrl: 'http://127.0.0.1:4000',
      minDelayMs: 0,
      concurrency: undefined,
      source: 'ledger',
      sourceByMember: new Map([
        ['ana', 'scrape'],
        ['mo', 'auto'],
      ]),
    });
    expect(config.mappingsFile).toBe('/data/map.json');
    expect(config.databaseUrl).toBe('postgres://lbx:secret@db:5432/lbx');
    expect(config.exportDir).toBe('/data/exports');
    expect(config.log).toEqual({ level: 'debug', format: 'json' });
  });

  it('lists every invalid variable with the reason, in one error', () => {
    let error: unknown;
    try {
      load({
        TMDB_SYNC_LIMIT: '1001',
        TMDB_SYNC_ENABLED: 'maybe',
        TMDB_SYNC_SORT_BY: 'popularity',
        TMDB_BASE_URL: 'ftp://tmdb.example',
        LETTERBOXD_CONCURRENCY: '2.5',
        LETTERBOXD_SOURCE: 'rss',
        LETTERBOXD_SOURCE_BY_MEMBER: 'ana:ledger,mo',
        LOG_LEVEL: 'verbose',
        DATABASE_URL: 'mysql://db/lbx',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'LETTERBOXD_CONCURRENCY',
      'LETTERBOXD_SOURCE',
      'LETTERBOXD_SOURCE_BY_MEMBER',
      'LOG_LEVEL',
      'TMDB_BASE_URL',
      'TMDB_SYNC_ENABLED',
      'TMDB_SYNC_LIMIT',
      'TMDB_SYNC_SORT_BY',
    ]);
    const message = (error as ConfigError).message;
    expect(message).toContain('TMDB_SYNC_LIMIT: expected a whole number from 1 to 1000');
    expect(message).toContain('TMDB_SYNC_SORT_BY: expected one of: rating, title, year');
    expect(message).toContain('TMDB_BASE_URL: expected an http:// or https:// URL');
    expect(message).toContain('LOG_LEVEL: expected one of: debug, info, warn, error, silent');
    expect(message).toContain('DATABASE_URL: expected a PostgreSQL connection string');
    expect(message).toContain('LETTERBOXD_SOURCE: expected one of: scrape, ledger, api, auto');
    expect(message).toContain('LETTERBOXD_SOURCE_BY_MEMBER: "mo" is not <username>:<scrape|ledger|api|auto>');
  });

  it('says which sync credentials are missing, and that a disabled sync is disabled', () => {
    expect(syncUnavailableReason(load({}))).toBe(
      'TMDb credentials are missing: set TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN, TMDB_USER_ACCESS_TOKEN, ' +
        'TMDB_ACCOUNT_ID (see the @lbx/tmdb README for the v4 sign-in flow).',
    );
    const complete = { TMDB_API_KEY: 'k', TMDB_USER_ACCESS_TOKEN: 'u', TMDB_ACCOUNT_ID: 'a' };
    expect(syncUnavailableReason(load(complete))).toBeNull();
    expect(syncUnavailableReason(load({ ...complete, TMDB_SYNC_ENABLED: 'false' }))).toContain(
      'TMDB_SYNC_ENABLED=false',
    );
  });
});

describe('username lists', () => {
  const schema = z.object({ USERS: envUsernames() });

  it('splits, trims, lower-cases and de-duplicates', () => {
    expect(parseEnv(schema, { USERS: ' ana, mo ,,Ana,quinn_q-2 ' }).USERS).toEqual(['ana', 'mo', 'quinn_q-2']);
    expect(parseEnv(schema, {}).USERS).toEqual([]);
  });

  it('names each invalid username', () => {
    expect(() => parseEnv(schema, { USERS: 'ana,bad name,x'.concat(',', 'y'.repeat(101)) })).toThrow(
      /USERS: "bad name", "y{40}…" are not valid Letterboxd usernames/,
    );
  });
});
