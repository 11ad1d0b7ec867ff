import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { makeExportZip, ottoExport } from './fixtures/export-zip';
import { auth, testApp, useFakes } from './helpers';

const fakes = useFakes();
const exportsEnv = (env: Record<string, string> = {}) => ({ LETTERBOXD_EXPORT_DIR: join(fakes.dir, 'exports'), ...env });

function multipart(bytes: Uint8Array<ArrayBuffer>, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/zip' }), name);
  return form;
}

describe('GET /users/{username}/ledger', () => {
  it('shows what the export upload seeded: per film rating, like and provenance, and the export date', async () => {
    const app = testApp(fakes, exportsEnv());
    const upload = await app.request('/users/otto_o/export', {
      method: 'POST',
      headers: auth,
      body: multipart(makeExportZip(ottoExport), 'letterboxd-otto_o-2026-02-03-18-29-utc.zip'),
    });
    expect(upload.status).toBe(201);
    expect(((await upload.json()) as { ledger: unknown }).ledger).toEqual({ films: 3, exported_at: '2026-02-03T18:29:00.000Z' });

    const res = await app.request('/users/Otto_O/ledger', { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { films: Array<Record<string, unknown>> };
    expect(body).toMatchObject({
      username: 'otto_o',
      exported_at: '2026-02-03T18:29:00.000Z',
      last_feed_entry_at: null,
      feed_read_at: null,
      films_count: 3,
      top_rated_count: 3,
    });
    const export_ = { source: 'export', observed_at: '2026-02-03T18:29:00.000Z', guid: null };
    expect(body.films[0]).toEqual({
      title: 'The Matrix',
      year: 1999,
      slug: null,
      export_key: 'boxd:2aXk',
      tmdb_id: null,
      media_type: null,
      rating: 5,
      liked: true,
      rating_source: export_,
      liked_source: export_,
    });
  });

  it('shows the feed entries a ledger sync merged, with their guids', async () => {
    const app = testApp(fakes, { LETTERBOXD_SOURCE: 'ledger' });
    const top = await app.request('/users/reel_rita/top-rated');
    expect(top.status).toBe(200);
    const topBody = (await top.json()) as { source: string; films: Array<{ slug: string }> };
    expect(topBody.source).toBe('ledger');
    expect(topBody.films.map((film) => film.slug)).toEqual(['fight-club', 'the-matrix', 'amelie', 'suspiria']);

    const body = (await (await app.request('/users/reel_rita/ledger', { headers: auth })).json()) as {
      last_feed_entry_at: string | null;
      films: Array<{ slug: string; rating_source: { source: string; guid: string | null } | null; liked: unknown }>;
    };
    expect(body.last_feed_entry_at).not.toBeNull();
    const thing = body.films.find((film) => film.slug === 'the-thing');
    expect(thing).toMatchObject({ liked: false, rating_source: { source: 'rss' } });
    expect(thing?.rating_source?.guid).toMatch(/^letterboxd-watch-\d+$/);
  });

  it('needs the bearer token, like the sync endpoints', async () => {
    const res = await testApp(fakes).request('/users/reel_rita/ledger');
    expect(res.status).toBe(401);
  });
});

describe('GET /users/{username}/top-rated says which source answered', () => {
  it('the site by default; the ledger when Letterboxd refuses the scrape', async () => {
    const app = testApp(fakes);
    const scraped = (await (await app.request('/users/reel_rita/top-rated')).json()) as { source: string };
    expect(scraped.source).toBe('letterboxd');

    fakes.lb.failNext({ kind: 'cloudflare', path: /^\/reel_rita\/(?!rss\/)/, times: 1000 });
    const fresh = testApp(fakes); // a new app: no cached answer
    const res = await fresh.request('/users/reel_rita/top-rated');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { source: string; films: Array<{ slug: string; url: string }> };
    expect(body.source).toBe('ledger');
    expect(body.films[0]).toMatchObject({ slug: 'fight-club', url: 'https://letterboxd.test/film/fight-club/' });
  });
});
