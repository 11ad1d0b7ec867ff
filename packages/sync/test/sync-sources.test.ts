import {
  createExportSource,
  createLetterboxdClient,
  createRssSource,
  readExport,
  type ExportSource,
  type RssSource,
} from '@lbx/letterboxd';
import { createFakeLetterboxd, createFakeTmdb, demoMembers, type FakeMember } from '@lbx/testkit';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, syncUser, type FilmSource, type SyncEvent } from '@lbx/sync';
import { tmdbClientFor, useFakes } from './support/harness.js';

// Sources must satisfy FilmSource structurally (no import of @lbx/sync in @lbx/letterboxd).
const asSource = (source: ExportSource | RssSource): FilmSource => source;

const member = demoMembers.find((m) => m.username === 'cinephile_ana') as FakeMember;
const letterboxd = createFakeLetterboxd();
const tmdbFake = createFakeTmdb();
useFakes(letterboxd, tmdbFake);

const tmdb = tmdbClientFor(tmdbFake);
const client = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });

/** The member's data export as Letterboxd writes it: CRLF, minimal quoting, boxd.it links, no TMDb ids. */
function exportZipOf(data: FakeMember): Uint8Array {
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = (header: string, rows: string[][]) => `${[header, ...rows.map((r) => r.map(q).join(','))].join('\r\n')}\r\n`;
  const link = (i: number) => `https://boxd.it/${(1000 + i).toString(36)}`;
  const row = (i: number, ...rest: string[]) => {
    const film = data.films[i] as FakeMember['films'][number];
    return [`2026-0${1 + (i % 9)}-1${i % 10}`, film.title, film.year === null ? '' : String(film.year), link(i), ...rest];
  };
  const indexed = data.films.map((film, i) => ({ film, i }));
  return zipSync({
    'profile.csv': strToU8(csv('Date Joined,Username,Given Name,Family Name,Email Address,Location,Website,Bio,Pronoun,Favorite Films', [['2018-01-01', data.username, '', '', 'x@example.invalid', '', '', '', '', '']])),
    'watched.csv': strToU8(csv('Date,Name,Year,Letterboxd URI', indexed.filter(({ film }) => film.watched !== false).map(({ i }) => row(i)))),
    'ratings.csv': strToU8(csv('Date,Name,Year,Letterboxd URI,Rating', indexed.filter(({ film }) => film.rating !== null).map(({ film, i }) => row(i, String(film.rating))))),
    'likes/films.csv': strToU8(csv('Date,Name,Year,Letterboxd URI', indexed.filter(({ film }) => film.liked).map(({ i }) => row(i)))),
    'watchlist.csv': strToU8(csv('Date,Name,Year,Letterboxd URI', indexed.filter(({ film }) => film.watchlisted).map(({ i }) => row(i)))),
    'diary.csv': strToU8(csv('Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date', [])),
  });
}

async function syncWith(source: FilmSource) {
  const events: SyncEvent[] = [];
  const result = await syncUser('cinephile_ana', { source, tmdb, store: createMemoryStore() }, {
    limit: 20,
    onEvent: (event) => events.push(event),
  });
  const items = (tmdbFake.lists.get(result.listId as number)?.items ?? []).map((i) => `${i.mediaType}:${i.mediaId} ${i.comment}`);
  const via = Object.fromEntries(
    events.flatMap((e) => (e.type === 'film-resolved' ? [[e.film.title, `${e.via} ${e.tmdb.mediaType}:${e.tmdb.id}`]] : [])),
  );
  const unmatched = events.flatMap((e) => (e.type === 'film-unmatched' ? [e.film.title] : []));
  tmdbFake.reset();
  return { result, items, via, unmatched };
}

describe('one sync, three sources: scraping, data export, RSS feed', () => {
  it('an export and the scraper give the same TMDb list for the same films', async () => {
    const scraped = await syncWith(client);
    const exported = await syncWith(asSource(createExportSource(await readExport(exportZipOf(member)))));

    expect(scraped.result.status).toBe('synced');
    expect(exported.result.status).toBe('synced');
    expect(scraped.items.length).toBeGreaterThan(5);
    // Same films, same ratings in the comments (the order of equal ratings may differ between sources).
    expect([...exported.items].sort()).toEqual([...scraped.items].sort());
    expect(exported.unmatched).toEqual(scraped.unmatched);
    // The scraper resolves through film pages; the export, which has no ids, through TMDb search.
    expect(Object.values(scraped.via).every((v) => v.startsWith('film-page '))).toBe(true);
    expect(Object.values(exported.via).every((v) => v.startsWith('search '))).toBe(true);
  });

  it('the RSS feed gives the same list again, resolved exactly from its TMDb ids', async () => {
    const scraped = await syncWith(client);
    const fromFeed = await syncWith(asSource(createRssSource(client)));

    expect(fromFeed.result.status).toBe('synced');
    expect([...fromFeed.items].sort()).toEqual([...scraped.items].sort());
    expect(Object.values(fromFeed.via).every((v) => v.startsWith('source '))).toBe(true);
    expect(fromFeed.via.Unbelievable).toBe('source tv:90677');
  });
});
