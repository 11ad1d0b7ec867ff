import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ottoExport, makeExportZip } from './fixtures/export-zip';
import { auth, testApp, useFakes, waitForJob } from './helpers';

const fakes = useFakes();
const exportsEnv = () => ({ LETTERBOXD_EXPORT_DIR: join(fakes.dir, 'exports') });

function multipart(bytes: Uint8Array<ArrayBuffer>, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type: 'application/zip' }), 'letterboxd-otto_o-2026.zip');
  return form;
}

describe('POST /users/{username}/export', () => {
  it('stores a multipart upload as <EXPORT_DIR>/<username>.zip and reports what it holds', async () => {
    const zip = makeExportZip(ottoExport);
    const res = await testApp(fakes, exportsEnv()).request('/users/Otto_O/export', {
      method: 'POST',
      headers: auth,
      body: multipart(zip),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      username: 'Otto_O',
      stored: true,
      bytes: zip.byteLength,
      counts: { watched: 3, ratings: 3, likes: 3, watchlist: 1, diary: 0, lists: 0 },
      // No time in this file name: the upload dates the export.
      ledger: { films: 3, exported_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
    const dir = join(fakes.dir, 'exports');
    expect(await readdir(dir)).toEqual(['otto_o.zip']);
    expect(new Uint8Array(await readFile(join(dir, 'otto_o.zip')))).toEqual(zip);
  });

  it('accepts a raw application/zip body, and with LETTERBOXD_SOURCE=scrape the next sync reads the export alone', async () => {
    const app = testApp(fakes, { ...exportsEnv(), LETTERBOXD_SOURCE: 'scrape' });
    const upload = await app.request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: makeExportZip(ottoExport),
    });
    expect(upload.status).toBe(201);

    const res = await app.request('/jobs/sync-tmdb', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ usernames: ['otto_o'] }),
    });
    const job = await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
    const [result] = job.results as Array<Record<string, unknown>>;
    expect(result).toMatchObject({ username: 'otto_o', status: 'synced', source: 'export', films_found: 3, matched: 3, added: 3 });
    expect(fakes.tmdb.lists.get(result?.list_id as number)?.items.map((i) => i.mediaId)).toEqual([603, 194, 550]);
    expect(fakes.lb.requests).toEqual([]);
  });

  it('reports per film how exact the match from the export was (title + year searches, one fuzzy)', async () => {
    const app = testApp(fakes, { ...exportsEnv(), LETTERBOXD_SOURCE: 'scrape' });
    // Letterboxd dates "Harbour Lights" 2019 (festival premiere); TMDb says 2020: a fuzzy match.
    const harbour = '2024-01-05,Harbour Lights,2019,https://boxd.it/3hLx';
    const files = {
      ...ottoExport,
      'watched.csv': `${ottoExport['watched.csv']}${harbour}\r\n`,
      'ratings.csv': `${ottoExport['ratings.csv']}${harbour},3.5\r\n`,
      'likes/films.csv': `${ottoExport['likes/films.csv']}${harbour}\r\n`,
    };
    const upload = await app.request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: makeExportZip(files),
    });
    expect(upload.status).toBe(201);

    const res = await app.request('/jobs/sync-tmdb', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ usernames: ['otto_o'] }),
    });
    const job = await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
    const [result] = job.results as Array<Record<string, unknown>>;
    expect(result).toMatchObject({ status: 'synced', source: 'export', films_found: 4, matched: 4 });
    expect(result?.matched_films).toEqual([
      { title: 'The Matrix', year: 1999, slug: 'boxd:2aXk', tmdb_id: 603, media_type: 'movie', via: 'search', method: 'search-exact' },
      { title: 'Amélie', year: 2001, slug: 'boxd:1ZoK', tmdb_id: 194, media_type: 'movie', via: 'search', method: 'search-exact' },
      { title: 'Fight Club', year: 1999, slug: 'boxd:2a9q', tmdb_id: 550, media_type: 'movie', via: 'search', method: 'search-exact' },
      { title: 'Harbour Lights', year: 2019, slug: 'boxd:3hLx', tmdb_id: 900201, media_type: 'movie', via: 'search', method: 'search-fuzzy' },
    ]);
  });

  it('requires the bearer token', async () => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: makeExportZip(ottoExport),
    });
    expect(res.status).toBe(401);
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses an upload over 50 MB with 413', async () => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: new Uint8Array(50 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/larger than 50 MB/);
  });

  it('refuses other content types with 415', async () => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: 'Date,Name',
    });
    expect(res.status).toBe(415);
  });

  it.each([
    ['a corrupt ZIP', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), /Not a readable Letterboxd data export/],
    ['a ZIP without export files', () => makeExportZip({ 'notes.txt': 'hello' }), /Not a readable Letterboxd data export/],
    ["another member's export", () => makeExportZip({ ...ottoExport, 'profile.csv': ottoExport['profile.csv']!.replace('otto_o', 'someone_else') }), /belongs to "someone_else"/],
    ['an export without likes', () => { const { 'likes/films.csv': _, ...rest } = ottoExport; return makeExportZip(rest); }, /no likes\/films\.csv/],
    ['an empty body', () => new Uint8Array(), /empty/],
  ])('answers 422 for %s and stores nothing', async (_name, body, message) => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: body(),
    });
    expect(res.status).toBe(422);
    const detail = ((await res.json()) as { detail: Array<{ loc: string[]; msg: string }> }).detail;
    expect(detail[0]?.loc).toEqual(['body']);
    expect(detail[0]?.msg).toMatch(message);
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it('answers 422 when the multipart form has no "file" field', async () => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: auth,
      body: multipart(makeExportZip(ottoExport), 'upload'),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: Array<{ loc: string[] }> }).detail[0]?.loc).toEqual(['body', 'file']);
  });

  it.each([
    ['a body that does not follow its boundary', 'multipart/form-data; boundary=XYZ', 'not a multipart body'],
    ['no boundary at all', 'multipart/form-data', '--x\r\n'],
  ])('answers 422 (not 500) for a multipart upload with %s, and stores nothing', async (_name, type, body) => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': type },
      body,
    });
    expect(res.status).toBe(422);
    const detail = ((await res.json()) as { detail: Array<{ loc: string[]; msg: string }> }).detail;
    expect(detail[0]?.loc).toEqual(['body']);
    expect(detail[0]?.msg).toMatch(/multipart\/form-data body could not be read/);
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it('answers 503 when LETTERBOXD_EXPORT_DIR is not set', async () => {
    const res = await testApp(fakes).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: makeExportZip(ottoExport),
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/LETTERBOXD_EXPORT_DIR/);
  });
});
