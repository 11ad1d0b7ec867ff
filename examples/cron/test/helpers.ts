import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@lbx/example-shared';
import { createFakeLetterboxd, createFakeTmdb, type FakeLetterboxd, type FakeTmdb } from '@lbx/testkit';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { otto, rita } from './fixtures/members';

export const LETTERBOXD = 'https://letterboxd.test';
export const TMDB = 'https://tmdb.test';

/** Fakes of both sites behind msw, and a temp dir per test. */
export function useFakes() {
  const fakes = {} as { lb: FakeLetterboxd; tmdb: FakeTmdb; dir: string };
  fakes.lb = createFakeLetterboxd({ baseUrl: LETTERBOXD, members: [rita, otto] });
  fakes.tmdb = createFakeTmdb({ baseUrl: TMDB });
  const server = setupServer(...fakes.lb.handlers, ...fakes.tmdb.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(async () => {
    fakes.dir = await mkdtemp(join(tmpdir(), 'lbx-cron-'));
  });
  afterEach(async () => {
    server.resetHandlers();
    fakes.lb.reset();
    fakes.tmdb.reset();
    await rm(fakes.dir, { recursive: true, force: true });
  });
  afterAll(() => server.close());

  /** Hold the Letterboxd answers for `username` until `release()`; `entered` resolves when one is waiting. */
  const hold = (username: string) => {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get(`${LETTERBOXD}/${username}/*`, async () => {
        entered();
        await gate;
      }),
    );
    return { entered: enteredP, release };
  };
  return Object.assign(fakes, { msw: server, hold });
}

/** Environment pointing at the fakes, with TMDb credentials, plus `env` on top. */
export function testEnv(fakes: { tmdb: FakeTmdb; dir: string }, env: Record<string, string> = {}): Record<string, string> {
  return {
    LETTERBOXD_BASE_URL: LETTERBOXD,
    LETTERBOXD_MIN_DELAY_MS: '0',
    TMDB_BASE_URL: TMDB,
    TMDB_API_KEY: fakes.tmdb.credentials.apiKey,
    TMDB_USER_ACCESS_TOKEN: fakes.tmdb.credentials.userAccessToken,
    TMDB_ACCOUNT_ID: fakes.tmdb.credentials.accountId,
    MAPPINGS_FILE: join(fakes.dir, 'mappings.json'),
    CRON_TARGET_USERS: 'reel_rita,otto_o',
    LOG_LEVEL: 'info',
    ...env,
  };
}

/** A logger writing text lines (timestamps from `now`) into `lines`. */
export function memoryLogger(now: () => number): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', now: () => new Date(now()), write: (line) => lines.push(line) }) };
}
