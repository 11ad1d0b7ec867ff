import type { FakeLetterboxd, FakeTmdb } from '@lbx/testkit';
import { fakeSitesEnv, useSiteFakes } from '../../shared/test/support/fake-sites';
import { createApp, type AppDeps, type LbxApp } from '../src/app';
import { loadServerConfig, type ServerConfig } from '../src/config';

export { LETTERBOXD, TMDB } from '../../shared/test/support/fake-sites';
export const TOKEN = 'test-token-0123456789abcdef';

/** Fakes of both sites behind msw (requests to 127.0.0.1, our own server, pass through), a temp dir per test. */
export function useFakes() {
  return useSiteFakes({
    tempPrefix: 'lbx-server-',
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
}

/** A configuration pointing at the fakes, with TMDb credentials and a bearer token, plus `env` on top. */
export function testConfig(fakes: { tmdb: FakeTmdb; dir: string }, env: Record<string, string> = {}): ServerConfig {
  return loadServerConfig({
    ...fakeSitesEnv(fakes),
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
    const body = (await (await app.request(`/jobs/${jobId}`, { headers: auth })).json()) as { status: string };
    if (body.status !== 'queued' && body.status !== 'running') return body as Record<string, unknown> & { status: string };
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Requests the fake Letterboxd received, as "METHOD path". */
export function letterboxdRequests(lb: FakeLetterboxd): string[] {
  return lb.requests.map((r) => `${r.method} ${r.path}`);
}

/**
 * reel_rita also rates "Ghost Reel" (1931), 5 stars and liked, a film TMDb does not know under that title: the
 * search finds nothing, so it is not matched.
 */
export function addGhostReel(lb: FakeLetterboxd): void {
  const rita = lb.members.get('reel_rita');
  if (!rita) throw new Error('the fake Letterboxd has no reel_rita');
  lb.addMember({
    ...rita,
    films: [
      ...rita.films,
      { slug: 'ghost-reel', title: 'Ghost Reel', year: 1931, rating: 5, liked: true, tmdb: null, imdbId: null, directors: [], watchlisted: false },
    ],
  });
}
