import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const main = join(root, 'examples/server/src/main.ts');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-server-sandbox-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function waitFor<T>(read: () => T | undefined, what: string, output: () => string): Promise<T> {
  for (let i = 0; i < 600; i += 1) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never saw ${what}:\n${output()}`);
}

describe('LBX_SANDBOX=1 on examples/server/src/main.ts', () => {
  it('serves every endpoint against the in-process fakes, syncs the demo members there, and shuts them down', async () => {
    const child = spawn(tsx, ['--conditions=@lbx/source', main], {
      cwd: dir,
      // Real-looking credentials that must not be used: the sandbox's variables win.
      env: { PATH: process.env.PATH ?? '', LBX_SANDBOX: '1', PORT: '0', TMDB_API_KEY: 'real-key-never-sent', LOG_FORMAT: 'text' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1], 'the listening line', () => stdout);
      expect(stdout).toContain('sandbox: members cinephile_ana, midnight_mo, quiet_quinn');
      expect(stdout).toMatch(/sandbox: fake Letterboxd http:\/\/127\.0\.0\.1:\d+ and fake TMDb http:\/\/127\.0\.0\.1:\d+/);

      const details = (await (await fetch(`${url}/health/details`)).json()) as { sync: { available: boolean } };
      expect(details.sync.available).toBe(true);
      const profile = (await (await fetch(`${url}/users/cinephile_ana`)).json()) as { display_name: string };
      expect(profile.display_name).toBe('Ana Ferreira');
      const top = (await (await fetch(`${url}/users/midnight_mo/top-rated`)).json()) as { films: Array<{ title: string }> };
      expect(top.films[0]?.title).toBe('The Thing');

      const started = await fetch(`${url}/jobs/sync-tmdb`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ usernames: ['cinephile_ana', 'midnight_mo'] }),
      });
      expect(started.status).toBe(200);
      const { job_id: jobId } = (await started.json()) as { job_id: string };
      let job: { status: string; results: Array<{ username: string; status: string; list_created: boolean }> } | undefined;
      for (let i = 0; i < 200 && (job === undefined || job.status === 'queued' || job.status === 'running'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        job = (await (await fetch(`${url}/jobs/${jobId}`)).json()) as typeof job;
      }
      expect(job?.status).toBe('completed');
      expect(job?.results.map((result) => [result.username, result.status, result.list_created])).toEqual([
        ['cinephile_ana', 'synced', true],
        ['midnight_mo', 'synced', true],
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
