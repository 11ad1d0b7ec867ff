import { ConfigError } from '@lbx/example-shared';
import { describe, expect, it } from 'vitest';
import { loadCronConfig } from '../src/config';

describe('cron configuration', () => {
  it('defaults to disabled, midnight UTC, no users', () => {
    expect(loadCronConfig({})).toMatchObject({ enabled: false, schedule: '0 0 * * *', timezone: 'UTC', users: [] });
  });

  it('reads the CRON_* variables and the shared ones', () => {
    const config = loadCronConfig({
      CRON_ENABLED: 'true',
      CRON_SCHEDULE: ' 30  4 * * 1-5 ',
      CRON_TIMEZONE: 'Europe/Paris',
      CRON_TARGET_USERS: 'Ana, mo',
      TMDB_SYNC_LIMIT: '100',
      LETTERBOXD_EXPORT_DIR: '/exports',
    });
    expect(config).toMatchObject({
      enabled: true,
      schedule: '30 4 * * 1-5',
      timezone: 'Europe/Paris',
      users: ['ana', 'mo'],
      exportDir: '/exports',
    });
    expect(config.sync.limit).toBe(100);
  });

  it('names every invalid variable', () => {
    let error: ConfigError | undefined;
    try {
      loadCronConfig({
        CRON_ENABLED: 'sometimes',
        CRON_SCHEDULE: '0 0 * *',
        CRON_TIMEZONE: 'Europe/Atlantis',
        CRON_TARGET_USERS: 'ana,not valid',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems.map((p) => p.variable)).toEqual(['CRON_ENABLED', 'CRON_SCHEDULE', 'CRON_TIMEZONE', 'CRON_TARGET_USERS']);
    expect(error?.message).toContain('CRON_SCHEDULE: expected exactly 5 fields');
    expect(error?.message).toContain('CRON_TIMEZONE: not a known IANA time zone');
    expect(error?.message).toContain('CRON_TARGET_USERS: "not valid" is not a valid Letterboxd username');
  });
});
