import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportParsesPending, saveExport } from '@lbx/example-shared';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
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
      owner: 'profile.csv',
      counts: { watched: 3, ratings: 3, likes: 3, watchlist: 1, diary: 0, lists: 0 },
      // No time in this file name: the upload dates the export.
      ledger: { films: 3, exported_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
    const dir = join(fakes.dir, 'exports');
    expect(await readdir(dir)).toEqual(['otto_o.parsed.json', 'otto_o.zip']);
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
      { title: 'The Matrix', year: 1999, slug: 'boxd:2aXk', rating: 5, tmdb_id: 603, media_type: 'movie', via: 'search', method: 'search-exact', rating_source: null, liked_source: null },
      { title: 'Amélie', year: 2001, slug: 'boxd:1ZoK', rating: 4.5, tmdb_id: 194, media_type: 'movie', via: 'search', method: 'search-exact', rating_source: null, liked_source: null },
      { title: 'Fight Club', year: 1999, slug: 'boxd:2a9q', rating: 4, tmdb_id: 550, media_type: 'movie', via: 'search', method: 'search-exact', rating_source: null, liked_source: null },
      { title: 'Harbour Lights', year: 2019, slug: 'boxd:3hLx', rating: 3.5, tmdb_id: 900201, media_type: 'movie', via: 'search', method: 'search-fuzzy', rating_source: null, liked_source: null },
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

  it('refuses an upload over EXPORT_MAX_UPLOAD_MB (16 MiB by default) with 413 before parsing it', async () => {
    const res = await testApp(fakes, exportsEnv()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: new Uint8Array(16 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      detail: [{ loc: ['body'], type: 'upload_too_large', msg: expect.stringMatching(/larger than 16 MiB \(EXPORT_MAX_UPLOAD_MB\)/) }],
    });
    const lower = await testApp(fakes, { ...exportsEnv(), EXPORT_MAX_UPLOAD_MB: '1' }).request('/users/otto_o/export', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/zip' },
      body: new Uint8Array(1024 * 1024 + 1),
    });
    expect(lower.status).toBe(413);
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

/** `files` zipped, each entry deflated at `level` (0 stores it). */
function zipOf(files: Record<string, string | Uint8Array>, level: 0 | 1 | 6 = 6): Uint8Array<ArrayBuffer> {
  const entries = Object.fromEntries(
    Object.entries(files).map(([path, content]): [string, [Uint8Array, { level: 0 | 1 | 6 }]] => [
      path,
      [typeof content === 'string' ? strToU8(content) : content, { level }],
    ]),
  );
  return new Uint8Array(zipSync(entries));
}

/** Otto's export with `rows` extra watched films: a hostile export that is small zipped. */
function manyRows(rows: number, title = 'X'): Uint8Array<ArrayBuffer> {
  const row = `2024-01-01,${title},2000,https://boxd.it/x\r\n`;
  return zipOf({ ...ottoExport, 'watched.csv': `Date,Name,Year,Letterboxd URI\r\n${row.repeat(rows)}` });
}

const upload = async (app: ReturnType<typeof testApp>, name: string, body: Uint8Array<ArrayBuffer>, query = '') =>
  await app.request(`/users/${name}/export${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/zip' }, body });

const syncOne = async (app: ReturnType<typeof testApp>, name: string) => {
  const res = await app.request('/jobs/sync-tmdb', {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ usernames: [name] }),
  });
  const job = await waitForJob(app, ((await res.json()) as { job_id: string }).job_id);
  return (job.results as Array<Record<string, unknown>>)[0];
};

describe('hostile export uploads', () => {
  it('refuses a small ZIP inflating to a 20 MiB CSV with a typed 413 and stores nothing', async () => {
    const bomb = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    bomb.set(strToU8('Date,Name,Year,Letterboxd URI,Rating\r\n'));
    const zip = zipOf({ ...ottoExport, 'ratings.csv': bomb }, 1);
    expect(zip.byteLength).toBeLessThan(200_000);
    const res = await upload(testApp(fakes, exportsEnv()), 'otto_o', zip);
    expect(res.status).toBe(413);
    const [issue] = ((await res.json()) as { detail: Array<{ msg: string; type: string }> }).detail;
    expect(issue?.type).toBe('export_too_large');
    expect(issue?.msg).toMatch(/^Refused: "ratings\.csv" in the export is larger than the maxFileBytes limit \(20\.0 MiB > 16\.0 MiB\)/);
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses 100,001 rows with a typed 413 while /health keeps answering during the parse', async () => {
    const app = testApp(fakes, exportsEnv());
    const events: string[] = [];
    const refused = upload(app, 'otto_o', manyRows(100_001)).then((res) => {
      events.push('upload answered');
      return res;
    });
    // The parse has started (the upload holds its turn), then /health is asked while it runs.
    await vi.waitFor(() => expect(exportParsesPending()).toBe(1), { interval: 5 });
    const health = await app.request('/health');
    events.push(`health ${health.status}`);
    const res = await refused;
    expect(events).toEqual(['health 200', 'upload answered']);
    expect(res.status).toBe(413);
    const [issue] = ((await res.json()) as { detail: Array<{ msg: string; type: string }> }).detail;
    expect(issue).toMatchObject({ type: 'export_too_large', msg: expect.stringMatching(/more than 100000 CSV rows.*over the maxRows limit/) });
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it("turns the parser's heap limit (EXPORT_PARSE_MEMORY_MB) into a typed 413; the server and the next upload carry on", async () => {
    const app = testApp(fakes, { ...exportsEnv(), EXPORT_PARSE_MEMORY_MB: '32' });
    // Two 15 MiB CSVs of long rows: within every size and row limit, but more than 32 MiB of heap to read.
    const longRows = `Date,Name,Year,Letterboxd URI\r\n${`2024-01-01,${'Long title '.repeat(100)},2000,https://boxd.it/x\r\n`.repeat(14_000)}`;
    const res = await upload(app, 'otto_o', zipOf({ ...ottoExport, 'watched.csv': longRows, 'watchlist.csv': longRows }));
    expect(res.status).toBe(413);
    const [issue] = ((await res.json()) as { detail: Array<{ msg: string; type: string }> }).detail;
    expect(issue).toMatchObject({ type: 'export_too_heavy', msg: expect.stringMatching(/more than the parser's 32 MiB heap limit/) });
    expect((await app.request('/health')).status).toBe(200);
    expect((await upload(app, 'otto_o', makeExportZip(ottoExport))).status).toBe(201);
  });

  it('takes one upload at a time and answers 503 + Retry-After to a fourth while 3 are pending', async () => {
    const app = testApp(fakes, exportsEnv());
    // The first takes a while to parse; the next two wait their turn behind it, the fourth finds 3 pending.
    const zips = [manyRows(60_000), makeExportZip(ottoExport), makeExportZip(ottoExport), makeExportZip(ottoExport)];
    const answers = await Promise.all(zips.map((zip) => upload(app, 'otto_o', zip)));
    expect(answers.map((res) => res.status)).toEqual([201, 201, 201, 503]);
    expect(answers[3]?.headers.get('retry-after')).toBe('10');
    expect(((await answers[3]?.json()) as { detail: string }).detail).toMatch(/3 data exports are already being read/);
  });
});

describe('export owner proof', () => {
  const { 'profile.csv': _, ...anonymous } = ottoExport;

  it('refuses an export without profile.csv (it does not show whose it is) and says why', async () => {
    const res = await upload(testApp(fakes, exportsEnv()), 'otto_o', makeExportZip(anonymous));
    expect(res.status).toBe(422);
    const [issue] = ((await res.json()) as { detail: Array<{ msg: string; type: string }> }).detail;
    expect(issue?.type).toBe('export_owner_unknown');
    expect(issue?.msg).toMatch(/no profile\.csv, so it does not show whose it is; it was not stored as "otto_o".*\?trust_owner=true/);
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it('stores it when the operator vouches for it with ?trust_owner=true and the token, and says so', async () => {
    const res = await upload(testApp(fakes, exportsEnv()), 'otto_o', makeExportZip(anonymous), '?trust_owner=true');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ username: 'otto_o', owner: 'trust_owner' });
    expect(await readdir(join(fakes.dir, 'exports'))).toContain('otto_o.zip');
  });

  it('does not honour trust_owner on a server without API_TOKEN, and says so', async () => {
    const res = await testApp(fakes, { ...exportsEnv(), API_TOKEN: '' }).request('/users/otto_o/export?trust_owner=true', {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: makeExportZip(anonymous),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: Array<{ msg: string }> }).detail[0]?.msg).toMatch(/honoured only on a server with API_TOKEN/);
  });
});

describe('stored exports', () => {
  it("caps their number with 409 and says what to do; replacing a member's own export still works", async () => {
    const app = testApp(fakes, { ...exportsEnv(), EXPORT_MAX_STORED: '1' });
    const exportOf = (name: string) => makeExportZip({ ...ottoExport, 'profile.csv': ottoExport['profile.csv']!.replace('otto_o', name) });
    expect((await upload(app, 'otto_o', exportOf('otto_o'))).status).toBe(201);
    expect((await upload(app, 'otto_o', exportOf('otto_o'))).status).toBe(201);
    const refused = await upload(app, 'reel_rita', exportOf('reel_rita'));
    expect(refused.status).toBe(409);
    const [issue] = ((await refused.json()) as { detail: Array<{ msg: string; type: string }> }).detail;
    expect(issue?.type).toBe('export_storage_full');
    expect(issue?.msg).toMatch(/already stores 1 member exports.*EXPORT_MAX_STORED=1.*Delete the exports of members no longer synced/);
    expect(await readdir(join(fakes.dir, 'exports'))).toEqual(['otto_o.parsed.json', 'otto_o.zip']);
  });

  it('caps their bytes with 409', async () => {
    // 1.5 MiB of incompressible bytes in a file the parser ignores: the upload alone passes EXPORT_MAX_STORED_MB=1.
    const zip = zipOf({ ...ottoExport, 'photo.bin': randomBytes(1536 * 1024) }, 0);
    const res = await upload(testApp(fakes, { ...exportsEnv(), EXPORT_MAX_STORED_MB: '1' }), 'otto_o', zip);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: Array<{ msg: string }> }).detail[0]?.msg).toMatch(/over EXPORT_MAX_STORED_MB=1\. Delete old exports/);
    await expect(readdir(join(fakes.dir, 'exports'))).rejects.toThrow(/ENOENT/);
  });

  it('a sync reads the parsed form stored at upload instead of parsing the ZIP again', async () => {
    const app = testApp(fakes, { ...exportsEnv(), LETTERBOXD_SOURCE: 'scrape' });
    expect((await upload(app, 'otto_o', makeExportZip(ottoExport))).status).toBe(201);
    // Which one was read shows: the parsed form now says 1 rated film, the ZIP still says 3.
    const path = join(fakes.dir, 'exports', 'otto_o.parsed.json');
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { export: { ratings: unknown[] } };
    parsed.export.ratings = parsed.export.ratings.slice(0, 1);
    await writeFile(path, JSON.stringify(parsed));
    expect(await syncOne(app, 'otto_o')).toMatchObject({ status: 'synced', source: 'export', films_found: 1 });
  });

  it('a ZIP dropped in by hand is parsed by its first sync and its parsed form kept; a replaced ZIP is parsed again', async () => {
    const dir = join(fakes.dir, 'exports');
    await saveExport(dir, 'otto_o', makeExportZip(ottoExport));
    const app = testApp(fakes, { ...exportsEnv(), LETTERBOXD_SOURCE: 'scrape' });
    expect(await syncOne(app, 'otto_o')).toMatchObject({ source: 'export', films_found: 3 });
    expect(await readdir(dir)).toEqual(['otto_o.parsed.json', 'otto_o.zip']);
    const twoRated = { ...ottoExport, 'ratings.csv': `${ottoExport['ratings.csv']!.split('\r\n').slice(0, 3).join('\r\n')}\r\n` };
    await saveExport(dir, 'otto_o', makeExportZip(twoRated));
    expect(await syncOne(app, 'otto_o')).toMatchObject({ source: 'export', films_found: 2 });
  });
});
