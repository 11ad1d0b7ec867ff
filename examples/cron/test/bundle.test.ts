import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, serveSites, type ServedSites } from '../../shared/test/support/served-sites';

/**
 * The production bundle (what the Docker image runs: `dist/` alone, no node_modules), built with the package's
 * own tsup config and run as `node cron.js --once` against the fakes over HTTP.
 */
let app = '';
let sites: ServedSites;

beforeAll(async () => {
  [app, sites] = await Promise.all([buildBundle('cron'), serveSites()]);
}, 120_000);
afterAll(async () => {
  await sites.close();
  await rm(app, { recursive: true, force: true });
});

describe('the production bundle (dist/cron.js)', () => {
  it('runs --once without node_modules: both members synced, exit 0', async () => {
    const child = spawn(process.execPath, ['cron.js', '--once'], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        ...sites.env,
        CRON_TARGET_USERS: 'reel_rita,otto_o',
        MAPPINGS_FILE: join(app, 'data', 'mappings.json'),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toMatch(/run finished: 2 user\(s\): 2 synced/);
    expect(sites.tmdb.lists.size).toBe(2);
  }, 120_000);
});
