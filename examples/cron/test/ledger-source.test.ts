import { join } from 'node:path';
import { createJsonFileStore, createLedgerSource, readLedger } from '@lbx/sync';
import type { FakeFilm } from '@lbx/testkit';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli';
import { memoryLogger, testEnv, useFakes } from './helpers';

const fakes = useFakes();

async function once(env: Record<string, string>) {
  const { logger, lines } = memoryLogger(Date.now);
  const code = await runCli({ argv: ['--once'], env, logger, writeError: () => undefined });
  return { code, lines };
}

const store = () => createJsonFileStore(join(fakes.dir, 'mappings.json'));
const listOf = (username: string) => [...fakes.tmdb.lists.values()].find((list) => list.name === `${username}'s Top Rated Movies`);

/** The TMDb ids of the member's ledger top-rated films, best first: what the list must hold. */
async function ledgerTop(username: string): Promise<string[]> {
  const films = await createLedgerSource({ store: store() }).getTopRated(username, { limit: 20 });
  return films.map((film) => `${film.tmdb?.type}:${film.tmdb?.id}`);
}

const rita = () => fakes.lb.members.get('reel_rita')?.films as FakeFilm[];

describe('LETTERBOXD_SOURCE=ledger with cron --once', () => {
  it('keeps the list equal to the ledger while new diary entries arrive in the feed; no change, no write', async () => {
    const env = testEnv(fakes, { CRON_TARGET_USERS: 'reel_rita', LETTERBOXD_SOURCE: 'ledger' });
    const first = await once(env);
    expect(first.code).toBe(0);
    expect(first.lines.some((line) => /reel_rita: synced .*source=ledger/.test(line))).toBe(true);
    const items = () => listOf('reel_rita')?.items.map((item) => `${item.mediaType}:${item.mediaId}`);
    expect(items()).toEqual(['movie:550', 'movie:603', 'movie:194', 'movie:11906']);
    expect(items()).toEqual(await ledgerTop('reel_rita'));

    // A new film logged, rated and liked: the next run's feed has it.
    rita().unshift({
      slug: 'the-things-we-kept', title: 'The Things We Kept', year: 2015, rating: 4.5, liked: true,
      tmdb: { id: 900101, type: 'movie' }, imdbId: null, directors: [], watchlisted: false, loggedAt: '2026-11-25T09:00:00Z',
    });
    expect((await once(env)).code).toBe(0);
    expect(items()).toEqual(await ledgerTop('reel_rita'));
    expect(items()).toContain('movie:900101');

    // A rewatch re-rates The Thing and likes it: a newer diary entry for the same film.
    const thing = rita().find((film) => film.slug === 'the-thing') as FakeFilm;
    rita().splice(rita().indexOf(thing), 1);
    rita().unshift({ ...thing, rating: 5, liked: true, loggedAt: '2026-11-28T09:00:00Z' });
    expect((await once(env)).code).toBe(0);
    expect(items()).toEqual(await ledgerTop('reel_rita'));
    expect(items()?.slice(0, 2)).toEqual(['movie:1091', 'movie:550']); // a tie on ★★★★★: the more recent rating first

    const writes = fakes.tmdb.writeCount();
    const last = await once(env);
    expect(last.lines.some((line) => line.includes('reel_rita: unchanged'))).toBe(true);
    expect(fakes.tmdb.writeCount()).toBe(writes);
  });

  it('a feed that fails leaves the ledger and the list as they were, and the run says so', async () => {
    const env = testEnv(fakes, { CRON_TARGET_USERS: 'reel_rita', LETTERBOXD_SOURCE: 'ledger' });
    expect((await once(env)).code).toBe(0);
    const before = await readLedger('reel_rita', { store: store() });
    const items = listOf('reel_rita')?.items.map((item) => item.mediaId);

    fakes.lb.failNext({ kind: 'cloudflare', path: '/reel_rita/rss/' });
    const run = await once(env);
    expect(run.code).toBe(0);
    expect(run.lines.some((line) => /WARN\s+reel_rita: Could not read the RSS feed/.test(line) && line.includes('left unchanged'))).toBe(true);
    expect(run.lines.some((line) => line.includes('reel_rita: unchanged'))).toBe(true);
    expect(listOf('reel_rita')?.items.map((item) => item.mediaId)).toEqual(items);
    expect((await readLedger('reel_rita', { store: store() })).films).toEqual(before.films);
  });
});

describe('LETTERBOXD_SOURCE=auto (default)', () => {
  it('scrapes; when Letterboxd refuses, syncs from the ledger for that run and says so', async () => {
    const env = testEnv(fakes, { CRON_TARGET_USERS: 'reel_rita' });
    const first = await once(env);
    expect(first.lines.some((line) => /reel_rita: synced .*source=letterboxd/.test(line))).toBe(true);
    const writes = fakes.tmdb.writeCount();

    // Cloudflare refuses every page of the member, but not the feed.
    fakes.lb.failNext({ kind: 'cloudflare', path: /^\/reel_rita\/(?!rss\/)/, times: 1000 });
    const blocked = await once(env);
    expect(blocked.code).toBe(0);
    const warnings = blocked.lines.filter((line) => /WARN\s+reel_rita: Letterboxd refused the scrape/.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('synced from the ledger for this run');
    expect(blocked.lines.some((line) => /reel_rita: unchanged .*source=ledger/.test(line))).toBe(true);
    expect(fakes.tmdb.writeCount()).toBe(writes);
  });

  it('a per-member override picks the member’s source', async () => {
    const env = testEnv(fakes, { CRON_TARGET_USERS: 'reel_rita,otto_o', LETTERBOXD_SOURCE_BY_MEMBER: 'otto_o:ledger' });
    const run = await once(env);
    expect(run.lines.some((line) => /otto_o: synced .*source=ledger/.test(line))).toBe(true);
    expect(run.lines.some((line) => /reel_rita: synced .*source=letterboxd/.test(line))).toBe(true);
  });
});
