import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createFakeLetterboxd, createFakeTmdb, serveHandlers, type FakeTmdb, type ServedHandlers } from '@lbx/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otto, rita } from '../../shared/test/support/members';

/**
 * The production bundle (what the Docker image runs: `dist/` alone, no node_modules), built with the package's
 * own tsup config and run as `node cron.js --once` against the fakes over HTTP.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const cronDir = join(root, 'examples/cron');

let app = '';
let tmdb: FakeTmdb;
const served: ServedHandlers[] = [];

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js')], { cwd: cronDir });
  app = await mkdtemp(join(tmpdir(), 'lbx-cron-bundle-'));
  await cp(join(cronDir, 'dist'), app, { recursive: true });
  served.push(
    await serveHandlers((url) => createFakeLetterboxd({ baseUrl: url, members: [rita, otto] }).handlers),
    await serveHandlers((url) => (tmdb = createFakeTmdb({ baseUrl: url })).handlers),
  );
}, 120_000);
afterAll(async () => {
  await Promise.all(served.map((server) => server.close()));
  await rm(app, { recursive: true, force: true });
});

describe('the production bundle (dist/cron.js)', () => {
  it('runs --once without node_modules: both members synced, exit 0', async () => {
    const child = spawn(process.execPath, ['cron.js', '--once'], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        CRON_TARGET_USERS: 'reel_rita,otto_o',
        MAPPINGS_FILE: join(app, 'data', 'mappings.json'),
        LETTERBOXD_BASE_URL: served[0]?.url ?? '',
        LETTERBOXD_MIN_DELAY_MS: '0',
        TMDB_BASE_URL: served[1]?.url ?? '',
        TMDB_API_KEY: tmdb.credentials.apiKey,
        TMDB_USER_ACCESS_TOKEN: tmdb.credentials.userAccessToken,
        TMDB_ACCOUNT_ID: tmdb.credentials.accountId,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toMatch(/run finished: 2 user\(s\): 2 synced/);
    expect(tmdb.lists.size).toBe(2);
  }, 120_000);
});
