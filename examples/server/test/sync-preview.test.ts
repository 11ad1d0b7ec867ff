import { describe, expect, it } from 'vitest';
import { addGhostReel, auth, testApp, useFakes, waitForJob } from './helpers';

const fakes = useFakes();

type Preview = {
  status: string;
  limit: number;
  sort_by: string;
  sort_order: string;
  dry_run: boolean;
  list_id: number | null;
  list_created: boolean;
  added: number;
  removed: number;
  error: string | null;
  matched_films: Array<{ slug: string; tmdb_id: number; method: string | null; via: string }>;
  not_matched: Array<{ title: string; year: number | null; reason: string | null }>;
};

const sync = (usernames: string[]) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...auth },
  body: JSON.stringify({ usernames }),
});

describe('one rule for previews and syncs: limit picks the best N, sorting orders them', () => {
  it('top-rated, sync-preview and the sync itself agree on limit 3 sorted by title', async () => {
    const query = 'limit=3&sort_by=title&sort_order=asc';
    const app = testApp(fakes, { TMDB_SYNC_LIMIT: '3', TMDB_SYNC_SORT_BY: 'title', TMDB_SYNC_SORT_ORDER: 'asc' });
    const top = (await (await app.request(`/users/reel_rita/top-rated?${query}`)).json()) as { films: Array<{ slug: string }> };
    // Best three by rating (5, 4.5, 4 stars), in title order; Suspiria (3.5) is not among them.
    expect(top.films.map((film) => film.slug)).toEqual(['amelie', 'fight-club', 'the-matrix']);

    const res = await app.request(`/users/reel_rita/sync-preview?${query}`);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as Preview;
    expect(preview).toMatchObject({ status: 'synced', dry_run: true, limit: 3, sort_by: 'title', sort_order: 'asc', list_id: null, list_created: true, added: 3 });
    expect(preview.matched_films.map((film) => film.slug)).toEqual(['amelie', 'fight-club', 'the-matrix']);
    expect(preview.matched_films.every((film) => film.method === 'tmdb-id')).toBe(true);
    expect(fakes.tmdb.writeCount()).toBe(0);

    const job = await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', sync(['reel_rita']))).json()) as { job_id: string }).job_id);
    const listId = (job.results as Array<{ list_id: number }>)[0]?.list_id as number;
    expect(fakes.tmdb.lists.get(listId)?.items.map((item) => item.mediaId)).toEqual(preview.matched_films.map((film) => film.tmdb_id));

    // Now the list exists and matches: the preview says nothing would change.
    const again = (await (await app.request(`/users/reel_rita/sync-preview?${query}`)).json()) as Preview;
    expect(again).toMatchObject({ status: 'unchanged', list_id: listId, list_created: false, added: 0, removed: 0 });
  });

  it("defaults to the server's sync settings and lists the films it cannot match, with why", async () => {
    addGhostReel(fakes.lb);
    const preview = (await (await testApp(fakes).request('/users/reel_rita/sync-preview')).json()) as Preview;
    expect(preview).toMatchObject({ limit: 20, sort_by: 'rating', sort_order: 'desc', added: 4 });
    expect(preview.not_matched).toEqual([{ slug: 'ghost-reel', title: 'Ghost Reel', year: 1931, reason: 'no-match' }]);
    expect(preview.matched_films.map((film) => film.slug)).toEqual(['fight-club', 'the-matrix', 'amelie', 'suspiria']);
  });

  it('shows a refusal with the way to force it through the API', async () => {
    const app = testApp(fakes);
    await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', sync(['reel_rita']))).json()) as { job_id: string }).job_id);
    const rita = fakes.lb.members.get('reel_rita')!;
    fakes.lb.addMember({ ...rita, films: rita.films.map((film) => ({ ...film, liked: film.slug === 'fight-club' })) });
    const preview = (await (await app.request('/users/reel_rita/sync-preview')).json()) as Preview;
    expect(preview.status).toBe('refused');
    expect(preview.error).toContain('{"usernames":["reel_rita"],"force":true}');
  });

  it('answers like the other /users routes for an unknown member (404), and 503 without TMDb credentials', async () => {
    const missing = await testApp(fakes).request('/users/nobody_here/sync-preview');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toContain('User not found');
    const noCredentials = await testApp(fakes, { TMDB_USER_ACCESS_TOKEN: '' }).request('/users/reel_rita/sync-preview');
    expect(noCredentials.status).toBe(503);
    expect(((await noCredentials.json()) as { detail: string }).detail).toContain('TMDB_USER_ACCESS_TOKEN');
    const badQuery = await testApp(fakes).request('/users/reel_rita/sync-preview?limit=0');
    expect(badQuery.status).toBe(422);
  });
});
