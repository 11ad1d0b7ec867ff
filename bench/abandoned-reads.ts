/**
 * Abandoned reads against a real server process (issue 14's probe): 200 clients ask for 200 different members
 * and give up after 2 s; then one real read. Letterboxd is the fake served over HTTP, each answer 300 ms late; the
 * server keeps its polite defaults (1 s between request starts, 2 in flight, READ_QUEUE_MAX 20). Prints what the
 * clients got, how many requests reached Letterboxd after they had all gone and how late the last one was, and
 * how long the real read took. Not part of `pnpm bench`; run it with
 * `npx -y pnpm@12.4.2 exec tsx --conditions=@lbx/source bench/abandoned-reads.ts`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { delay, http } from 'msw';
import { createFakeLetterboxd, freePort, generateMember, serveHandlers } from '../packages/testkit/src/index.ts';

const SERVER_MAIN = fileURLToPath(new URL('../examples/server/src/main.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CLIENTS = 200;
const GIVE_UP_MS = 2000;

const arrivals: number[] = [];
const member = generateMember({ username: 'real_rae', films: 40, likedAndRated: 10, seed: 7 });
const letterboxd = await serveHandlers((url) => [
  http.get('*', async () => {
    arrivals.push(performance.now());
    await delay(300);
    return undefined; // on to the fake
  }),
  ...createFakeLetterboxd({ baseUrl: url, members: [member] }).handlers,
]);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ['--import', TSX_LOADER, '--conditions=@lbx/source', SERVER_MAIN], {
  cwd: tmpdir(),
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    LETTERBOXD_BASE_URL: letterboxd.url,
    TMDB_SYNC_ENABLED: 'false',
    LOG_LEVEL: process.env.PROBE_LOG ?? 'error',
    RATE_LIMIT_READS_PER_MINUTE: '0', // one address sends all 200: measure the queue, not the rate limit
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (let i = 0; i < 300; i += 1) {
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const outcomes = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) =>
      fetch(`${base}/users/ghost_${i}`, { signal: AbortSignal.timeout(GIVE_UP_MS) }).then(
        async (res) => (await res.arrayBuffer(), String(res.status)),
        () => 'gave up',
      ),
    ),
  );
  const gone = performance.now();
  const counts = outcomes.reduce<Record<string, number>>((all, o) => ({ ...all, [o]: (all[o] ?? 0) + 1 }), {});
  const before = arrivals.length;
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const after = arrivals.filter((t) => t > gone);
  const started = performance.now();
  const real = await fetch(`${base}/users/real_rae`);
  const realMs = performance.now() - started;
  console.log(`clients: ${JSON.stringify(counts)}`);
  console.log(`Letterboxd requests while they waited: ${before}; after the last one gave up: ${after.length}` +
    (after.length > 0 ? ` (the last ${((Math.max(...after) - gone) / 1000).toFixed(2)} s after)` : ''));
  console.log(`then a real read: ${real.status} in ${realMs.toFixed(0)} ms`);
} finally {
  child.kill('SIGTERM');
  await letterboxd.close();
}
