import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, useFakes } from './helpers';

const fakes = useFakes();

describe('GET /health', () => {
  it('answers exactly {"status":"healthy"}', async () => {
    const res = await testApp(fakes).request('/health');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"status":"healthy"}');
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers 405 with Allow for %s', async (method) => {
    const res = await testApp(fakes).request('/health', { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toEqual({ detail: 'Method Not Allowed' });
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await testApp(fakes).request('/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('GET /health/details', () => {
  it('reports version, store reachability, sync availability, cache and jobs', async () => {
    await writeFile(join(fakes.dir, 'mappings.json'), '{"ana": 1, "mo": 2}');
    const res = await testApp(fakes, { LETTERBOXD_EXPORT_DIR: join(fakes.dir, 'exports') }).request('/health/details');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'healthy',
      version: '0.0.0',
      uptime_seconds: 0,
      store: { reachable: true, mappings: 2, error: null },
      sync: { available: true, reason: null },
      exports: { enabled: true },
      cache: { entries: 0, ttl_seconds: 600 },
      jobs: { queued: 0, running: 0 },
    });
  });

  it('answers 503 "degraded" with the reason when the mapping file is corrupt', async () => {
    await writeFile(join(fakes.dir, 'mappings.json'), '[1, 2');
    const res = await testApp(fakes, { TMDB_SYNC_ENABLED: 'false' }).request('/health/details');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; store: { reachable: boolean; error: string }; sync: unknown };
    expect(body.status).toBe('degraded');
    expect(body.store.reachable).toBe(false);
    expect(body.store.error).toMatch(/mappings\.json/);
    expect(body.sync).toEqual({ available: false, reason: expect.stringContaining('TMDB_SYNC_ENABLED=false') });
  });
});

describe('OpenAPI and docs', () => {
  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await testApp(fakes).request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; security?: unknown; responses?: object }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/health',
      '/health/details',
      '/jobs/sync-tmdb',
      '/jobs/{job_id}',
      '/lists',
      '/overrides',
      '/overrides/{key}',
      '/radarr/{username}/list/{slug}',
      '/radarr/{username}/{source}',
      '/tmdb/search',
      '/users/{username}',
      '/users/{username}/export',
      '/users/{username}/ledger',
      '/users/{username}/sync-preview',
      '/users/{username}/top-rated',
      '/users/{username}/watchlist',
    ]);
    expect(doc.paths['/users/{username}/watchlist']?.get?.parameters?.map((p) => p.name).sort()).toEqual([
      'limit',
      'page',
      'page_size',
      'sort_by',
      'sort_order',
      'username',
    ]);
    expect(doc.paths['/jobs/sync-tmdb']?.post?.security).toEqual([{ bearerAuth: [] }]);
    // Every status a route can answer is documented.
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path]?.[method]?.responses ?? {}).sort();
    expect(statuses('/users/{username}/top-rated', 'get')).toEqual(['200', '403', '404', '422', '500', '502', '503']);
    expect(statuses('/jobs/sync-tmdb', 'post')).toEqual(['200', '401', '413', '422', '429', '503']);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Watchlist', 'TopRated', 'UserProfile', 'SyncRequest', 'JobState', 'Error']),
    );
    // Job results say per film how it was matched.
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, { enum?: unknown[]; items?: unknown }> }>;
    expect(schemas.MemberResult?.properties.matched_films?.items).toEqual({ $ref: '#/components/schemas/MatchedFilm' });
    expect(Object.keys(schemas.MatchedFilm?.properties ?? {})).toEqual([
      'title',
      'year',
      'slug',
      'rating',
      'tmdb_id',
      'media_type',
      'via',
      'method',
      'rating_source',
      'liked_source',
    ]);
    expect(schemas.MatchedFilm?.properties.method?.enum).toEqual(['tmdb-id', 'imdb-id', 'search-exact', 'search-fuzzy', 'override', null]);
  });

  it('serves the interactive docs from its own origin (pinned swagger-ui-dist, no CDN), pointing at openapi.json', async () => {
    const app = testApp(fakes);
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(['docs/swagger-ui.css', 'docs/swagger-ui-bundle.js', 'docs/swagger-initializer.js']);
    expect(page).not.toMatch(/https?:\/\//);
    const init = await app.request('/docs/swagger-initializer.js');
    expect(init.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(await init.text()).toContain("url: 'openapi.json'");
    const bundle = await app.request('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(await bundle.text()).toContain('SwaggerUIBundle');
    const css = await app.request('/docs/swagger-ui.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect((await css.text()).length).toBeGreaterThan(10_000);
    expect((await app.request('/docs/other.js')).status).toBe(404);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await testApp(fakes).request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Not Found' });
  });
});
