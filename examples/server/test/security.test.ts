import { request as httpRequest } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server';
import { makeExportZip, ottoExport } from './fixtures/export-zip';
import { auth, testApp, testConfig, useFakes } from './helpers';

const fakes = useFakes();
/** Loopback mode: no API_TOKEN, exports on. */
const loopback = () => ({ API_TOKEN: '', LETTERBOXD_EXPORT_DIR: join(fakes.dir, 'exports') });

function exportForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([makeExportZip(ottoExport)], { type: 'application/zip' }), 'export.zip');
  return form;
}

const storedExports = () => readdir(join(fakes.dir, 'exports')).catch(() => []);

describe('security headers', () => {
  it.each([
    ['/health', 200],
    ['/nope', 404],
    ['/docs', 200],
    ['/openapi.json', 200],
  ])('are on every response (%s)', async (path, status) => {
    const res = await testApp(fakes).request(path);
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('are on refusals too (401)', async () => {
    const res = await testApp(fakes).request('/jobs/sync-tmdb', { method: 'POST' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('cross-site requests', () => {
  it('refuses a cross-site multipart upload (no preflight needed) and stores nothing', async () => {
    const res = await testApp(fakes, loopback()).request('/users/otto_o/export', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
      body: exportForm(),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: expect.stringMatching(/^Cross-site request refused \(Sec-Fetch-Site: cross-site\)/) });
    expect(await storedExports()).toEqual([]);
  });

  it.each([
    [{ 'Sec-Fetch-Site': 'same-site' }, 'Sec-Fetch-Site: same-site'],
    [{ Origin: 'http://evil.example' }, 'Origin: http://evil.example'],
    [{ Origin: 'null' }, 'Origin: null'],
    [{ Origin: 'http://localhost:3000.evil.example' }, 'Origin: http://localhost:3000.evil.example'],
  ])('refuses a cross-site sync request (%o)', async (headers, why) => {
    const app = testApp(fakes, loopback());
    const res = await app.request('/jobs/sync-tmdb', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: JSON.stringify({ usernames: ['otto_o'] }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toContain(why);
    expect(await app.jobs.stats()).toEqual({ queued: 0, running: 0 });
  });

  it.each([
    ['a same-origin page', { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://localhost' }],
    ['a typed or bookmarked request', { 'Sec-Fetch-Site': 'none' }],
    ['an Origin matching Host (older browsers)', { Origin: 'http://localhost' }],
    ['curl (neither header)', {}],
  ])('lets %s upload', async (_what, headers) => {
    const res = await testApp(fakes, loopback()).request('/users/otto_o/export', {
      method: 'POST',
      headers,
      body: exportForm(),
    });
    expect(res.status).toBe(201);
  });

  it('accepts an Origin named in ALLOWED_HOSTS', async () => {
    const res = await testApp(fakes, { ...loopback(), ALLOWED_HOSTS: 'lbx.local' }).request('/users/otto_o/export', {
      method: 'POST',
      headers: { Origin: 'http://lbx.local:8000' },
      body: exportForm(),
    });
    expect(res.status).toBe(201);
  });

  it('still refuses cross-site writes when API_TOKEN is set', async () => {
    const res = await testApp(fakes).request('/jobs/sync-tmdb', {
      method: 'POST',
      headers: { ...auth, 'Sec-Fetch-Site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ usernames: ['otto_o'] }),
    });
    expect(res.status).toBe(403);
  });

  it('lets cross-site reads through (they change nothing)', async () => {
    const res = await testApp(fakes, loopback()).request('/health', { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(200);
  });
});

describe('Host allow-list in loopback mode (DNS rebinding)', () => {
  it.each(['localhost:8000', '127.0.0.1:8000', '[::1]:8000', 'LOCALHOST', '127.0.0.1'])('answers Host %s', async (host) => {
    const res = await testApp(fakes, loopback()).request('/health', { headers: { Host: host } });
    expect(res.status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:8000', '127.0.0.1.evil.example', 'localhost.', 'a b', ''])(
    'refuses Host %j, naming ALLOWED_HOSTS',
    async (host) => {
      const res = await testApp(fakes, loopback()).request('/health', { headers: { Host: host } });
      if (host === 'localhost.') {
        expect(res.status).toBe(200); // the fully qualified form of localhost
        return;
      }
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/is not allowed: .*ALLOWED_HOSTS/);
    },
  );

  it('answers the names in ALLOWED_HOSTS', async () => {
    const app = testApp(fakes, { ...loopback(), ALLOWED_HOSTS: 'my-nas,192.168.1.20' });
    expect((await app.request('/health', { headers: { Host: 'my-nas:8000' } })).status).toBe(200);
    expect((await app.request('/health', { headers: { Host: '192.168.1.20' } })).status).toBe(200);
    expect((await app.request('/health', { headers: { Host: 'other-nas' } })).status).toBe(403);
  });

  it('checks Host only when ALLOWED_HOSTS is set once API_TOKEN is', async () => {
    expect((await testApp(fakes).request('/health', { headers: { Host: 'lbx.example.com' } })).status).toBe(200);
    const narrowed = testApp(fakes, { ALLOWED_HOSTS: 'lbx.example.com' });
    expect((await narrowed.request('/health', { headers: { Host: 'lbx.example.com' } })).status).toBe(200);
    expect((await narrowed.request('/health', { headers: { Host: 'other.example.com' } })).status).toBe(403);
  });

  it('refuses a rebinding page over real HTTP: its sync request never becomes a job', async () => {
    const server = await startServer(testConfig(fakes, { ...loopback(), PORT: '0' }));
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/jobs/sync-tmdb`,
          { method: 'POST', headers: { Host: 'rebind.evil.example:8000', 'content-type': 'text/plain' } },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ usernames: ['otto_o'] }));
      });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain('rebind.evil.example:8000');
      expect(await server.app.jobs.stats()).toEqual({ queued: 0, running: 0 });
    } finally {
      await server.close();
    }
  });
});
