import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server';
import { http } from 'msw';
import { auth, LETTERBOXD, testConfig, useFakes } from './helpers';

const fakes = useFakes();

describe('the server over real HTTP', () => {
  it('listens on an ephemeral loopback port and serves the API', async () => {
    const server = await startServer(testConfig(fakes, { PORT: '0' }));
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/health`);
      expect(await health.text()).toBe('{"status":"healthy"}');
      const top = await fetch(`${server.url}/users/reel_rita/top-rated?page_size=2`);
      expect(top.status).toBe(200);
      expect(((await top.json()) as { films: unknown[]; total_pages: number }).total_pages).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('reports a port already in use clearly', async () => {
    const first = await startServer(testConfig(fakes, { PORT: '0' }));
    try {
      await expect(startServer(testConfig(fakes, { PORT: String(first.port) }))).rejects.toThrow(
        `Port ${first.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await first.close();
    }
  });

  it('on shutdown finishes in-flight requests, then refuses new connections', async () => {
    const server = await startServer(testConfig(fakes, { PORT: '0' }));
    // Hold Letterboxd's answer until the shutdown has begun.
    let entered!: () => void;
    const upstreamEntered = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    fakes.msw.use(
      http.get(`${LETTERBOXD}/reel_rita/`, async () => {
        entered();
        await gate;
      }),
    );
    const inFlight = fetch(`${server.url}/users/reel_rita`);
    await upstreamEntered;
    const closed = server.close();
    let closedEarly = false;
    void closed.then(() => (closedEarly = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closedEarly).toBe(false);
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { username: string }).username).toBe('reel_rita');
    await closed;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('on shutdown lets the running sync finish its current member, saves it, and skips the rest', async () => {
    const config = testConfig(fakes, { PORT: '0' });
    const server = await startServer(config);
    const res = await fetch(`${server.url}/jobs/sync-tmdb`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ usernames: ['reel_rita', 'otto_o'] }),
    });
    const { job_id } = (await res.json()) as { job_id: string };
    while ((await server.app.jobs.get(job_id))?.status === 'queued') await new Promise((resolve) => setImmediate(resolve));
    await server.close();

    const job = await server.app.jobs.get(job_id);
    expect(job?.status).toBe('cancelled');
    expect(job?.results.map((r) => [r.username, r.status])).toEqual([
      ['reel_rita', 'synced'],
      ['otto_o', 'skipped'],
    ]);
    const { readFile } = await import('node:fs/promises');
    const mappings = JSON.parse(await readFile(config.mappingsFile, 'utf8')) as Record<string, number>;
    expect(Object.keys(mappings)).toEqual(['reel_rita']);
    expect(fakes.tmdb.lists.get(mappings.reel_rita as number)?.items).toHaveLength(4);
  });
});

