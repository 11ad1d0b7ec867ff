import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeLetterboxd, createFakeTmdb, type FakeLetterboxd, type FakeTmdb } from '@lbx/testkit';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { otto, rita } from './members';

/**
 * Test support shared by the examples' suites (server and cron): fakes of both sites behind msw, with the
 * test members "reel_rita" and "otto_o". Not part of @lbx/example-shared's runtime exports.
 */

export const LETTERBOXD = 'https://letterboxd.test';
export const TMDB = 'https://tmdb.test';

/** The fakes, and a fresh temporary directory per test (`dir`). */
export interface SiteFakes {
  lb: FakeLetterboxd;
  tmdb: FakeTmdb;
  dir: string;
  msw: SetupServer;
}

/** Options of {@link useSiteFakes}. */
export interface SiteFakesOptions {
  /** Prefix of each test's temporary directory, e.g. `'lbx-cron-'`. */
  tempPrefix: string;
  /** msw's policy for requests no handler answers. Default `'error'`. */
  onUnhandledRequest?: NonNullable<Parameters<SetupServer['listen']>[0]>['onUnhandledRequest'];
}

/** Register the msw server and the per-test reset/temp-dir hooks of the current suite. */
export function useSiteFakes(options: SiteFakesOptions): SiteFakes {
  const lb = createFakeLetterboxd({ baseUrl: LETTERBOXD, members: [rita, otto] });
  const tmdb = createFakeTmdb({ baseUrl: TMDB });
  const msw = setupServer(...lb.handlers, ...tmdb.handlers);
  const fakes: SiteFakes = { lb, tmdb, dir: '', msw };
  beforeAll(() => msw.listen({ onUnhandledRequest: options.onUnhandledRequest ?? 'error' }));
  beforeEach(async () => {
    fakes.dir = await mkdtemp(join(tmpdir(), options.tempPrefix));
  });
  afterEach(async () => {
    msw.resetHandlers();
    lb.reset();
    tmdb.reset();
    await rm(fakes.dir, { recursive: true, force: true });
  });
  afterAll(() => msw.close());
  return fakes;
}

/** The variables pointing both apps at the fakes, with TMDb credentials and a mapping file in `dir`. */
export function fakeSitesEnv(fakes: { tmdb: FakeTmdb; dir: string }): Record<string, string> {
  return {
    LETTERBOXD_BASE_URL: LETTERBOXD,
    LETTERBOXD_MIN_DELAY_MS: '0',
    TMDB_BASE_URL: TMDB,
    TMDB_API_KEY: fakes.tmdb.credentials.apiKey,
    TMDB_USER_ACCESS_TOKEN: fakes.tmdb.credentials.userAccessToken,
    TMDB_ACCOUNT_ID: fakes.tmdb.credentials.accountId,
    MAPPINGS_FILE: join(fakes.dir, 'mappings.json'),
  };
}
