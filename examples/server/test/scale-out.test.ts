import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateMember, type FakeTmdb } from '@lbx/testkit';
import { createRunDatabase } from '@lbx/testkit/postgres';
import { createPostgresStore } from '@lbx/sync/postgres';
import { http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otto, rita } from '../../shared/test/support/members';
import { serveSites, type ServedSites } from '../../shared/test/support/served-sites';

/**
 * Two server processes on one PostgreSQL, against the fakes served over HTTP: what a deployment with several
 * replicas behind a load balancer does.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
// One process per replica (not the tsx CLI, which forks a child): SIGKILL must hit the server itself.
const tsxLoader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const main = join(root, 'examples/server/src/main.ts');
/** 60 top films: a first sync takes long enough (TMDb latency) to be killed in the middle. */
const bulky = generateMember({ username: 'bulky_bo', films: 600, likedAndRated: 60, seed: 7 });
/** A member whose Letterboxd pages are held until the test opens the gate: a sync of her stays running. */
const gil = generateMember({ username: 'gated_gil', films: 40, likedAndRated: 8, seed: 11 });
let openGate!: () => void;
const gate = new Promise<void>((resolve) => (openGate = resolve));

let dir = '';
let databaseUrl = '';
let sites: ServedSites;
let tmdb: FakeTmdb;
interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  url: Promise<string>;
  output(): string;
}
const children: ServerProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-scale-out-'));
  databaseUrl = await createRunDatabase('scale_out');
  sites = await serveSites({
    members: [rita, otto, bulky, gil],
    tmdb: { acceptUnknownMedia: true, latencyMs: 10 },
    // Falls through to the fake once the gate opens (or the client gives up waiting).
    letterboxdFirst: (url) => [
      http.get(`${url}/gated_gil/*`, async ({ request }) => {
        await Promise.race([gate, new Promise((resolve) => request.signal.addEventListener('abort', resolve))]);
      }),
    ],
  });
  tmdb = sites.tmdb;
}, 60_000);
afterAll(async () => {
  for (const child of children) if (child.child.exitCode === null) child.child.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
  await sites.close();
  await rm(dir, { recursive: true, force: true });
});

function startServer(name: string): ServerProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, '--conditions=@lbx/source', main], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      ...sites.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      TMDB_SYNC_LIMIT: '100',
      MAPPINGS_FILE: join(dir, `${name}-unused.json`),
    },
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = (async () => {
    for (;;) {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) return match[1] as string;
      if (child.exitCode !== null) throw new Error(`server ${name} exited early:\n${stdout}`);
      await new Promise((resolve) => child.stdout?.once('data', resolve));
    }
  })();
  const handle = { child, exited, url, output: () => stdout };
  children.push(handle);
  return handle;
}

async function postSync(url: string, usernames: string[]): Promise<string> {
  const res = await fetch(`${url}/jobs/sync-tmdb`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ usernames }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { job_id: string }).job_id;
}

interface JobBody {
  status: string;
  results: Array<{ username: string; status: string; added: number; list_id: number | null }>;
}

async function finishedJob(url: string, id: string): Promise<JobBody> {
  for (;;) {
    const res = await fetch(`${url}/jobs/${id}`);
    expect(res.status).toBe(200);
    const job = (await res.json()) as JobBody;
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The mappings as every replica sees them (the apps' store, schema `lbx`). */
async function mappingsInDatabase(): Promise<Record<string, number>> {
  const store = createPostgresStore({ connectionString: databaseUrl, maxConnections: 1 });
  try {
    return await store.all();
  } finally {
    await store.close();
  }
}

describe('two server replicas on one PostgreSQL', () => {
  it('20 concurrent sync requests for one member over both replicas: one list, each film added once; jobs readable from either', async () => {
    const [a, b] = [startServer('a'), startServer('b')];
    const urls = [await a.url, await b.url];
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => postSync(urls[i % 2] as string, ['reel_rita'])));
    // Each job is read from the replica it was NOT posted to.
    const jobs = await Promise.all(ids.map((id, i) => finishedJob(urls[(i + 1) % 2] as string, id)));

    expect(jobs.map((job) => job.status)).toEqual(Array(20).fill('completed'));
    const ritaLists = [...tmdb.lists.values()].filter((list) => list.name.includes('reel_rita'));
    expect(ritaLists).toHaveLength(1);
    const list = ritaLists[0]!;
    expect(list.items.map((item) => item.mediaId)).toEqual([550, 603, 194, 11906]);
    // Every film was added by exactly one of the 20 syncs; the others found nothing to do.
    const added = jobs.flatMap((job) => job.results).reduce((sum, result) => sum + result.added, 0);
    expect(added).toBe(4);
    expect(jobs.flatMap((job) => job.results).every((result) => result.list_id === list.id)).toBe(true);
    expect((await mappingsInDatabase()).reel_rita).toBe(list.id);
    // Both replicas took part in the work.
    expect(a.output()).toContain('sync job started');
    expect(b.output()).toContain('sync job started');

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
  }, 120_000);

  it('a replica killed with SIGKILL mid-sync: its job is retried on another replica at once and converges (one list, no duplicate, mapping kept)', async () => {
    const a = startServer('killed');
    const urlA = await a.url;
    const first = await postSync(urlA, ['bulky_bo']);
    // Kill it the moment its list exists: in the middle of the member's sync.
    while (![...tmdb.lists.values()].some((candidate) => candidate.name.includes('bulky_bo'))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    a.child.kill('SIGKILL');
    await a.exited;
    const partial = [...tmdb.lists.values()].find((candidate) => candidate.name.includes('bulky_bo'))!;
    const before = partial.items.length;

    const b = startServer('after-crash');
    const urlB = await b.url;
    // Nobody holds the killed job's liveness lock any more: the new replica fails it on its next sweep, and
    // the queue retries it there (instead of after the hour-long expiry).
    const job = await finishedJob(urlB, first);
    expect(job.status).toBe('completed');
    expect(b.output()).toContain('jobs whose process died were failed, to be retried');
    const lists = [...tmdb.lists.values()].filter((candidate) => candidate.name.includes('bulky_bo'));
    expect(lists).toHaveLength(1);
    const items = lists[0]!.items.map((item) => `${item.mediaType}:${item.mediaId}`);
    expect(new Set(items).size).toBe(items.length);
    expect(items.length).toBe(job.results[0]!.added + before);
    expect(items.length).toBeGreaterThan(50);
    expect((await mappingsInDatabase()).bulky_bo).toBe(lists[0]!.id);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 120_000);

  it('a job still queued when its replica stops is run after a restart', async () => {
    const a = startServer('restarted');
    const urlA = await a.url;
    // One job at a time per replica: the first holds the worker (its Letterboxd reads wait at the gate), the
    // second waits in the queue.
    const held = await postSync(urlA, ['gated_gil']);
    while ((((await (await fetch(`${urlA}/jobs/${held}`)).json()) as JobBody).status) !== 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const queued = await postSync(urlA, ['otto_o']);
    expect((((await (await fetch(`${urlA}/jobs/${queued}`)).json()) as JobBody).status)).toBe('queued');

    // A graceful stop: the replica takes no further job, finishes the member in progress, and exits.
    a.child.kill('SIGTERM');
    while (!a.output().includes('shutting down')) await new Promise((resolve) => setTimeout(resolve, 20));
    openGate();
    expect(await a.exited).toBe(0);
    // Nothing ran the queued job: the replica stopped with it still in the queue.
    expect([...tmdb.lists.values()].some((list) => list.name.includes('otto_o'))).toBe(false);

    const restarted = startServer('restarted');
    const urlRestarted = await restarted.url;
    // The member in progress was finished before the replica exited.
    const finished = await finishedJob(urlRestarted, held);
    expect(finished.results.map((result) => [result.username, result.status])).toEqual([['gated_gil', 'synced']]);
    const job = await finishedJob(urlRestarted, queued);
    expect(job.status).toBe('completed');
    expect(job.results.map((result) => [result.username, result.status])).toEqual([['otto_o', 'synced']]);
    const ottoLists = [...tmdb.lists.values()].filter((list) => list.name.includes('otto_o'));
    expect(ottoLists).toHaveLength(1);
    expect(ottoLists[0]!.items.length).toBe(job.results[0]!.added);
    expect(ottoLists[0]!.items.length).toBeGreaterThan(0);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 120_000);
});
