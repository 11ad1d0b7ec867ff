import { describe, expect, it } from 'vitest';
import { letterboxdRequests, testApp, useFakes } from './helpers';

const fakes = useFakes();

describe('Letterboxd read cache', () => {
  it('serves a repeated read from memory until CACHE_TTL expires', async () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    const app = testApp(fakes, { CACHE_TTL: '600' }, { now: () => now });

    await app.request('/users/reel_rita/top-rated');
    const first = letterboxdRequests(fakes.lb);
    expect(first.length).toBeGreaterThan(0);

    now += 599_000;
    const cached = await app.request('/users/reel_rita/top-rated?sort_by=title');
    expect(cached.status).toBe(200);
    expect(letterboxdRequests(fakes.lb)).toEqual(first);

    now += 2_000;
    await app.request('/users/reel_rita/top-rated');
    expect(letterboxdRequests(fakes.lb)).toEqual([...first, ...first]);
  });

  it('keys members case-insensitively and kinds separately', async () => {
    const app = testApp(fakes);
    await app.request('/users/reel_rita');
    const afterProfile = fakes.lb.requests.length;
    await app.request('/users/REEL_RITA');
    expect(fakes.lb.requests.length).toBe(afterProfile);
    await app.request('/users/reel_rita/watchlist');
    expect(fakes.lb.requests.length).toBeGreaterThan(afterProfile);
  });

  it('makes one upstream fetch for a burst of identical concurrent requests', async () => {
    const app = testApp(fakes);
    fakes.lb.setLatency(20);
    const responses = await Promise.all(Array.from({ length: 25 }, () => app.request('/users/reel_rita')));
    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(letterboxdRequests(fakes.lb)).toEqual(['GET /reel_rita/']);
  });

  it('shares an upstream failure with the waiting requests but does not cache it', async () => {
    const app = testApp(fakes);
    fakes.lb.setLatency(20);
    fakes.lb.failNext({ kind: 'cloudflare' });
    const burst = await Promise.all(Array.from({ length: 5 }, () => app.request('/users/reel_rita')));
    expect(burst.map((r) => r.status)).toEqual([502, 502, 502, 502, 502]);
    expect(fakes.lb.requests).toHaveLength(1);

    const retry = await app.request('/users/reel_rita');
    expect(retry.status).toBe(200);
    expect(fakes.lb.requests).toHaveLength(2);
  });

  it('with CACHE_TTL=0 fetches every time (but still coalesces concurrent requests)', async () => {
    const app = testApp(fakes, { CACHE_TTL: '0' });
    await app.request('/users/reel_rita');
    await app.request('/users/reel_rita');
    expect(letterboxdRequests(fakes.lb)).toEqual(['GET /reel_rita/', 'GET /reel_rita/']);
  });
});
