import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createFakeLetterboxd, freePort, generateMember, serveHandlers, type FakeLetterboxd } from '../packages/testkit/src/index.ts';
import { int, type Row } from './report-table.ts';

const SERVER_MAIN = fileURLToPath(new URL('../examples/server/src/main.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const USER = 'bench_bea';
const CONNECTIONS = 10;
const DURATION_S = 5;

async function waitForHealth(url: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit !== null) throw new Error(`the example server exited before answering: ${exit}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the example server did not answer ${url}/health within 30 s`);
}

/**
 * The example server (its own process, as deployed) answering a cached `GET /users/{u}/top-rated`, loaded by
 * autocannon from this process. Letterboxd is the fake, served over HTTP; after the first request the answer
 * comes from the server's cache, which the row checks.
 */
export async function serverThroughput(): Promise<Row[]> {
  const member = generateMember({ username: USER, films: 2000, likedAndRated: 100, seed: 23 });
  let fake: FakeLetterboxd | undefined;
  const letterboxd = await serveHandlers((url) => {
    fake = createFakeLetterboxd({ baseUrl: url, members: [member] });
    return fake.handlers;
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stderr: string[] = [];
  let exit: string | null = null;
  const child = spawn(process.execPath, [TSX_CLI, '--conditions=@lbx/source', SERVER_MAIN], {
    // Outside the repository, so a developer's .env cannot change the measured configuration.
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      LETTERBOXD_BASE_URL: letterboxd.url,
      LETTERBOXD_MIN_DELAY_MS: '0',
      TMDB_SYNC_ENABLED: 'false',
      // autocannon is one client: the per-client read limit would answer it 429 after 120 requests. The bench
      // measures the cached read path, so the limit is off here (it stays on by default for deployments).
      RATE_LIMIT_READS_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  child.on('exit', (code, signal) => {
    exit = `code ${code ?? signal}${stderr.length > 0 ? `: ${stderr.join('').trim().split('\n')[0]}` : ''}`;
  });
  try {
    await waitForHealth(url, () => exit);
    const path = `/users/${USER}/top-rated`;
    const first = await fetch(`${url}${path}`);
    const body = (await first.json()) as { total_rated?: number; films?: unknown[] };
    if (first.status !== 200 || body.total_rated !== 100 || body.films?.length !== 20) {
      throw new Error(`GET ${path} answered ${first.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
    const scrapes = fake?.requests.length ?? 0;
    const result = await autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: DURATION_S });
    const extra = (fake?.requests.length ?? 0) - scrapes;
    if (result.errors > 0 || result.non2xx > 0) {
      throw new Error(`autocannon saw ${result.errors} errors and ${result.non2xx} non-2xx answers`);
    }
    return [
      {
        benchmark: 'Example server (own process)',
        case: `cached GET ${path.replace(USER, '{u}')}, ${CONNECTIONS} connections, ${DURATION_S} s`,
        result: `${int(result.requests.average)} req/s`,
        details: `p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms · ${int(result.requests.total)} requests · Letterboxd: ${scrapes} scrape requests, ${extra} during the load`,
      },
    ];
  } finally {
    if (exit === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await letterboxd.close();
  }
}
