import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListsFileError, createLogger, createSyncRuntime } from '@lbx/example-shared';
import { createJobRunner } from '../src/job-runner';
import { describe, expect, it } from 'vitest';
import { DORA_EXPECTED_LISTS, DORA_LISTS_YAML, dora } from '../../shared/test/support/list-members';
import { auth, testApp, testConfig, useFakes, waitForJob } from './helpers';

const fakes = useFakes();

/** An app whose LBX_LISTS_FILE holds `yaml`. */
async function appWith(yaml: string, env: Record<string, string> = {}) {
  fakes.lb.addMember(dora);
  const file = join(fakes.dir, 'lists.yaml');
  await writeFile(file, yaml);
  return { app: testApp(fakes, { LBX_LISTS_FILE: file, ...env }), file };
}

const post = (body: unknown) => ({ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const tmdbLists = () => Object.fromEntries([...fakes.tmdb.lists.values()].map((list) => [list.name, list.items.map((item) => item.mediaId)]));

type JobJson = {
  status: string;
  usernames: string[];
  lists: string[];
  results: Array<{ username: string; definition_id: string | null; status: string; list_id: number | null; added: number; error: string | null }>;
};

describe('GET /lists', () => {
  it('is empty without LBX_LISTS_FILE', async () => {
    const res = await testApp(fakes).request('/lists');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ file: null, lists: [] });
  });

  it('shows each definition with its id, source, filters and the TMDb list once a sync mapped it', async () => {
    const { app, file } = await appWith(DORA_LISTS_YAML);
    const before = (await (await app.request('/lists')).json()) as { file: string; lists: Array<Record<string, unknown>> };
    expect(before.file).toBe(file);
    expect(before.lists.map((list) => list.id)).toEqual(['defs_dora', 'defs_dora/watchlist', 'dora-liked', 'dora-good-old', 'defs_dora/list/night-shift']);
    expect(before.lists[3]).toEqual({
      id: 'dora-good-old',
      source: 'rated',
      member: 'defs_dora',
      slug: null,
      filters: { min_rating: 4, max_rating: 4.5, year_from: null, year_to: 2000, limit: null, exclude_tv: false },
      order: 'source',
      direction: null,
      list_name: "defs_dora's Rated Films (dora-good-old)",
      tmdb_list_id: null,
    });
    expect(before.lists[4]).toMatchObject({ source: 'list', slug: 'night-shift', filters: { limit: 2 }, list_name: "Dora's night shift" });

    const started = await app.request('/jobs/sync-tmdb', post({ lists: ['dora-good-old'] }));
    await waitForJob(app, ((await started.json()) as { job_id: string }).job_id);
    const after = (await (await app.request('/lists')).json()) as { lists: Array<{ id: string; tmdb_list_id: number | null }> };
    const listId = [...fakes.tmdb.lists.values()].find((list) => list.name === "defs_dora's Rated Films (dora-good-old)")?.id;
    expect(after.lists.map((list) => list.tmdb_list_id)).toEqual([null, null, null, listId, null]);
  });

  it('answers 503 when the mapping store cannot be read', async () => {
    const { file } = await appWith(DORA_LISTS_YAML);
    await writeFile(join(fakes.dir, 'mappings.json'), '{ not json');
    const res = await testApp(fakes, { LBX_LISTS_FILE: file }).request('/lists');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toContain('mapping store cannot be read');
  });
});

describe('POST /jobs/sync-tmdb with list definition ids', () => {
  it('syncs definitions on request (each source kind and filter), with members; an unchanged rerun writes nothing', async () => {
    const { app } = await appWith(DORA_LISTS_YAML);
    const ids = ['defs_dora', 'defs_dora/watchlist', 'dora-liked', 'dora-good-old', 'defs_dora/list/night-shift'];
    const res = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'], lists: [...ids, 'dora-liked'] }));
    expect(res.status).toBe(200);
    const started = (await res.json()) as { job_id: string; usernames: string[]; lists: string[]; message: string };
    expect(started).toMatchObject({ usernames: ['otto_o'], lists: ids });
    expect(started.message).toContain('1 user(s) and 5 list definition(s)');
    const job = (await waitForJob(app, started.job_id)) as unknown as JobJson;
    expect(job).toMatchObject({ status: 'completed', usernames: ['otto_o'], lists: ids });
    expect(job.results.map((r) => [r.username, r.definition_id, r.status])).toEqual([
      ['otto_o', null, 'synced'],
      ...ids.map((id) => ['defs_dora', id, 'synced']),
    ]);
    expect(tmdbLists()).toEqual({ ...DORA_EXPECTED_LISTS, "otto_o's Top Rated Movies": [603, 550] });

    const writes = fakes.tmdb.writeCount();
    const again = (await (await app.request('/jobs/sync-tmdb', post({ lists: ids }))).json()) as { job_id: string };
    const rerun = (await waitForJob(app, again.job_id)) as unknown as JobJson;
    expect(rerun.results.map((r) => r.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(fakes.tmdb.writeCount()).toBe(writes);
  });

  it('a refused definition says how to force it through the API, and forcing applies it', async () => {
    const { app } = await appWith(DORA_LISTS_YAML);
    await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', post({ lists: ['dora-liked'] }))).json()) as { job_id: string }).job_id);
    fakes.lb.addMember({ ...dora, films: dora.films.map((film) => ({ ...film, liked: film.slug === 'fight-club' })) });
    const refused = (await waitForJob(
      app,
      ((await (await app.request('/jobs/sync-tmdb', post({ lists: ['dora-liked'] }))).json()) as { job_id: string }).job_id,
    )) as unknown as JobJson;
    expect(refused.results[0]?.status).toBe('refused');
    expect(refused.results[0]?.error).toContain('re-run with POST /jobs/sync-tmdb {"lists":["dora-liked"],"force":true}');
    const forced = (await waitForJob(
      app,
      ((await (await app.request('/jobs/sync-tmdb', post({ lists: ['dora-liked'], force: true }))).json()) as { job_id: string }).job_id,
    )) as unknown as JobJson;
    expect(forced.results[0]).toMatchObject({ status: 'synced', definition_id: 'dora-liked' });
    expect(tmdbLists()["defs_dora's Liked Films (dora-liked)"]).toEqual([550]);
  });

  it('answers 422 naming an unknown list id, and for a body with neither usernames nor lists; the body stays strict', async () => {
    const { app } = await appWith(DORA_LISTS_YAML);
    const unknown = await app.request('/jobs/sync-tmdb', post({ usernames: ['otto_o'], lists: ['dora-liked', 'dora/nope'] }));
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toEqual({
      detail: [
        {
          loc: ['body', 'lists', 1],
          msg: 'Unknown list definition id "dora/nope": GET /lists shows the ids (defs_dora, defs_dora/watchlist, dora-liked, dora-good-old, defs_dora/list/night-shift).',
          type: 'value_error',
        },
      ],
    });
    const none = await testApp(fakes).request('/jobs/sync-tmdb', post({ lists: ['x'] }));
    expect(((await none.json()) as { detail: Array<{ msg: string }> }).detail[0]?.msg).toBe(
      'Unknown list definition id "x": this server has no LBX_LISTS_FILE.',
    );
    const empty = await app.request('/jobs/sync-tmdb', post({ lists: [] }));
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { detail: Array<{ loc: unknown[]; msg: string }> }).detail[0]).toMatchObject({
      loc: ['body', 'usernames'],
      msg: 'must list at least one username (or list definition ids in "lists")',
    });
    const strict = await app.request('/jobs/sync-tmdb', post({ lists: ['dora-liked'], list: ['x'] }));
    expect(strict.status).toBe(422);
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
    expect(fakes.lb.requests).toEqual([]);
  });

  it('a bad definitions file stops the server configuration with the problem', async () => {
    const file = join(fakes.dir, 'lists.yaml');
    await writeFile(file, 'lists:\n  - source: liked\n    member: defs_dora\n  - source: rated\n    member: defs_dora\n    listName: "defs_dora\'s liked films"\n');
    expect(() => testConfig(fakes, { LBX_LISTS_FILE: file })).toThrow(ListsFileError);
    expect(() => testConfig(fakes, { LBX_LISTS_FILE: file })).toThrow(
      `${file}:6 lists[1].listName: targets the TMDb list "defs_dora's liked films", like the definition on line 2: two definitions would fight over one list`,
    );
  });

  it('a queued job naming a definition the configuration no longer has fails that id, the others run', async () => {
    const config = testConfig(fakes);
    const jobs = createJobRunner({ runtime: createSyncRuntime(config), sync: config.sync, logger: createLogger({ level: 'silent' }) });
    const job = await jobs.submit(['otto_o'], { lists: ['dora-liked'] });
    while (job.finishedAt === null) await new Promise((resolve) => setImmediate(resolve));
    expect(job.status).toBe('partial');
    expect(job.results.map((r) => [r.username, r.definitionId, r.status, r.error])).toEqual([
      ['otto_o', undefined, 'synced', null],
      ['', 'dora-liked', 'failed', 'No list definition "dora-liked" in this server\'s LBX_LISTS_FILE (GET /lists shows the ids).'],
    ]);
  });
});
