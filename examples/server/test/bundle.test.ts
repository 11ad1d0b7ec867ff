import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createRunDatabase } from '@lbx/testkit/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, serveSites, type ServedSites } from '../../shared/test/support/served-sites';
import { makeExportZip, ottoExport } from './fixtures/export-zip';

/**
 * The production bundle (what the Docker image runs: `dist/` alone, no node_modules), built with the package's
 * own tsup config and started as `node server.js`, against the fakes over HTTP and a real PostgreSQL.
 */
const TOKEN = 'bundle-test-token-0123456789';
let app = '';
let sites: ServedSites;

beforeAll(async () => {
  [app, sites] = await Promise.all([buildBundle('server'), serveSites()]);
}, 120_000);
afterAll(async () => {
  await sites.close();
  await rm(app, { recursive: true, force: true });
});

describe('the production bundle (dist/server.js)', () => {
  it('starts without node_modules, serves reads, docs, an export upload (parse worker) and a sync job on PostgreSQL', async () => {
    const child = spawn(process.execPath, ['server.js'], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        ...sites.env,
        PORT: '0',
        API_TOKEN: TOKEN,
        DATABASE_URL: await createRunDatabase('server_bundle'),
        LETTERBOXD_EXPORT_DIR: join(app, 'exports'),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      let url = '';
      while (url === '') {
        if (child.exitCode !== null) throw new Error(`the bundle exited:\n${output}`);
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const auth = { Authorization: `Bearer ${TOKEN}` };

      expect((await fetch(`${url}/health`)).status).toBe(200);
      const top = (await (await fetch(`${url}/users/reel_rita/top-rated`, { headers: auth })).json()) as { films: unknown[] };
      expect(top.films).toHaveLength(4);
      const docs = await fetch(`${url}/docs/swagger-ui-bundle.js`);
      expect(docs.status).toBe(200);

      const form = new FormData();
      form.append('file', new Blob([makeExportZip(ottoExport)], { type: 'application/zip' }), 'export.zip');
      const upload = await fetch(`${url}/users/otto_o/export`, { method: 'POST', headers: auth, body: form });
      expect(upload.status).toBe(201);
      expect(((await upload.json()) as { counts: { ratings: number } }).counts.ratings).toBe(3);

      const posted = await fetch(`${url}/jobs/sync-tmdb`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ usernames: ['reel_rita'] }),
      });
      const { job_id } = (await posted.json()) as { job_id: string };
      for (;;) {
        const job = (await (await fetch(`${url}/jobs/${job_id}`, { headers: auth })).json()) as { status: string; results: Array<{ status: string }> };
        if (job.status === 'completed') {
          expect(job.results.map((result) => result.status)).toEqual(['synced']);
          break;
        }
        expect(['queued', 'running']).toContain(job.status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(sites.tmdb.lists.size).toBe(1);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 120_000);
});
