import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeLetterboxd, createFakeTmdb, serveHandlers, type FakeLetterboxd, type FakeTmdb } from '@lbx/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otto, rita } from './support/members';
import { spawnScript } from './support/spawn-script';

// "Real" sites for the demo's real mode: the fakes served over HTTP, as a self-hoster's credentials would reach TMDb.
let lb: FakeLetterboxd;
let tmdb: FakeTmdb;
const servers: Array<{ url: string; close(): Promise<void> }> = [];
let dir = '';

beforeAll(async () => {
  servers.push(await serveHandlers((url) => (lb = createFakeLetterboxd({ baseUrl: url, members: [rita, otto] })).handlers));
  servers.push(await serveHandlers((url) => (tmdb = createFakeTmdb({ baseUrl: url })).handlers));
  dir = await mkdtemp(join(tmpdir(), 'lbx-demo-script-'));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

function realEnv(): Record<string, string> {
  return {
    LETTERBOXD_BASE_URL: servers[0]?.url as string,
    LETTERBOXD_MIN_DELAY_MS: '0',
    TMDB_BASE_URL: servers[1]?.url as string,
    TMDB_API_KEY: tmdb.credentials.apiKey,
    TMDB_USER_ACCESS_TOKEN: tmdb.credentials.userAccessToken,
    TMDB_ACCOUNT_ID: tmdb.credentials.accountId,
    CRON_TARGET_USERS: 'reel_rita',
    MAPPINGS_FILE: join(dir, 'mappings.json'),
  };
}

describe('npx -y pnpm@12.4.2 demo (scripts/demo.ts, spawned) with real credentials', () => {
  it('is a dry run without --write (nothing written), and writes with --write', async () => {
    const dry = spawnScript('demo.ts', [], { cwd: dir, env: realEnv() });
    expect(await dry.exited).toBe(0);
    expect(dry.output()).toContain('lbx demo (real, dry run)');
    expect(dry.output()).toMatch(/reel_rita: synced .*dry_run=true/);
    expect(tmdb.writeCount()).toBe(0);
    expect(tmdb.lists.size).toBe(0);

    const real = spawnScript('demo.ts', ['--write'], { cwd: dir, env: realEnv() });
    expect(await real.exited).toBe(0);
    expect(real.output()).toContain('writing to TMDb');
    expect([...tmdb.lists.values()].map((list) => list.items.length)).toEqual([4]);
  }, 180_000); // spawns tsx processes: slow on a loaded machine, not a timing assertion

  it('names the missing credentials when only some are set (not "some TMDB_* variables"), and ignores TMDB_SYNC_*', async () => {
    const partial = spawnScript('demo.ts', [], { cwd: dir, env: { TMDB_API_KEY: 'k', TMDB_SYNC_LIMIT: '5' } });
    await partial.waitFor(/lbx demo \(sandbox\)/);
    partial.child.kill('SIGTERM');
    await partial.exited;
    expect(partial.output()).toContain(
      'TMDb credentials are incomplete (TMDB_API_KEY set; missing TMDB_USER_ACCESS_TOKEN, TMDB_ACCOUNT_ID): running the offline sandbox.',
    );

    const settingsOnly = spawnScript('demo.ts', [], { cwd: dir, env: { TMDB_SYNC_LIMIT: '5', TMDB_SYNC_SORT_BY: 'title' } });
    await settingsOnly.waitFor(/lbx demo \(sandbox\)/);
    settingsOnly.child.kill('SIGTERM');
    await settingsOnly.exited;
    expect(settingsOnly.output()).not.toContain('credentials');
    expect(settingsOnly.output()).not.toContain('TMDB_');
  }, 180_000); // spawns tsx processes: slow on a loaded machine, not a timing assertion
});
