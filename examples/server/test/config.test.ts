import { ConfigError } from '@lbx/example-shared';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loadServerConfig } from '../src/config';

const TOKEN = 'a-long-enough-token-123';

function problems(env: Record<string, string>) {
  try {
    loadServerConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('server configuration', () => {
  it('defaults to 127.0.0.1:8000, no token, a 600 s cache', () => {
    const config = loadServerConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8000, apiToken: null, cacheTtlSeconds: 600 });
    expect(config.sync).toEqual({ enabled: true, limit: 20, sortBy: 'rating', order: 'desc' });
  });

  it('reads every variable', () => {
    const config = loadServerConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      API_TOKEN: TOKEN,
      CACHE_TTL: '0',
      RADARR_KEY: 'radarr-key-0123456789',
      ALLOWED_HOSTS: 'LBX.local, 192.168.1.20,[fd00::1],lbx.local',
      READ_QUEUE_MAX: '5',
      RATE_LIMIT_READS_PER_MINUTE: '0',
      EXPORT_MAX_UPLOAD_MB: '8',
      EXPORT_MAX_STORED: '20',
      EXPORT_MAX_STORED_MB: '100',
      EXPORT_PARSE_MEMORY_MB: '128',
      TMDB_API_KEY: 'key',
      TMDB_READ_ACCESS_TOKEN: 'read',
      TMDB_USER_ACCESS_TOKEN: 'user',
      TMDB_ACCOUNT_ID: 'acct',
      TMDB_SYNC_ENABLED: 'true',
      TMDB_SYNC_LIMIT: '50',
      TMDB_SYNC_SORT_BY: 'year',
      TMDB_SYNC_SORT_ORDER: 'asc',
      MAPPINGS_FILE: '/data/m.json',
      LETTERBOXD_BASE_URL: 'http://127.0.0.1:5001',
      TMDB_BASE_URL: 'http://127.0.0.1:5002/',
      LETTERBOXD_MIN_DELAY_MS: '250',
      LETTERBOXD_CONCURRENCY: '1',
      LETTERBOXD_EXPORT_DIR: '/data/exports',
      LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 9000,
      apiToken: TOKEN,
      cacheTtlSeconds: 0,
      radarrKey: 'radarr-key-0123456789',
      allowedHosts: ['lbx.local', '192.168.1.20', 'fd00::1'],
      reads: { maxQueue: 5, perMinute: 0 },
      exports: { maxUploadBytes: 8 * 1024 * 1024, maxStored: 20, maxStoredBytes: 100 * 1024 * 1024, parseMemoryMb: 128 },
      tmdb: { apiKey: 'key', readAccessToken: 'read', userAccessToken: 'user', accountId: 'acct', baseUrl: 'http://127.0.0.1:5002' },
      sync: { enabled: true, limit: 50, sortBy: 'year', order: 'asc' },
      letterboxd: { baseUrl: 'http://127.0.0.1:5001', minDelayMs: 250, concurrency: 1, source: 'auto', sourceByMember: new Map() },
      mappingsFile: '/data/m.json',
      databaseUrl: null,
      exportDir: '/data/exports',
      letterboxdApi: null,
      log: { level: 'warn', format: 'text' },
      lists: null,
    });
  });

  it('refuses ALLOWED_HOSTS entries with a scheme or port, naming them', () => {
    const error = problems({ ALLOWED_HOSTS: 'ok.local,http://lbx.local,lbx.local:8000' });
    expect(error.problems).toEqual([{ variable: 'ALLOWED_HOSTS', message: expect.stringContaining('"http://lbx.local", "lbx.local:8000"') }]);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', 'example.com'])('refuses to bind %s without API_TOKEN', (host) => {
    const error = problems({ HOST: host });
    expect(error.problems).toEqual([{ variable: 'HOST', message: expect.stringContaining(`refusing to listen on ${host} without API_TOKEN`) }]);
    expect(error.message).toContain('Set API_TOKEN');
    expect(loadServerConfig({ HOST: host, API_TOKEN: TOKEN }).host).toBe(host);
  });

  it.each(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]'])('allows the loopback address %s without a token', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
    expect(loadServerConfig({ HOST: host }).apiToken).toBeNull();
  });

  it('refuses a short API_TOKEN without printing it', () => {
    const error = problems({ API_TOKEN: 'hunter2' });
    expect(error.message).toContain('API_TOKEN: must be at least 16 characters');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses an API_TOKEN a bearer header cannot carry, without printing it', () => {
    const error = problems({ API_TOKEN: 'correct horse battery staple' });
    expect(error.message).toContain('API_TOKEN: may only contain letters, digits');
    expect(error.message).not.toContain('horse');
    expect(loadServerConfig({ API_TOKEN: 'dG9rZW4tb2YtdGhlLWRheQ==' }).apiToken).toBe('dG9rZW4tb2YtdGhlLWRheQ==');
  });

  it('refuses a short RADARR_KEY without printing it', () => {
    const error = problems({ RADARR_KEY: 'radarr1' });
    expect(error.message).toContain('RADARR_KEY: must be at least 16 characters');
    expect(error.message).not.toContain('radarr1');
  });

  it('names every invalid variable at once', () => {
    const error = problems({ PORT: 'eighty', TMDB_SYNC_LIMIT: '0', CACHE_TTL: '-5', LETTERBOXD_BASE_URL: 'letterboxd.com' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['CACHE_TTL', 'LETTERBOXD_BASE_URL', 'PORT', 'TMDB_SYNC_LIMIT']);
    expect(error.message).toMatch(/^Invalid configuration/);
    expect(error.message).toContain('PORT: expected a whole number from 0 to 65535');
  });
});
