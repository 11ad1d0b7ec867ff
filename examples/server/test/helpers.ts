import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeLetterboxd, createFakeTmdb, type FakeLetterboxd, type FakeTmdb } from '@lbx/testkit';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createApp, type AppDeps, type LbxApp } from '../src/app';
import { loadServerConfig, type ServerConfig } from '../src/config';
import { otto, rita } from './fixtures/members';

export const LETTERBOXD = 'https://letterboxd.test';
export const TMDB = 'https://tmdb.test';
export const TOKEN = 'test-token-0123456789abcdef';

/** Fakes of both sites behind msw (requests to 127.0.0.1, our own server, pass through), a temp dir per test. */
export function useFakes() {
  const fakes = {} as { lb: FakeLetterboxd; tmdb: FakeTmdb; dir: string };
  fakes.lb = createFakeLetterboxd({ baseUrl: LETTERBOXD, members: [rita, otto] });
  fakes.tmdb = createFakeTmdb({ baseUrl: TMDB });
  const server = setupServer(...fakes.lb.handlers, ...fakes.tmdb.handlers);
  beforeAll(() =>
    server.listen({
      onUnhandledRequest(request, print) {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    }),
  );
  beforeEach(async () => {
    fakes.dir = await mkdtemp(join(tmpdir(), 'lbx-server-'));
  });
  afterEach(async () => {
    server.resetHandlers();
    fakes.lb.reset();
    fakes.tmdb.reset();
    await rm(fakes.dir, { recursive: true, force: true });
  });
  afterAll(() => server.close());
  return Object.assign(fakes, { msw: server });
}

/** A configuration pointing at the fakes, with TMDb credentials and a bearer token, plus `env` on top. */
export function testConfig(fakes: { tmdb: FakeTmdb; dir: string }, env: Record<string, string> = {}): ServerConfig {
  return loadServerConfig({
    LETTERBOXD_BASE_URL: LETTERBOXD,
    LETTERBOXD_MIN_DELAY_MS: '0',
    TMDB_BASE_URL: TMDB,
    TMDB_API_KEY: fakes.tmdb.credentials.apiKey,
    TMDB_USER_ACCESS_TOKEN: fakes.tmdb.credentials.userAccessToken,
    TMDB_ACCOUNT_ID: fakes.tmdb.credentials.accountId,
    MAPPINGS_FILE: join(fakes.dir, 'mappings.json'),
    API_TOKEN: TOKEN,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

/** `createApp` with the test configuration. */
export function testApp(fakes: { tmdb: FakeTmdb; dir: string }, env: Record<string, string> = {}, deps: AppDeps = {}): LbxApp {
  return createApp(testConfig(fakes, env), deps);
}

export const auth = { Authorization: `Bearer ${TOKEN}` };

/** Poll a job until it is finished (no timing: each poll waits for the event loop to turn). */
export async function waitForJob(app: LbxApp, jobId: string) {
  for (let i = 0; i < 10_000; i += 1) {
    const body = (await (await app.request(`/jobs/${jobId}`)).json()) as { status: string };
    if (body.status !== 'queued' && body.status !== 'running') return body as Record<string, unknown> & { status: string };
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Requests the fake Letterboxd received, as "METHOD path". */
export function letterboxdRequests(lb: FakeLetterboxd): string[] {
  return lb.requests.map((r) => `${r.method} ${r.path}`);
}
