import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeTmdb, serveHandlers, type FakeTmdb, type ServedHandlers } from '@lbx/testkit';
import { delay, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogue } from './support/harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

/** A child sync process, started and waiting for the parent's "go". */
interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  result: Promise<{ status: string; listId: number; created: boolean }>;
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(tsx, ['--conditions=@lbx/source', join(here, 'support/sync-child.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onReady: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) onReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<{ status: string; listId: number; created: boolean }>((resolve, reject) => {
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`sync child exited with ${String(code)}: ${stderr}`));
    });
  });
  return { process: child, ready, result };
}

describe('two processes syncing one new member on one mapping file', () => {
  let served: ServedHandlers | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await served?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('create exactly one TMDb list, mapped in the file', { timeout: 60_000 }, async () => {
    let fake!: FakeTmdb;
    served = await serveHandlers((url) => {
      fake = createFakeTmdb({ baseUrl: url, movies: catalogue, tv: [] });
      return [
        // TMDb takes its time to create a list: the window in which two unsynchronised processes both create one.
        http.post(`${url}/4/list`, async () => {
          await delay(400);
        }),
        ...fake.handlers,
      ];
    });
    dir = await mkdtemp(join(tmpdir(), 'lbx-two-processes-'));
    const env = {
      TMDB_BASE_URL: served.url,
      TMDB_READ_ACCESS_TOKEN: fake.credentials.readAccessToken,
      TMDB_USER_ACCESS_TOKEN: fake.credentials.userAccessToken,
      TMDB_ACCOUNT_ID: fake.credentials.accountId,
      MAPPINGS_FILE: join(dir, 'tmdb_list_mappings.json'),
      MEMBER: 'twin_runner',
    };
    const children = [startChild(env), startChild(env)];
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.process.stdin?.write('go\n');
    const results = await Promise.all(children.map((child) => child.result));

    expect([...fake.lists.values()].map((list) => list.name)).toEqual(["twin_runner's Top Rated Movies"]);
    const [list] = [...fake.lists.values()];
    expect(results.map((result) => result.listId)).toEqual([list?.id, list?.id]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(list?.items.map((item) => item.mediaId)).toEqual([7001, 7002, 7003]);
    expect(JSON.parse(await readFile(env.MAPPINGS_FILE, 'utf8'))).toEqual({ twin_runner: list?.id });
  });
});
