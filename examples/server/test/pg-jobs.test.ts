import { createRunDatabase } from '@lbx/testkit/postgres';
import { http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DORA_EXPECTED_LISTS, DORA_LISTS_YAML, dora } from '../../shared/test/support/list-members';
import { startServer, type RunningServer } from '../src/server';
import { auth, LETTERBOXD, testConfig, useFakes } from './helpers';

/** Two replicas in this process (each with its own pool, store and queue worker) on one database. */
const fakes = useFakes();
let databaseUrl = '';
beforeAll(async () => {
  databaseUrl = await createRunDatabase('server_jobs');
});

const replica = () => startServer(testConfig(fakes, { DATABASE_URL: databaseUrl, PORT: '0' }));

async function finished(server: RunningServer, id: string) {
  for (;;) {
    const res = await fetch(`${server.url}/jobs/${id}`, { headers: auth });
    const body = (await res.json()) as { status: string; results: Array<{ username: string; status: string; list_id: number }> };
    if (body.status !== 'queued' && body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('sync jobs in PostgreSQL (DATABASE_URL)', () => {
  it('a job posted to one replica is answered by the other, with its results once done', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    try {
      const posted = await fetch(`${a.url}/jobs/sync-tmdb`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ usernames: ['Reel_Rita', 'otto_o'] }),
      });
      expect(posted.status).toBe(200);
      const { job_id } = (await posted.json()) as { job_id: string };
      const job = await finished(b, job_id);
      expect(job.status).toBe('completed');
      expect(job.results.map((result) => [result.username, result.status])).toEqual([
        ['reel_rita', 'synced'],
        ['otto_o', 'synced'],
      ]);
      expect(fakes.tmdb.lists.size).toBe(2);
      // The mapping lives in the shared store: both replicas see it.
      expect(await b.app.runtime.store.get('reel_rita')).toBe(job.results[0]?.list_id);
      const details = (await (await fetch(`${a.url}/health/details`)).json()) as { store: { mappings: number }; jobs: { queued: number } };
      expect(details.store.mappings).toBe(2);
      expect(details.jobs.queued).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('shows the members done so far while the job runs, on every replica', async () => {
    const url = await createRunDatabase('server_jobs_progress');
    const start = () => startServer(testConfig(fakes, { DATABASE_URL: url, PORT: '0' }));
    const [a, b] = await Promise.all([start(), start()]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // otto_o's pages wait until the test has seen the job half done.
    fakes.msw.use(http.get(`${LETTERBOXD}/otto_o/*`, async () => void (await gate)));
    try {
      const posted = await fetch(`${a.url}/jobs/sync-tmdb`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ usernames: ['reel_rita', 'otto_o'] }),
      });
      const { job_id } = (await posted.json()) as { job_id: string };
      for (;;) {
        const body = (await (await fetch(`${b.url}/jobs/${job_id}`, { headers: auth })).json()) as Awaited<ReturnType<typeof finished>>;
        expect(body.status === 'queued' || body.status === 'running').toBe(true);
        if (body.results.length > 0) {
          expect(body.status).toBe('running');
          expect(body.results.map((result) => [result.username, result.status])).toEqual([['reel_rita', 'synced']]);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      release();
      const job = await finished(b, job_id);
      expect(job.results.map((result) => [result.username, result.status])).toEqual([
        ['reel_rita', 'synced'],
        ['otto_o', 'synced'],
      ]);
    } finally {
      release();
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('carries dry_run and force through the queue: a dry run writes nothing, partial when some members fail', async () => {
    // A database of its own: the first test's mappings point at lists the reset fake TMDb no longer has.
    const a = await startServer(testConfig(fakes, { DATABASE_URL: await createRunDatabase('server_jobs_dry_run'), PORT: '0' }));
    try {
      const posted = await fetch(`${a.url}/jobs/sync-tmdb`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ usernames: ['reel_rita', 'nobody_here'], dry_run: true, force: true }),
      });
      const { job_id } = (await posted.json()) as { job_id: string };
      const job = (await finished(a, job_id)) as Awaited<ReturnType<typeof finished>> & { dry_run: boolean; force: boolean };
      expect(job).toMatchObject({ status: 'partial', dry_run: true, force: true });
      expect(job.results.map((result) => [result.username, result.status])).toEqual([
        ['reel_rita', 'synced'],
        ['nobody_here', 'failed'],
      ]);
      expect(fakes.tmdb.writeCount()).toBe(0);
    } finally {
      await a.close();
    }
  }, 60_000);

  it('syncs list definitions through the queue: posted to one replica, run and answered by any', async () => {
    const url = await createRunDatabase('server_jobs_lists');
    fakes.lb.addMember(dora);
    const file = join(fakes.dir, 'lists.yaml');
    await writeFile(file, DORA_LISTS_YAML);
    const start = () => startServer(testConfig(fakes, { DATABASE_URL: url, PORT: '0', LBX_LISTS_FILE: file }));
    const [a, b] = await Promise.all([start(), start()]);
    try {
      const posted = await fetch(`${a.url}/jobs/sync-tmdb`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ lists: ['dora-good-old', 'defs_dora/watchlist'] }),
      });
      expect(posted.status).toBe(200);
      const { job_id } = (await posted.json()) as { job_id: string };
      const job = (await finished(b, job_id)) as unknown as {
        status: string;
        lists: string[];
        results: Array<{ definition_id: string | null; status: string; list_id: number }>;
      };
      expect(job.status).toBe('completed');
      expect(job.lists).toEqual(['dora-good-old', 'defs_dora/watchlist']);
      expect(job.results.map((result) => [result.definition_id, result.status])).toEqual([
        ['dora-good-old', 'synced'],
        ['defs_dora/watchlist', 'synced'],
      ]);
      const lists = Object.fromEntries([...fakes.tmdb.lists.values()].map((list) => [list.name, list.items.map((item) => item.mediaId)]));
      expect(lists).toEqual({
        "defs_dora's Rated Films (dora-good-old)": DORA_EXPECTED_LISTS["defs_dora's Rated Films (dora-good-old)"],
        "defs_dora's Watchlist": DORA_EXPECTED_LISTS["defs_dora's Watchlist"],
      });
      const shown = (await (await fetch(`${b.url}/lists`)).json()) as { lists: Array<{ id: string; tmdb_list_id: number | null }> };
      expect(shown.lists.find((list) => list.id === 'dora-good-old')?.tmdb_list_id).toBe(job.results[0]?.list_id);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('answers 404 for an unknown job id on any replica', async () => {
    const a = await replica();
    try {
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        expect((await fetch(`${a.url}/jobs/${id}`, { headers: auth })).status).toBe(404);
      }
    } finally {
      await a.close();
    }
  }, 60_000);

  it('refuses to start when the database cannot be reached, naming DATABASE_URL', async () => {
    const dead = new URL(databaseUrl);
    dead.port = '1';
    await expect(startServer(testConfig(fakes, { DATABASE_URL: dead.toString(), PORT: '0' }))).rejects.toThrow(/DATABASE_URL/);
  }, 60_000);
});
