import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { auth, LETTERBOXD, testApp, TOKEN, useFakes, waitForJob } from './helpers';

const fakes = useFakes();

const post = (body: unknown, headers: Record<string, string> = auth) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('POST /jobs/sync-tmdb', () => {
  it('starts a background job with the original message, then reports per-user results', async () => {
    const app = testApp(fakes);
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita', 'otto_o'] }));
    expect(res.status).toBe(200);
    const started = (await res.json()) as { job_id: string };
    expect(started).toEqual({
      message: 'TMDb sync job started for 2 user(s). Each user will get their own list.',
      usernames: ['reel_rita', 'otto_o'],
      job_started: true,
      job_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      dry_run: false,
      force: false,
    });

    const job = await waitForJob(app, started.job_id);
    expect(job).toMatchObject({
      job_id: started.job_id,
      status: 'completed',
      usernames: ['reel_rita', 'otto_o'],
      summary: { total: 2, synced: 2, unchanged: 0, refused: 0, failed: 0, skipped: 0 },
    });
    const results = job.results as Array<Record<string, unknown>>;
    expect(results[0]).toMatchObject({
      username: 'reel_rita',
      status: 'synced',
      source: 'letterboxd',
      list_created: true,
      films_found: 4,
      matched: 4,
      added: 4,
      removed: 0,
      not_matched: [],
      error: null,
    });
    // Every film page links TMDb: four exact matches, in list order.
    expect(results[0]?.matched_films).toEqual([
      { title: 'Fight Club', year: 1999, slug: 'fight-club', rating: 5, tmdb_id: 550, media_type: 'movie', via: 'film-page', method: 'tmdb-id', rating_source: null, liked_source: null },
      { title: 'The Matrix', year: 1999, slug: 'the-matrix', rating: 4.5, tmdb_id: 603, media_type: 'movie', via: 'film-page', method: 'tmdb-id', rating_source: null, liked_source: null },
      { title: 'Amélie', year: 2001, slug: 'amelie', rating: 4, tmdb_id: 194, media_type: 'movie', via: 'film-page', method: 'tmdb-id', rating_source: null, liked_source: null },
      { title: 'Suspiria', year: 1977, slug: 'suspiria', rating: 3.5, tmdb_id: 11906, media_type: 'movie', via: 'film-page', method: 'tmdb-id', rating_source: null, liked_source: null },
    ]);
    const list = fakes.tmdb.lists.get(results[0]?.list_id as number);
    expect(list?.name).toBe("reel_rita's Top Rated Movies");
    expect(list?.items.map((item) => item.mediaId)).toEqual([550, 603, 194, 11906]);
    expect(results[1]).toMatchObject({ username: 'otto_o', status: 'synced', added: 2 });
    expect(new Date(job.finished_at as string).getTime()).toBeGreaterThanOrEqual(new Date(job.started_at as string).getTime());
  });

  it('a second job for the same member (any case) changes nothing and reuses the list', async () => {
    const app = testApp(fakes);
    const first = (await (await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }))).json()) as { job_id: string };
    const firstJob = await waitForJob(app, first.job_id);
    const writes = fakes.tmdb.writeCount();
    const second = (await (await app.request('/jobs/sync-tmdb', post({ usernames: ['OTTO_O'] }))).json()) as { job_id: string };
    const job = await waitForJob(app, second.job_id);
    expect(job.usernames).toEqual(['otto_o']);
    const [result] = job.results as Array<Record<string, unknown>>;
    expect(result).toMatchObject({ username: 'otto_o', status: 'unchanged', list_created: false, added: 0, removed: 0 });
    // The second run answers from the film cache, which remembers how each film was matched.
    expect((result?.matched_films as Array<Record<string, unknown>>).map((film) => `${String(film.slug)} ${String(film.via)} ${String(film.method)}`)).toEqual([
      'the-matrix cache tmdb-id',
      'fight-club cache tmdb-id',
    ]);
    expect(result?.list_id).toBe((firstJob.results as Array<Record<string, unknown>>)[0]?.list_id);
    expect(fakes.tmdb.writeCount()).toBe(writes);
  });

  it("keeps a member's list when the mapping file keys them in mixed case (original service)", async () => {
    const app = testApp(fakes);
    const first = (await (await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }))).json()) as { job_id: string };
    const listId = ((await waitForJob(app, first.job_id)).results as Array<{ list_id: number }>)[0]?.list_id;
    const file = join(fakes.dir, 'mappings.json');
    await writeFile(file, JSON.stringify({ Otto_O: listId }));

    const second = (await (await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }))).json()) as { job_id: string };
    const [result] = (await waitForJob(app, second.job_id)).results as Array<Record<string, unknown>>;
    expect(result).toMatchObject({ status: 'unchanged', list_id: listId, list_created: false });
    expect(fakes.tmdb.lists.size).toBe(1);
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ otto_o: listId });
  });

  it('marks the job partial when some members fail (still syncing the others), failed when all do', async () => {
    const app = testApp(fakes);
    const all = await app.request('/jobs/sync-tmdb', post({ usernames: ['nobody_here'] }));
    expect((await waitForJob(app, ((await all.json()) as { job_id: string }).job_id)).status).toBe('failed');
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['nobody_here', 'otto_o'] }));
    const job = await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
    expect(job.status).toBe('partial');
    const [missing, otto] = job.results as Array<Record<string, unknown>>;
    expect(missing).toMatchObject({ username: 'nobody_here', status: 'failed', list_id: null });
    expect(missing?.error).toMatch(/nobody_here/);
    expect(otto).toMatchObject({ username: 'otto_o', status: 'synced' });
  });

  it('dry_run: true plans without writing anything, and says so', async () => {
    const app = testApp(fakes);
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita'], dry_run: true }));
    const started = (await res.json()) as { job_id: string; message: string; dry_run: boolean };
    expect(started.dry_run).toBe(true);
    expect(started.message).toContain('dry run');
    const job = await waitForJob(app, started.job_id);
    expect(job).toMatchObject({ status: 'completed', dry_run: true, force: false });
    expect((job.results as Array<Record<string, unknown>>)[0]).toMatchObject({ status: 'synced', dry_run: true, added: 4 });
    expect(fakes.tmdb.writeCount()).toBe(0);
    expect(fakes.tmdb.lists.size).toBe(0);
  });

  it('refuses an unknown body key with 422 naming it (a misspelt option never runs a real sync)', async () => {
    const app = testApp(fakes);
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita'], dryRun: true }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { detail: Array<{ loc: unknown[]; msg: string; type: string }> };
    expect(body.detail).toEqual([expect.objectContaining({ loc: ['body'], type: 'unrecognized_keys' })]);
    expect(body.detail[0]?.msg).toContain('"dryRun"');
    const typo = await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita'], force: 'yes' }));
    expect(typo.status).toBe(422);
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
    expect(fakes.tmdb.requests).toEqual([]);
  });

  it('a refused sync says how to force it through this API, and force: true applies it', async () => {
    const app = testApp(fakes);
    await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita'] }))).json()) as { job_id: string }).job_id);
    // Rita un-likes three of her four films: removing 3 of 4 items trips the mass-removal valve.
    const rita = fakes.lb.members.get('reel_rita');
    fakes.lb.addMember({ ...rita!, films: rita!.films.map((film) => ({ ...film, liked: film.slug === 'fight-club' })) });
    const refusedJob = await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita'] }))).json()) as { job_id: string }).job_id);
    const [refused] = refusedJob.results as Array<{ status: string; error: string; list_id: number }>;
    expect(refused?.status).toBe('refused');
    expect(refused?.error).toContain('re-run with POST /jobs/sync-tmdb {"usernames":["reel_rita"],"force":true}');
    expect(refused?.error).not.toContain('force: true');
    expect(fakes.tmdb.lists.get(refused?.list_id as number)?.items).toHaveLength(4);

    const forced = await app.request('/jobs/sync-tmdb', post({ usernames: ['reel_rita'], force: true }));
    const job = await waitForJob(app, ((await forced.json()) as { job_id: string }).job_id);
    expect(job).toMatchObject({ status: 'completed', force: true });
    expect((job.results as Array<Record<string, unknown>>)[0]).toMatchObject({ status: 'synced', removed: 3 });
    expect(fakes.tmdb.lists.get(refused?.list_id as number)?.items.map((item) => item.mediaId)).toEqual([550]);
  });

  it('requires the bearer token: 401 when missing or wrong', async () => {
    const app = testApp(fakes);
    const missing = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }, {}));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await missing.json()) as { detail: string }).detail).toMatch(/Authorization: Bearer/);

    const wrong = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }, { Authorization: `Bearer ${TOKEN}x` }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ detail: 'Invalid API token.' });
    const basic = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }, { Authorization: `Basic ${TOKEN}` }));
    expect(basic.status).toBe(401);
    const malformed = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }, { Authorization: 'Bearer not a token' }));
    expect(malformed.status).toBe(401);
    expect(malformed.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await malformed.json()) as { detail: string }).detail).toMatch(/Authorization: Bearer/);
    expect(fakes.tmdb.requests).toEqual([]);
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
  });

  it('is open without API_TOKEN (the server then only binds to loopback)', async () => {
    const app = testApp(fakes, { API_TOKEN: '' });
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }, {}));
    expect(res.status).toBe(200);
    await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
  });

  it.each([
    ['an empty list', { usernames: [] }, ['body', 'usernames']],
    ['a missing usernames field', {}, ['body', 'usernames']],
    ['an empty username', { usernames: [''] }, ['body', 'usernames', 0]],
    ['a malformed username', { usernames: ['ok', 'no spaces'] }, ['body', 'usernames', 1]],
    ['a 101-character username', { usernames: ['a'.repeat(101)] }, ['body', 'usernames', 0]],
    ['usernames that is not a list', { usernames: 'otto_o' }, ['body', 'usernames']],
    ['malformed JSON', '{"usernames": [', ['body']],
    ['an empty body', '', ['body']],
  ])('answers 422 for %s', async (_name, body, loc) => {
    const app = testApp(fakes);
    const res = await app.request('/jobs/sync-tmdb', post(body));
    expect(res.status).toBe(422);
    const detail = ((await res.json()) as { detail: Array<{ loc: unknown[]; msg: string }> }).detail;
    expect(detail[0]?.loc).toEqual(loc);
    expect(detail[0]?.msg).toBeTruthy();
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
  });

  it('answers 422 for a body that is not JSON', async () => {
    const res = await testApp(fakes).request('/jobs/sync-tmdb', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'usernames=otto_o',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [{ loc: ['body'], msg: 'The body must be JSON (send Content-Type: application/json).', type: 'json_invalid' }],
    });
  });

  it('answers 429 once 100 jobs are waiting, without queueing more', async () => {
    const app = testApp(fakes);
    // Hold the first job on Letterboxd so that the next ones stay queued.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fakes.msw.use(http.get(`${LETTERBOXD}/otto_o/*`, async () => void (await gate)));
    const first = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }));
    expect(first.status).toBe(200);
    for (let i = 0; i < 100; i += 1) {
      expect((await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }))).status).toBe(200);
    }
    expect(await app.jobs.stats()).toEqual({ queued: 100, running: 1 });

    const refused = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/100 sync jobs are already waiting/);
    expect(await app.jobs.stats()).toEqual({ queued: 100, running: 1 });

    const stopped = app.jobs.shutdown();
    release();
    await stopped;
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
  });

  it('answers 413 for a body over 64 KB without reading it as JSON', async () => {
    const app = testApp(fakes);
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'], padding: 'x'.repeat(70_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/larger than 64 KB/);
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
  });

  it('answers 503 when sync is disabled', async () => {
    const res = await testApp(fakes, { TMDB_SYNC_ENABLED: 'false' }).request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toContain('TMDB_SYNC_ENABLED=false');
  });

  it('answers 503 naming the missing TMDb credentials', async () => {
    const app = testApp(fakes, { TMDB_USER_ACCESS_TOKEN: '', TMDB_ACCOUNT_ID: '' });
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }));
    expect(res.status).toBe(503);
    const { detail } = (await res.json()) as { detail: string };
    expect(detail).toContain('TMDB_USER_ACCESS_TOKEN, TMDB_ACCOUNT_ID');
    expect(detail).not.toContain(fakes.tmdb.credentials.apiKey);
  });

  it('reports a member whose mapping file is corrupt as failed and leaves the file intact', async () => {
    const file = join(fakes.dir, 'mappings.json');
    await writeFile(file, '{ not json');
    const app = testApp(fakes);
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }));
    const job = await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
    expect(job.status).toBe('failed');
    expect((job.results as Array<{ error: string }>)[0]?.error).toMatch(/mappings\.json/);
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});

describe('GET /jobs/{job_id}', () => {
  it('follows the sync endpoint\'s auth: results carry list ids and upstream errors', async () => {
    const app = testApp(fakes);
    const started = (await (await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }))).json()) as { job_id: string };
    const missing = await app.request(`/jobs/${started.job_id}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.json()).toEqual({ detail: expect.stringContaining('Authorization: Bearer <API_TOKEN>') });
    expect((await app.request(`/jobs/${started.job_id}`, { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await app.request('/jobs/0b7a3c9e-0000-4000-8000-000000000000')).status).toBe(401);
    expect((await waitForJob(app, started.job_id)).status).toBe('completed');
  });

  it('needs no token in loopback mode (no API_TOKEN), like the sync endpoint', async () => {
    const app = testApp(fakes, { API_TOKEN: '' });
    const started = (await (await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'] }, {}))).json()) as { job_id: string };
    expect((await app.request(`/jobs/${started.job_id}`)).status).toBe(200);
    await waitForJob(app, started.job_id);
  });

  it('answers 404 for an unknown job', async () => {
    const res = await testApp(fakes).request('/jobs/0b7a3c9e-0000-4000-8000-000000000000', { headers: auth });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^Job not found/);
  });

  it('answers 405 for the wrong method on the job endpoints', async () => {
    const app = testApp(fakes);
    const get = await app.request('/jobs/sync-tmdb', { method: 'PUT' });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await app.request('/jobs/abc', { method: 'DELETE' })).status).toBe(405);
    // GET on the sync endpoint is a wrong method too, not a lookup of a job called "sync-tmdb".
    const read = await app.request('/jobs/sync-tmdb');
    expect(read.status).toBe(405);
    expect(read.headers.get('allow')).toBe('POST');
    expect(await read.json()).toEqual({ detail: 'Method Not Allowed' });
  });
});
