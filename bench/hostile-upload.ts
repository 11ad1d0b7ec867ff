/**
 * Hostile export uploads against a real server process: `/health` latency and the server's RSS while each upload
 * is read. Not part of `pnpm bench` (it is a probe of issue 14's acceptance, not a throughput number); run it with
 * `npx -y pnpm@12.4.2 exec tsx --conditions=@lbx/source bench/hostile-upload.ts [--dist]` (Linux: RSS from /proc).
 *
 * Each case uploads a ZIP while `/health` is asked every 20 ms; it prints the upload's status and time, the
 * slowest and median `/health` answer during it, and the server's peak RSS (sampled every 20 ms).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../packages/testkit/src/index.ts';

const require = createRequire(new URL('../examples/server/package.json', import.meta.url));
const { strToU8, zipSync } = require('fflate') as {
  strToU8(text: string): Uint8Array;
  zipSync(files: Record<string, [Uint8Array, { level: number }]>): Uint8Array;
};
const SERVER_MAIN = fileURLToPath(new URL('../examples/server/src/main.ts', import.meta.url));
/** `--dist`: the production bundle (`npx tsup` in examples/server first) instead of the sources through tsx. */
const SERVER_DIST = fileURLToPath(new URL('../examples/server/dist/server.js', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const TOKEN = 'bench-token-0123456789abcdef';
const MIB = 1024 * 1024;

const profile = 'Date Joined,Username\r\n2021-05-06,bench_bea\r\n';
const header = 'Date,Name,Year,Letterboxd URI\r\n';
const likes = `${header}2024-01-02,The Matrix,1999,https://boxd.it/2aXk\r\n`;
const rows = (n: number) => `${header}${'2024-01-01,A hostile film title of some length,2000,https://boxd.it/x\r\n'.repeat(n)}`;
const shortRows = (n: number) => `${header}${'2024-01-01,X,2000,https://boxd.it/x\r\n'.repeat(n)}`;
const zip = (files: Record<string, string | Uint8Array>, level: 0 | 1 | 6 = 6) =>
  new Uint8Array(zipSync(Object.fromEntries(Object.entries(files).map(([p, c]) => [p, [typeof c === 'string' ? strToU8(c) : c, { level }]]))));

function bigRatings(bytes: number): Uint8Array {
  const csv = new Uint8Array(bytes).fill(0x20);
  csv.set(strToU8('Date,Name,Year,Letterboxd URI,Rating\r\n'));
  return csv;
}

const cases: Array<[name: string, body: () => Uint8Array<ArrayBuffer>, times?: number]> = [
  ['real-sized export (2,000 films)', () => zip({ 'profile.csv': profile, 'likes/films.csv': likes, 'watched.csv': rows(2000) })],
  ['95 MiB ratings.csv in a small ZIP (issue probe)', () => zip({ 'profile.csv': profile, 'ratings.csv': bigRatings(95 * MIB) }, 1)],
  ['99,990 rows (just under the row cap: accepted)', () => zip({ 'profile.csv': profile, 'likes/films.csv': likes, 'watched.csv': rows(99_990) })],
  ['560,000 rows (refused: CSV over 16 MiB)', () => zip({ 'profile.csv': profile, 'likes/films.csv': likes, 'watched.csv': rows(560_000) })],
  ['400,000 short rows (refused at 100,000 rows)', () => zip({ 'profile.csv': profile, 'likes/films.csv': likes, 'watched.csv': shortRows(400_000) })],
  ['10,001 ZIP entries', () => zip(Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`lists/l${i}.csv`, 'x']))) ],
  ['3 × 99,990 rows at once', () => zip({ 'profile.csv': profile, 'likes/films.csv': likes, 'watched.csv': rows(99_990) }), 3],
];

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lbx-hostile-'));
  const port = await freePort();
  // Not the tsx CLI: it runs the script in a child process, and the RSS measured must be the server's own.
  const args = process.argv.includes('--dist') ? [SERVER_DIST] : ['--import', TSX_LOADER, '--conditions=@lbx/source', SERVER_MAIN];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      PORT: String(port),
      API_TOKEN: TOKEN,
      LETTERBOXD_EXPORT_DIR: join(dir, 'exports'),
      MAPPINGS_FILE: join(dir, 'mappings.json'),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 300; i += 1) {
      if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const idle = await rssMb(child.pid as number);
    console.log(`server RSS idle: ${idle.toFixed(0)} MB\n`);
    console.log('| case | ZIP | status | upload s | /health max ms | /health p50 ms | /health answers | peak RSS MB |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, make, times = 1] of cases) {
      const body = make();
      let done = false;
      let peak = 0;
      const latencies: number[] = [];
      const sampler = (async () => {
        while (!done) {
          peak = Math.max(peak, await rssMb(child.pid as number));
          const t = performance.now();
          await fetch(`${base}/health`).then((r) => r.arrayBuffer());
          latencies.push(performance.now() - t);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      const started = performance.now();
      const statuses = await Promise.all(
        Array.from({ length: times }, () =>
          fetch(`${base}/users/bench_bea/export`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/zip' },
            body,
          }).then(async (r) => (await r.arrayBuffer(), r.status)),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      done = true;
      await sampler;
      latencies.sort((a, b) => a - b);
      const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
      const max = latencies.at(-1) ?? 0;
      console.log(
        `| ${name} | ${(body.byteLength / 1024).toFixed(0)} KB | ${statuses.join(', ')} | ${seconds.toFixed(1)} | ${max.toFixed(0)} | ${p50.toFixed(0)} | ${latencies.length} | ${peak.toFixed(0)} |`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
