import { describe, expect, it } from 'vitest';
import {
  LetterboxdInvalidUsernameError,
  type ListPage,
  LetterboxdNotFoundError,
  LetterboxdParseError,
  LetterboxdPrivateError,
  createLetterboxdClient,
} from '@lbx/letterboxd';
import { BASE, createSite, fixture, html, useServer } from './handlers/letterboxd-site.js';
import { type ListEntrySpec, listEntries, listPage } from './fixtures/list-page.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0 });

const OWNER = 'mara_quill';
const SLUG = 'the-long-century';
const PATH = `/${OWNER}/list/${SLUG}/`;

/** Entries that exercise the name ladder: entities, no year, parentheses in the title, non-ASCII. */
const SPECIAL: ListEntrySpec[] = [
  { slug: 'the-cabinet-of-dr-caligari', name: 'The Cabinet of Dr. Caligari (1920)', uid: 51001, ownerRating: 10 },
  { slug: 'fatherland-3', name: 'Fatherland', uid: 51002, ownerRating: null },
  { slug: 'whats-up-doc-again', name: 'What&#039;s Up, Doc? (Again) (1972)', uid: 51003, ownerRating: 7 },
  { slug: 'sirat-2025', name: 'Sirāt (2025)', uid: 51004, ownerRating: 9 },
];

/** A ranked list of `total` films: page 1 starts with {@link SPECIAL}, then `list-film-<n>` entries. */
function rankedList(total: number) {
  const all = [...SPECIAL, ...listEntries(SPECIAL.length + 1, total - SPECIAL.length)];
  const pages = Math.ceil(all.length / 100);
  const routes: Record<string, string> = {};
  for (let page = 1; page <= pages; page += 1) {
    const path = page === 1 ? PATH : `${PATH}page/${page}/`;
    routes[path] = listPage({
      owner: OWNER,
      slug: SLUG,
      name: 'The Long Century: 1920&ndash;2025',
      descriptionHtml: '<p>One film a year, <em>ranked</em>.</p><p>Updated every &lsquo;January&rsquo;.</p>',
      total,
      ranked: true,
      firstRank: (page - 1) * 100 + 1,
      entries: all.slice((page - 1) * 100, page * 100),
      nextHref: page < pages ? `${PATH}page/${page + 1}/` : null,
      previousHref: page > 1 ? (page === 2 ? PATH : `${PATH}page/${page - 1}/`) : null,
    });
  }
  return createSite(routes);
}

describe('getList', () => {
  it('parses a 100-entry ranked page exactly: entries in list order with rank, owner rating, no like', async () => {
    const site = rankedList(100);
    server.use(...site.handlers);
    const list = await client().getList(OWNER, SLUG);
    expect(list).toMatchObject({
      owner: OWNER,
      slug: SLUG,
      name: 'The Long Century: 1920–2025',
      description: 'One film a year, ranked.\n\nUpdated every ‘January’.',
      url: `${BASE}${PATH}`,
      ranked: true,
      total: 100,
    });
    expect(list.films).toHaveLength(100);
    expect(list.films.slice(0, 4)).toEqual([
      { slug: 'the-cabinet-of-dr-caligari', title: 'The Cabinet of Dr. Caligari', year: 1920, url: `${BASE}/film/the-cabinet-of-dr-caligari/`, rating: 5, liked: null, filmId: '51001', rank: 1 },
      { slug: 'fatherland-3', title: 'Fatherland', year: null, url: `${BASE}/film/fatherland-3/`, rating: null, liked: null, filmId: '51002', rank: 2 },
      { slug: 'whats-up-doc-again', title: "What's Up, Doc? (Again)", year: 1972, url: `${BASE}/film/whats-up-doc-again/`, rating: 3.5, liked: null, filmId: '51003', rank: 3 },
      { slug: 'sirat-2025', title: 'Sirāt', year: 2025, url: `${BASE}/film/sirat-2025/`, rating: 4.5, liked: null, filmId: '51004', rank: 4 },
    ]);
    expect(list.films[99]).toEqual({
      slug: 'list-film-100',
      title: 'List Film 100',
      year: 1940,
      url: `${BASE}/film/list-film-100/`,
      rating: null,
      liked: null,
      filmId: '600100',
      rank: 100,
    });
    expect(list.films.map((film) => film.rank)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(list.films.some((film) => film.slug === 'sidebar-film')).toBe(false);
    expect(site.requests).toEqual([PATH]);
  });

  it('reads a 250-film list in 3 requests, ranks running on across pages', async () => {
    const site = rankedList(250);
    server.use(...site.handlers);
    const list = await client().getList(OWNER, SLUG);
    expect(list.films).toHaveLength(250);
    expect(list.films.map((film) => film.rank)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(new Set(list.films.map((film) => film.slug)).size).toBe(250);
    expect(list.total).toBe(250);
    expect(site.requests).toEqual([PATH, `${PATH}page/2/`, `${PATH}page/3/`]);
  });

  it('stops at `limit` without requesting further pages; limit 0 still reads the details', async () => {
    const site = rankedList(250);
    server.use(...site.handlers);
    const list = await client().getList(OWNER, SLUG, { limit: 120 });
    expect(list.films).toHaveLength(120);
    expect(list.films[119]?.rank).toBe(120);
    expect(site.requests).toEqual([PATH, `${PATH}page/2/`]);
    const none = await client().getList(OWNER, SLUG, { limit: 0 });
    expect(none).toMatchObject({ name: 'The Long Century: 1920–2025', films: [] });
    expect(site.requests).toHaveLength(3);
    await expect(client().getList(OWNER, SLUG, { limit: -1 })).rejects.toThrow(RangeError);
    expect(site.requests).toHaveLength(3);
  });

  it('reads an unranked list: rank null, no description, the owner from the page', async () => {
    server.use(...createSite({ '/Theo-Brandt/list/rainy-sundays/': fixture('letterboxd-list-unranked.html') }).handlers);
    const list = await client().getList('Theo-Brandt', 'rainy-sundays');
    expect(list).toEqual({
      owner: 'theo-brandt',
      slug: 'rainy-sundays',
      name: 'Rainy Sundays & Tea',
      description: null,
      url: `${BASE}/Theo-Brandt/list/rainy-sundays/`,
      ranked: false,
      total: 2,
      films: [
        { slug: 'the-last-ferry', title: 'The Last Ferry', year: 1958, url: `${BASE}/film/the-last-ferry/`, rating: null, liked: null, filmId: '810004', rank: null },
        { slug: 'blue-pelican', title: 'Blue Pelican', year: 2025, url: `${BASE}/film/blue-pelican/`, rating: 4, liked: null, filmId: '810001', rank: null },
      ],
    });
  });

  it('returns no entries for a list that states it is empty', async () => {
    server.use(...createSite({ '/ada_vos/list/someday/': fixture('letterboxd-list-empty.html') }).handlers);
    expect(await client().getList('ada_vos', 'someday')).toMatchObject({ name: 'Someday', total: 0, ranked: false, films: [] });
  });
});

describe('list / listPages', () => {
  it('iterate lazily in list order, each page with the list details', async () => {
    const site = rankedList(250);
    server.use(...site.handlers);
    const iterator = client().list(OWNER, SLUG)[Symbol.asyncIterator]();
    expect(site.requests).toEqual([]);
    expect((await iterator.next()).value).toMatchObject({ slug: 'the-cabinet-of-dr-caligari', rank: 1 });
    expect(site.requests).toHaveLength(1);
    await iterator.return?.();

    const pages: ListPage[] = [];
    for await (const page of client().listPages(OWNER, SLUG)) pages.push(page);
    expect(pages.map((page) => [page.page, page.films.length, page.hasNext, page.url])).toEqual([
      [1, 100, true, `${BASE}${PATH}`],
      [2, 100, true, `${BASE}${PATH}page/2/`],
      [3, 50, false, `${BASE}${PATH}page/3/`],
    ]);
    expect(pages[2]?.list).toMatchObject({ owner: OWNER, slug: SLUG, ranked: true, total: 250, url: `${BASE}${PATH}` });
  });

  it('stops between pages when the signal aborts', async () => {
    const site = rankedList(250);
    server.use(...site.handlers);
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of client().listPages(OWNER, SLUG, { signal: controller.signal })) {
          seen.push(page.page);
          controller.abort(new Error('stop'));
        }
      })(),
    ).rejects.toThrow('stop');
    expect(seen).toEqual([1]);
    expect(site.requests).toHaveLength(1);
  });
});

describe('list errors', () => {
  it('a missing list is a LetterboxdNotFoundError, a private one a LetterboxdPrivateError, naming the owner', async () => {
    server.use(
      ...createSite({
        '/ada_vos/list/secret/': () => html(fixture('letterboxd-error-403-private.html'), 403),
      }).handlers,
    );
    const missing = await client().getList('ada_vos', 'no-such-list').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(LetterboxdNotFoundError);
    expect(missing).toMatchObject({ username: 'ada_vos', url: `${BASE}/ada_vos/list/no-such-list/` });
    await expect(client().getList('ada_vos', 'secret')).rejects.toBeInstanceOf(LetterboxdPrivateError);
  });

  it('a page with entries the parser cannot see is a LetterboxdParseError, never an empty list', async () => {
    server.use(...createSite({ '/ada_vos/list/moved/': fixture('letterboxd-list-markup-changed.html') }).handlers);
    const error = await client().getList('ada_vos', 'moved').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect(error).toMatchObject({ page: 'list', username: 'ada_vos' });
  });

  it('a list page without a name is a LetterboxdParseError', async () => {
    const page = listPage({
      owner: 'ada_vos', slug: 'nameless', name: '', descriptionHtml: null, total: 1, ranked: false, firstRank: 1,
      entries: listEntries(1, 1), nextHref: null, previousHref: null,
    }).replace(/<meta property="og:title"[^>]*>/, '');
    server.use(...createSite({ '/ada_vos/list/nameless/': page }).handlers);
    await expect(client().getList('ada_vos', 'nameless')).rejects.toThrow(/no list name/);
  });

  it('checks owner and slug before any request', async () => {
    const site = createSite({});
    server.use(...site.handlers);
    await expect(client().getList('not a name', SLUG)).rejects.toBeInstanceOf(LetterboxdInvalidUsernameError);
    await expect(client().getList(OWNER, 'a/b')).rejects.toThrow(TypeError);
    await expect(client().listPages(OWNER, '')[Symbol.asyncIterator]().next()).rejects.toThrow(/not a Letterboxd list slug/);
    expect(site.requests).toEqual([]);
  });
});
