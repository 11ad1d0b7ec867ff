import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnScript } from './support/spawn-script';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sign-in-script-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npx -y pnpm@12.4.2 tmdb:sign-in (scripts/tmdb-sign-in.ts, spawned)', () => {
  it('with LBX_SANDBOX=1: one request to the printed URL approves, Enter finishes, the token is printed', async () => {
    const run = spawnScript('tmdb-sign-in.ts', [], { cwd: dir, env: { LBX_SANDBOX: '1' } });
    const [, url] = await run.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/auth\/access\?request_token=\S+)/);
    expect(run.output()).toContain('sandbox: fake TMDb http://127.0.0.1:');
    expect((await fetch(url as string)).status).toBe(200);
    run.child.stdin.write('\n');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/TMDB_USER_ACCESS_TOKEN=[\w-]+\.[\w-]+\.[\w-]+/);
    expect(run.output()).toMatch(/TMDB_ACCOUNT_ID=[0-9a-f]{24}/);
    expect(await readdir(dir)).toEqual([]); // printed, not written
  }, 60_000);

  it('without a read access token: exit 2 and where to get one', async () => {
    const run = spawnScript('tmdb-sign-in.ts', [], { cwd: dir, env: {} });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('TMDB_READ_ACCESS_TOKEN is not set');
  }, 60_000);
});
