import { readFile } from 'node:fs/promises';
import { createLetterboxdClient } from '@lbx/letterboxd';
import { createLogger } from '@lbx/example-shared';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server';
import { auth, testApp, testConfig, useFakes, waitForJob } from './helpers';

const fakes = useFakes();

function memoryLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

describe('operator details of the server', () => {
  it('answers /users/{u}/ (trailing slash) like /users/{u}', async () => {
    const app = testApp(fakes);
    const plain = await app.request('/users/reel_rita');
    const slash = await app.request('/users/reel_rita/');
    expect(slash.status).toBe(200);
    expect(await slash.json()).toEqual(await plain.json());
    expect((await app.request('/users/reel_rita/top-rated/')).status).toBe(200);
  });

  it('answers 502 (not 500) when Letterboxd cannot be reached or keeps failing', async () => {
    const unreachable = testApp(fakes, {}, {
      letterboxd: createLetterboxdClient({ baseUrl: 'http://127.0.0.1:1', minDelayMs: 0, retry: { limit: 0 } }),
    });
    const res = await unreachable.request('/users/reel_rita');
    expect(res.status).toBe(502);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/Letterboxd could not be reached .*LETTERBOXD_BASE_URL/);
  });

  it('logs health checks at debug and other requests at info', async () => {
    const { lines, logger } = memoryLogger();
    const app = testApp(fakes, {}, { logger });
    await app.request('/health');
    await app.request('/health/details');
    await app.request('/users/reel_rita');
    expect(lines.filter((line) => line.includes('GET /health')).every((line) => line.includes('DEBUG'))).toBe(true);
    expect(lines.some((line) => line.includes('INFO') && line.includes('GET /users/reel_rita 200'))).toBe(true);
  });

  it('shows a URL one can open when bound to every interface (not http://0.0.0.0)', async () => {
    const server = await startServer(testConfig(fakes, { HOST: '0.0.0.0', PORT: '0', API_TOKEN: 'a-long-enough-token-0123' }));
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('documents the package version and integer counts in the OpenAPI document', async () => {
    const doc = (await (await testApp(fakes).request('/openapi.json')).json()) as {
      info: { version: string };
      components: { schemas: Record<string, { properties: Record<string, { type?: string; properties?: Record<string, { type?: string }> }> }> };
    };
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(doc.info.version).toBe(pkg.version);
    const { MemberResult, JobState, TopRated } = doc.components.schemas;
    expect(MemberResult?.properties.films_found?.type).toBe('integer');
    expect(MemberResult?.properties.reordered?.type).toBe('integer');
    expect(JobState?.properties.summary?.properties?.total?.type).toBe('integer');
    expect(TopRated?.properties.total_rated?.type).toBe('integer');
    expect(TopRated?.properties.page?.type).toBe('integer');
  });

  it('creates lists whose description says TV is included, and reports reordered items', async () => {
    const app = testApp(fakes);
    const post = (usernames: string[]) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ usernames }) });
    const first = await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', post(['reel_rita']))).json()) as { job_id: string }).job_id);
    const listId = (first.results as Array<{ list_id: number }>)[0]?.list_id as number;
    expect(fakes.tmdb.lists.get(listId)?.description).toMatch(/Films and TV .*reel_rita/);
    // Rita now rates Suspiria (last on her list) 5 stars: it moves to the top, which TMDb can only do by re-adding.
    const rita = fakes.lb.members.get('reel_rita')!;
    fakes.lb.addMember({ ...rita, films: rita.films.map((film) => (film.slug === 'suspiria' ? { ...film, rating: 5 } : film)) });
    const second = await waitForJob(app, ((await (await app.request('/jobs/sync-tmdb', post(['reel_rita']))).json()) as { job_id: string }).job_id);
    expect((second.results as Array<Record<string, unknown>>)[0]).toMatchObject({ status: 'synced', reordered: expect.any(Number) });
    expect(((second.results as Array<{ reordered: number }>)[0]?.reordered ?? 0) > 0).toBe(true);
    expect(fakes.tmdb.lists.get(listId)?.items.map((item) => item.mediaId)).toEqual([550, 11906, 603, 194]);
  });
});
