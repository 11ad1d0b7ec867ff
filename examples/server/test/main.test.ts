import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const main = join(root, 'examples/server/src/main.ts');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-server-main-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(tsx, ['--conditions=@lbx/source', main], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', MAPPINGS_FILE: join(dir, 'mappings.json'), ...env },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output, exited };
}

async function listeningUrl(child: ChildProcess, output: { stdout: string }): Promise<string> {
  for (;;) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout);
    if (match) return match[1] as string;
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.stdout}`);
    await new Promise((resolve) => child.stdout?.once('data', resolve));
  }
}

describe('examples/server/src/main.ts', () => {
  it('starts from the environment, serves, and exits 0 on SIGTERM after a graceful shutdown', async () => {
    const server = start({ PORT: '0', LOG_LEVEL: 'info' });
    const url = await listeningUrl(server.child, server.output);
    const res = await fetch(`${url}/health`);
    expect(await res.text()).toBe('{"status":"healthy"}');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output.stdout).toContain('SIGTERM received');
    expect(server.output.stdout).toContain('shutdown complete');
  }, 60_000);

  it('refuses a public bind without API_TOKEN, with a clear message and exit code 2', async () => {
    const server = start({ HOST: '0.0.0.0', PORT: '0' });
    expect(await server.exited).toBe(2);
    expect(server.output.stderr).toContain('HOST: refusing to listen on 0.0.0.0 without API_TOKEN');
    expect(server.output.stdout).not.toContain('listening');
  }, 60_000);

  it('refuses to start with a bad LBX_LISTS_FILE: exit 2, the message names file:line and the field', async () => {
    await writeFile(join(dir, 'lists.yaml'), 'lists:\n  - source: watchlists\n    member: ana\n');
    const server = start({ PORT: '0', LBX_LISTS_FILE: 'lists.yaml' });
    expect(await server.exited).toBe(2);
    expect(server.output.stderr).toContain(
      'Invalid list definitions file (LBX_LISTS_FILE); fix it and start again:\n' +
        '  - lists.yaml:2 lists[0].source: unknown source kind "watchlists": expected one of top-rated, watchlist, liked, rated, list',
    );
    expect(server.output.stdout).not.toContain('listening');
  }, 60_000);
});

describe('the start script (pnpm --filter @lbx/example-server start)', () => {
  it('runs from the repository root: its .env and relative paths, as the root `server` script', async () => {
    const mappings = join(dir, 'start-mappings.json');
    await writeFile(mappings, JSON.stringify({ alice: 1, bob: 2 }));
    const child = spawn('npm', ['run', '--silent', 'start'], {
      cwd: join(root, 'examples/server'),
      detached: true,
      // A path relative to the repository root only resolves when the server runs there.
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', MAPPINGS_FILE: relative(root, mappings) },
    });
    const output = { stdout: '' };
    child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      const url = await listeningUrl(child, output);
      const details = (await (await fetch(`${url}/health/details`)).json()) as { store: { mappings: number } };
      expect(details.store.mappings).toBe(2);
    } finally {
      process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
    }
  }, 120_000);
});
