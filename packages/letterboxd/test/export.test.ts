import { LetterboxdExportError, isLetterboxdError, readExport } from '@lbx/letterboxd';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crlf, makeExportZip, makeStreamedExportZip, toLf } from './fixtures/export/make-export-zip.js';
import { member2020 } from './fixtures/export/member-2020.js';
import { emptyExport2026, member2026 } from './fixtures/export/member-2026.js';

describe('readExport: a current (boxd.it) export', () => {
  it('reads the profile, without the e-mail address', async () => {
    const data = await readExport(makeExportZip(member2026));
    expect(data.profile).toEqual({
      username: 'Mira_K',
      dateJoined: '2019-04-02',
      givenName: 'Mira',
      familyName: 'Kovač',
      location: 'Ljubljana, Slovenia',
      website: 'https://mira.example.invalid',
      bio: 'Films, mostly.\nSometimes "series".',
      pronoun: 'She / her',
      favoriteFilms: ['https://boxd.it/2b0k', 'https://boxd.it/1Yjy'],
    });
    expect(JSON.stringify(data.profile)).not.toContain('example.invalid,');
    expect(JSON.stringify(data)).not.toContain('mira@example.invalid');
  });

  it('normalises ratings to Film, joining liked from likes/films.csv on the URI', async () => {
    const { ratings } = await readExport(makeExportZip(member2026));
    expect(ratings).toHaveLength(7);
    expect(ratings[1]).toEqual({
      slug: 'boxd:1Yjy',
      title: 'Synecdoche, New York',
      year: 2008,
      url: 'https://boxd.it/1Yjy',
      rating: 5,
      liked: true,
      filmId: null,
      date: '2024-02-11',
    });
    const cats = ratings.find((f) => f.title === 'Cats');
    expect(cats).toMatchObject({ rating: 0.5, liked: false });
    // Same name, different films: keyed apart by their short links.
    const killers = ratings.filter((f) => f.title === 'The Killer');
    expect(killers.map((f) => [f.year, f.slug, f.liked])).toEqual([
      [2023, 'boxd:q2Wm', false],
      [1989, 'boxd:1PTm', true],
    ]);
  });

  it('joins ratings and likes into watched, likes and watchlist rows', async () => {
    const data = await readExport(makeExportZip(member2026));
    expect(data.watched).toHaveLength(8);
    expect(data.watched.find((f) => f.title === 'Paddington 2')).toMatchObject({ rating: null, liked: true });
    expect(data.watched.find((f) => f.title === 'Heat')).toMatchObject({ rating: 4.5, liked: true, date: '2023-12-01' });
    expect(data.likes?.map((f) => f.title)).toEqual([
      'Mulholland Drive',
      'Synecdoche, New York',
      'Heat',
      'Amélie',
      'Paddington 2',
      'The Killer',
    ]);
    expect(data.likes?.every((f) => f.liked === true)).toBe(true);
    expect(data.likes?.find((f) => f.title === 'Heat')).toMatchObject({ rating: 4.5, date: '2023-12-02' });
    expect(data.watchlist).toEqual([
      expect.objectContaining({ title: 'Sirāt', year: 2025, slug: 'boxd:Ux1b', rating: null, liked: false }),
      expect.objectContaining({ title: 'Untitled Tarkovsky Short', year: null, slug: 'boxd:Ab1' }),
    ]);
  });

  it('reads diary entries with watched date, rewatch and tags, never joined on their viewing links', async () => {
    const { diary } = await readExport(makeExportZip(member2026));
    expect(diary[0]).toEqual({
      slug: 'boxd:38N4XP',
      title: 'Mulholland Drive',
      year: 2001,
      url: 'https://boxd.it/38N4XP',
      rating: 5,
      liked: null,
      filmId: null,
      date: '2024-01-10',
      watchedDate: '2024-01-09',
      rewatch: true,
      tags: ['cinema', '35mm', 'lynch'],
    });
    expect(diary[1]).toMatchObject({ title: 'Cats', rating: 0.5, rewatch: false, tags: [] });
    expect(diary[2]).toMatchObject({ title: 'Paddington 2', rating: null, watchedDate: '2024-04-01' });
  });

  it('reads lists through their banner and metadata preamble, entries sorted by position', async () => {
    const { lists } = await readExport(makeExportZip(member2026));
    expect(lists.map((l) => l.file)).toEqual(['lists/crime-i-keep-rewatching.csv', 'lists/null-35233908.csv']);
    const [crime, empty] = lists;
    expect(crime).toMatchObject({
      name: 'Crime, I keep rewatching',
      url: 'https://boxd.it/tufA6',
      date: '2024-03-01',
      tags: ['crime', 'heists'],
      // A multi-line description with a blank line and a line that looks like the entries header.
      description: 'Ranked.\n\n<b>Heat</b> first, "obviously".\nPosition,Name,Year,URL,Description',
    });
    expect(crime?.entries).toEqual([
      expect.objectContaining({ position: 1, title: 'Heat', year: 1995, slug: 'boxd:2a5e', rating: 4.5, liked: true, note: null }),
      expect.objectContaining({ position: 2, title: 'The Killer', year: 1989, note: 'John Woo, before Hollywood' }),
    ]);
    expect(empty).toMatchObject({ name: '❦', description: null, tags: [], entries: [] });
  });

  it('ignores deleted/, orphaned/, reviews and comments', async () => {
    const data = await readExport(makeExportZip(member2026));
    expect(data.lists.some((l) => l.name === 'Old list')).toBe(false);
    expect(data.diary.some((e) => e.title === 'Soulmates')).toBe(false);
  });

  it('gives the same result for LF line ends (inside quoted fields too) and for stored (uncompressed) entries', async () => {
    const crlfResult = await readExport(makeExportZip(member2026));
    expect(await readExport(makeExportZip(toLf(member2026)))).toEqual(crlfResult);
    expect(await readExport(makeExportZip(member2026, { level: 0 }))).toEqual(crlfResult);
  });

  it('reads a ZIP whose entry sizes follow the data (data descriptors), as streaming zip writers make them', async () => {
    const streamed = makeStreamedExportZip(member2026);
    // General-purpose flag bit 3 (sizes in a data descriptor) is set on the first local header.
    expect((streamed[6] as number) & 0x08).toBe(0x08);
    expect(await readExport(streamed)).toEqual(await readExport(makeExportZip(member2026)));
  });

  it('accepts a UTF-8 BOM at the start of a file', async () => {
    const files = { ...member2026, 'ratings.csv': `\uFEFF${member2026['ratings.csv']}` };
    const { ratings } = await readExport(makeExportZip(files));
    expect(ratings[0]).toMatchObject({ title: 'Mulholland Drive', rating: 5 });
  });

  it('accepts an ArrayBuffer and a ZIP whose files sit in one enclosing folder', async () => {
    const zip = makeExportZip(member2026, { folder: 'letterboxd-mira_k-2026-05-03-18-29-utc' });
    const buffer = zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength) as ArrayBuffer;
    const data = await readExport(buffer);
    expect(data.ratings).toHaveLength(7);
    expect(data.lists).toHaveLength(2);
  });

  it('finds columns by header name, so reordered and added columns still read', async () => {
    const files = {
      ...member2026,
      'ratings.csv': crlf(
        'Letterboxd URI,Rating,Name,Date,Year,Some New Column',
        'https://boxd.it/2a5e,4.5,Heat,2023-12-01,1995,whatever',
      ),
    };
    const { ratings } = await readExport(makeExportZip(files));
    expect(ratings).toEqual([expect.objectContaining({ slug: 'boxd:2a5e', title: 'Heat', year: 1995, rating: 4.5, date: '2023-12-01' })]);
  });
});

describe('readExport: a large export', () => {
  // ~1.3 MB stored (uncompressed) so the ZIP is read in many chunks and UTF-8 characters straddle chunk edges.
  const N = 18_000;
  const rows = Array.from({ length: N }, (_, i) => `2024-01-01,Ça tourne ${i} — 映画,${1950 + (i % 70)},https://boxd.it/c${i.toString(36)},${((i % 10) + 1) / 2}`);
  const big = makeExportZip({ ...member2026, 'ratings.csv': crlf('Date,Name,Year,Letterboxd URI,Rating', ...rows) }, { level: 0 });

  it('reads every row intact across chunk boundaries', async () => {
    expect(big.length).toBeGreaterThan(1_200_000);
    const { ratings } = await readExport(big);
    expect(ratings).toHaveLength(N);
    expect(ratings[N - 1]).toMatchObject({ title: `Ça tourne ${N - 1} — 映画`, year: 1950 + ((N - 1) % 70), rating: 5, slug: `boxd:c${(N - 1).toString(36)}` });
    expect(ratings.every((f, i) => f.title === `Ça tourne ${i} — 映画`)).toBe(true);
  }, 30_000); // 18,000 rows: well under a second alone, but it must not fail on a loaded machine

  it('stops between chunks when the signal is aborted', async () => {
    await expect(readExport(big, { signal: AbortSignal.abort(new Error('user left')) })).rejects.toThrow('user left');
  });
});

describe('readExport: older and sparse exports', () => {
  it('keys a row with an unknown kind of link by the link itself', async () => {
    const files = { 'watchlist.csv': crlf('Date,Name,Year,Letterboxd URI', '2024-01-01,Heat,1995,https://example.invalid/heat') };
    const { watchlist } = await readExport(makeExportZip(files));
    expect(watchlist[0]).toMatchObject({ slug: 'uri:https://example.invalid/heat', url: 'https://example.invalid/heat' });
  });

  it('reads a 2020 export: slugs from full URLs, empty list banner, no likes folder, a rating without URI', async () => {
    const data = await readExport(makeExportZip(member2020));
    expect(data.likes).toBeNull();
    expect(data.ratings).toEqual([
      expect.objectContaining({ slug: 'heat-1995', url: 'https://letterboxd.com/film/heat-1995/', rating: 5, liked: null }),
      expect.objectContaining({ slug: 'her', rating: 4.5, liked: null }),
      expect.objectContaining({ slug: 'title:Euphoria (2019)', url: '', title: 'Euphoria', year: 2019, rating: 3 }),
    ]);
    expect(data.diary[0]).toMatchObject({ slug: 'heat-1995', rewatch: true, watchedDate: '2019-07-22' });
    expect(data.watched.find((f) => f.slug === 'her')).toMatchObject({ rating: 4.5, liked: null });
    expect(data.lists).toEqual([
      {
        name: 'Heat and friends',
        description: 'Movies set in L.A.',
        url: 'https://letterboxd.com/olde_reel/list/heat-and-friends/',
        date: '2019-10-19',
        tags: ['la crime'],
        file: 'lists/heat-and-friends.csv',
        entries: [
          expect.objectContaining({ position: 1, slug: 'heat-1995', rating: 5, liked: null }),
          expect.objectContaining({ position: 2, slug: 'her', rating: 4.5 }),
        ],
      },
    ]);
  });

  it('reads an export whose files hold only their header lines as empty (likes present but empty)', async () => {
    const data = await readExport(makeExportZip(emptyExport2026));
    expect(data).toEqual({ profile: null, watched: [], ratings: [], likes: [], watchlist: [], diary: [], lists: [] });
  });

  it('reads an export that only has some of the files', async () => {
    const data = await readExport(makeExportZip({ 'watchlist.csv': member2026['watchlist.csv'] as string }));
    expect(data.watchlist).toHaveLength(2);
    expect(data).toMatchObject({ profile: null, ratings: [], likes: null, diary: [], lists: [] });
  });

  it('treats a zero-byte CSV as empty', async () => {
    const data = await readExport(makeExportZip({ ...member2026, 'watchlist.csv': '', 'likes/films.csv': '' }));
    expect(data.watchlist).toEqual([]);
    expect(data.likes).toEqual([]);
    expect(data.ratings.every((f) => f.liked === false)).toBe(true);
  });

  it('names a list after its file when the metadata row is missing', async () => {
    const files = {
      'lists/no-meta.csv': crlf('Letterboxd list export v7', 'Date,Name,Tags,URL,Description', '', 'Position,Name,Year,URL,Description', '1,Heat,1995,https://boxd.it/2a5e,'),
    };
    const { lists } = await readExport(makeExportZip(files));
    expect(lists[0]).toMatchObject({ name: 'no-meta', url: null, date: null, entries: [expect.objectContaining({ title: 'Heat' })] });
  });
});

describe('readExport: bad input gets a clear, typed error', () => {
  const reject = async (zip: Uint8Array) => {
    const error = await readExport(zip).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LetterboxdExportError);
    expect(isLetterboxdError(error)).toBe(true);
    return error as LetterboxdExportError;
  };

  it('refuses bytes that are not a ZIP', async () => {
    const error = await reject(strToU8('Date,Name,Year,Letterboxd URI\r\n'));
    expect(error.reason).toBe('corrupt-zip');
    expect(error.message).toMatch(/not a valid ZIP.*letterboxd\.com\/settings\/data/);
  });

  it('refuses a truncated download', async () => {
    const zip = makeExportZip(member2026);
    expect((await reject(zip.subarray(0, Math.floor(zip.length * 0.6)))).reason).toBe('corrupt-zip');
  });

  it('refuses a ZIP whose compressed data is damaged, naming the entry', async () => {
    const zip = makeExportZip({ 'ratings.csv': member2026['ratings.csv'] as string });
    const damaged = zip.slice();
    // The entry's deflate stream starts after the 30-byte local header and the 11-byte name.
    for (let i = 41; i < 61; i++) damaged[i] = 0xff;
    const error = await reject(damaged);
    expect(error).toMatchObject({ reason: 'corrupt-zip', file: 'ratings.csv' });
  });

  it('refuses a ZIP without CSV files, and one whose CSVs are not export files', async () => {
    expect((await reject(zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]) }))).reason).toBe('not-an-export');
    const error = await reject(makeExportZip({ 'budget.csv': 'a,b\r\n1,2\r\n' }));
    expect(error.reason).toBe('not-an-export');
    expect(error.message).toContain('budget.csv');
  });

  it('reports a CSV that does not parse, naming the file', async () => {
    const error = await reject(makeExportZip({ ...member2026, 'ratings.csv': 'Date,Name,Year,Letterboxd URI,Rating\r\n2024-01-01,"Heat,1995,x,4\r\n' }));
    expect(error).toMatchObject({ reason: 'invalid-csv', file: 'ratings.csv' });
  });

  it('reports a header without the expected columns (a changed format) instead of guessing', async () => {
    const error = await reject(makeExportZip({ ...member2026, 'ratings.csv': crlf('Date,Name,Year,Letterboxd URI', '2024-01-01,Heat,1995,https://boxd.it/2a5e') }));
    expect(error).toMatchObject({ reason: 'invalid-csv', file: 'ratings.csv' });
    expect(error.message).toContain('"Rating"');
  });

  it.each([
    ['rating', 'ratings.csv', crlf('Date,Name,Year,Letterboxd URI,Rating', '2024-01-01,Heat,1995,https://boxd.it/2a5e,4.5', '2024-01-01,Her,2013,https://boxd.it/x1,9'), /line 3: Rating is "9"/],
    ['year', 'watched.csv', crlf('Date,Name,Year,Letterboxd URI', '2024-01-01,Heat,95,https://boxd.it/2a5e'), /line 2: Year is "95"/],
    ['date', 'watchlist.csv', crlf('Date,Name,Year,Letterboxd URI', '01/02/2024,Heat,1995,https://boxd.it/2a5e'), /Date is "01\/02\/2024"/],
    ['calendar date', 'watchlist.csv', crlf('Date,Name,Year,Letterboxd URI', '2024-02-30,Heat,1995,https://boxd.it/2a5e'), /Date is "2024-02-30"/],
    ['position', 'lists/x.csv', crlf('Letterboxd list export v7', 'Date,Name,Tags,URL,Description', '2024-01-01,X,,https://boxd.it/ab1,', '', 'Position,Name,Year,URL,Description', 'first,Heat,1995,https://boxd.it/2a5e,'), /Position is "first"/],
  ])('reports an invalid %s value with file and line', async (_what, file, csv, message) => {
    const error = await reject(makeExportZip({ ...member2026, [file]: csv }));
    expect(error).toMatchObject({ reason: 'invalid-csv', file });
    expect(error.message).toMatch(message);
  });

  it('reports a list CSV without the list layout', async () => {
    const error = await reject(makeExportZip({ ...member2026, 'lists/odd.csv': crlf('Date,Name,Year,Letterboxd URI', '2024-01-01,Heat,1995,https://boxd.it/2a5e') }));
    expect(error).toMatchObject({ reason: 'invalid-csv', file: 'lists/odd.csv' });
  });

  it('rejects input that is not bytes, invalid limits, and an aborted signal', async () => {
    await expect(readExport('not bytes' as unknown as Uint8Array)).rejects.toThrow(TypeError);
    await expect(readExport(makeExportZip(member2026), { maxTotalBytes: 0 })).rejects.toThrow(RangeError);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readExport(makeExportZip(member2026), { signal: controller.signal })).rejects.toThrow('stop');
  });
});
