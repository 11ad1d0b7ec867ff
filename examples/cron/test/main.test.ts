import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeLetterboxd, createFakeTmdb, serveHandlers, type FakeLetterboxd, type FakeTmdb } from '@lbx/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otto, rita } from '../../shared/test/support/members';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const main = join(root, 'examples/cron/src/main.ts');

let lb: FakeLetterboxd;
let tmdb: FakeTmdb;
const servers: Array<{ close(): Promise<void> }> = [];
let lbUrl = '';
let tmdbUrl = '';
let dir = '';

beforeAll(async () => {
  const lbServed = await serveHandlers((url) => (lb = createFakeLetterboxd({ baseUrl: url, members: [rita, otto] })).handlers);
  const tmdbServed = await serveHandlers((url) => (tmdb = createFakeTmdb({ baseUrl: url })).handlers);
  servers.push(lbServed, tmdbServed);
  lbUrl = lbServed.url;
  tmdbUrl = tmdbServed.url;
  dir = await mkdtemp(join(tmpdir(), 'lbx-cron-main-'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

/** Run the real entry point as the demo does, in a directory without a .env. */
function runMain(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['--conditions=@lbx/source', main, ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        LETTERBOXD_BASE_URL: lbUrl,
        LETTERBOXD_MIN_DELAY_MS: '0',
        TMDB_BASE_URL: tmdbUrl,
        TMDB_API_KEY: tmdb.credentials.apiKey,
        TMDB_USER_ACCESS_TOKEN: tmdb.credentials.userAccessToken,
        TMDB_ACCOUNT_ID: tmdb.credentials.accountId,
        MAPPINGS_FILE: join(dir, 'data', 'mappings.json'),
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/cron/src/main.ts --once (as the demo spawns it)', () => {
  it('syncs, re-syncs with zero writes, and exits non-zero when a user fails', async () => {
    const first = await runMain(['--once'], { CRON_TARGET_USERS: 'reel_rita,otto_o' });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/reel_rita: synced .*list=created films_found=4 matched=4 added=4/);
    expect(first.stdout).toContain('run finished: 2 user(s): 2 synced');
    const mappings = JSON.parse(await readFile(join(dir, 'data', 'mappings.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(mappings).sort()).toEqual(['otto_o', 'reel_rita']);

    const writes = tmdb.writeCount();
    const second = await runMain(['--once'], { CRON_TARGET_USERS: 'reel_rita,otto_o' });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('run finished: 2 user(s): 0 synced, 2 unchanged');
    expect(tmdb.writeCount()).toBe(writes);

    const failing = await runMain(['--once'], { CRON_TARGET_USERS: 'nobody_here' });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('nobody_here: failed');
  }, 60_000);

  it('exits 2 with a clear message for a bad configuration', async () => {
    const before = lb.requests.length;
    const result = await runMain(['--once'], { CRON_TARGET_USERS: 'reel_rita', CRON_TIMEZONE: 'Nowhere/Land' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CRON_TIMEZONE: not a known IANA time zone');
    expect(lb.requests.length).toBe(before);
  }, 60_000);
});
