import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
// The real client reads the served fake. Imported by path: a testkit → @lbx/letterboxd dependency would be a
// cycle (@lbx/letterboxd's tests use testkit).
import { createLetterboxdClient } from '../../letterboxd/src/index.js';
import { createFakeLetterboxd, createFakeTmdb, serveHandlers, type ServedHandlers } from '@lbx/testkit';

const running: ServedHandlers[] = [];

async function serve(...args: Parameters<typeof serveHandlers>): Promise<ServedHandlers> {
  const served = await serveHandlers(...args);
  running.push(served);
  return served;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((served) => served.close()));
});

describe('serveHandlers', () => {
  it('serves the fake Letterboxd over real HTTP on 127.0.0.1, with links pointing at the served origin', async () => {
    let fake: ReturnType<typeof createFakeLetterboxd> | undefined;
    const served = await serve((url) => {
      fake = createFakeLetterboxd({ baseUrl: url });
      return fake.handlers;
    });
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = createLetterboxdClient({ baseUrl: served.url, minDelayMs: 0 });
    const top = await client.getTopRated('midnight_mo', { limit: 2 });
    expect(top.map((film) => film.url)).toEqual([`${served.url}/film/the-thing/`, `${served.url}/film/suspiria-2018/`]);
    const page = await fetch(`${served.url}/midnight_mo/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await page.text()).toContain(`<meta property="og:url" content="${served.url}/midnight_mo/">`);
    expect(fake?.requests.map((request) => request.path)).toEqual(['/midnight_mo/likes/films/by/member-rating/', '/midnight_mo/']);
  });

  it('passes request bodies and headers through to the stateful TMDb fake and its answers back', async () => {
    let tmdb: ReturnType<typeof createFakeTmdb> | undefined;
    const served = await serve((url) => {
      tmdb = createFakeTmdb({ baseUrl: url });
      return tmdb.handlers;
    });
    const token = tmdb?.credentials.userAccessToken;
    const created = await fetch(`${served.url}/4/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json;charset=utf-8' },
      body: JSON.stringify({ name: 'Served list', iso_639_1: 'en' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(tmdb?.lists.get(id)?.name).toBe('Served list');
    const unauthorised = await fetch(`${served.url}/4/list/${id}`, { method: 'DELETE' });
    expect(unauthorised.status).toBe(401);
    expect(tmdb?.lists.has(id)).toBe(true);
  });

  it('keeps status, repeated headers and binary bodies', async () => {
    const served = await serve((url) => [
      http.put(`${url}/echo`, async ({ request }) => {
        const bytes = new Uint8Array(await request.arrayBuffer());
        return new HttpResponse(bytes.reverse(), {
          status: 207,
          headers: [
            ['content-type', 'application/octet-stream'],
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
            ['x-seen', request.headers.get('x-probe') ?? 'none'],
          ],
        });
      }),
    ]);
    const response = await fetch(`${served.url}/echo`, { method: 'PUT', headers: { 'x-probe': 'yes' }, body: new Uint8Array([1, 2, 255]) });
    expect(response.status).toBe(207);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([255, 2, 1]);
  });

  it('answers 501 when no handler matches, and 500 when a handler throws', async () => {
    const served = await serve((url) => [
      http.get(`${url}/boom`, () => {
        throw new Error('handler exploded');
      }),
    ]);
    const missing = await fetch(`${served.url}/nothing-here/`);
    expect(missing.status).toBe(501);
    expect(await missing.text()).toContain('No fake handler for GET /nothing-here/');
    const broken = await fetch(`${served.url}/boom`);
    expect(broken.status).toBe(500);
  });

  it('accepts a plain handler array and stops listening after close()', async () => {
    const served = await serveHandlers([http.get('*/ping', () => HttpResponse.text('pong'))]);
    expect(await (await fetch(`${served.url}/ping`)).text()).toBe('pong');
    await served.close();
    await expect(fetch(`${served.url}/ping`)).rejects.toThrow();
  });
});
