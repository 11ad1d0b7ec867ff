import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLetterboxdClient } from '@lbx/letterboxd';
import { createFakeLetterboxd, createFakeTmdb, generateMember, type FakeMember } from '@lbx/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore, syncUser } from '@lbx/sync';
import { tmdbClientFor, useFakes } from './support/harness.js';

// The real Letterboxd client scraping a fake Letterboxd site, the real TMDb client writing to a fake TMDb.
const member = generateMember({ username: 'lantern_keeper', films: 240, likedAndRated: 40, seed: 11 });
const letterboxd = createFakeLetterboxd({ members: [member] });
const tmdbFake = createFakeTmdb({ acceptUnknownMedia: true });
useFakes(letterboxd, tmdbFake);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sync-lb-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const source = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
const tmdb = tmdbClientFor(tmdbFake);

const filmPageRequests = () => letterboxd.requests.filter((request) => request.path.startsWith('/film/')).length;
const listItems = (listId: number) => (tmdbFake.lists.get(listId)?.items ?? []).map((i) => `${i.mediaType}:${i.mediaId}`);

/** The member's top-rated films from the dataset: liked, rated, watched — the best `limit` ratings. */
function topRated(data: FakeMember, limit: number) {
  return data.films
    .filter((f) => f.liked && f.rating !== null && f.watched !== false)
    .sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0))
    .slice(0, limit);
}

describe('sync with the Letterboxd client as source', () => {
  it('cold sync reads film pages once; a warm re-sync makes no film-page requests and no TMDb writes', async () => {
    const store = createJsonFileStore(join(dir, 'tmdb_list_mappings.json'));
    const deps = { source, tmdb, store };

    const cold = await syncUser('lantern_keeper', deps, { limit: 25 });
    expect(cold.status).toBe('synced');
    const expected = topRated(member, 25);
    const linked = expected.filter((f) => f.tmdb !== null);
    expect(cold).toMatchObject({ totalFilms: 25, listCreated: true });
    expect(cold.matched).toBeGreaterThanOrEqual(linked.length);
    expect(filmPageRequests()).toBe(25);
    const onList = new Set(listItems(cold.listId as number));
    for (const film of linked) expect(onList.has(`${film.tmdb?.type}:${film.tmdb?.id}`)).toBe(true);
    // The lowest rating on the list is not below any liked-and-rated film left out.
    const cutoff = Math.min(...expected.map((f) => f.rating ?? 0));
    expect(topRated(member, 1000).slice(25).every((f) => (f.rating ?? 0) <= cutoff)).toBe(true);
    const comments = tmdbFake.lists.get(cold.listId as number)?.items.map((i) => i.comment) ?? [];
    expect(comments.every((c) => c !== null && /^★*½?$/.test(c))).toBe(true);
    // Every looked-up film is cached (matched, or unmatched with a retry date).
    const cache = JSON.parse(await readFile(join(dir, 'tmdb_list_mappings.films.json'), 'utf8')) as { films: object };
    expect(Object.keys(cache.films)).toHaveLength(25);

    const pagesBefore = filmPageRequests();
    const writesBefore = tmdbFake.writeCount();
    const warm = await syncUser('lantern_keeper', deps, { limit: 25 });
    expect(warm.status).toBe('unchanged');
    expect(filmPageRequests()).toBe(pagesBefore);
    expect(tmdbFake.writeCount()).toBe(writesBefore);
  });

  it('follows a change of favourites with exactly the right adds and removes', async () => {
    const deps = { source, tmdb, store: createJsonFileStore(join(dir, 'm.json')) };
    const data = structuredClone(member);
    letterboxd.addMember(data);
    const { listId } = await syncUser('lantern_keeper', deps, { limit: 10 });
    const before = listItems(listId as number);

    // The member un-likes their best-rated linked film.
    const dropped = topRated(data, 10).find((f) => f.tmdb !== null);
    if (!dropped?.tmdb) throw new Error('dataset has no linked film');
    dropped.liked = false;
    letterboxd.addMember(data);
    const result = await syncUser('lantern_keeper', deps, { limit: 10 });

    const after = listItems(listId as number);
    expect(after).not.toContain(`${dropped.tmdb.type}:${dropped.tmdb.id}`);
    expect(result.removed).toBe(1);
    expect(after.length).toBe(before.length - 1 + result.added);
    expect(result.added).toBeLessThanOrEqual(1);
  });

  it('reports a blocked Letterboxd as a failure and leaves the list alone', async () => {
    const deps = { source, tmdb, store: createJsonFileStore(join(dir, 'm.json')) };
    const { listId } = await syncUser('lantern_keeper', deps, { limit: 5 });
    const before = listItems(listId as number);
    letterboxd.setBlocked(true);
    const result = await syncUser('lantern_keeper', deps, { limit: 5 });
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.error.stage).toBe('fetch-films');
    expect(result.error.cause).toMatchObject({ name: 'LetterboxdBlockedError' });
    expect(listItems(listId as number)).toEqual(before);
  });
});
