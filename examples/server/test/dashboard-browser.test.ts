import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, hasChromium, launchChromium, startSandboxServer, type SandboxServer } from './support/sandbox-server';

// The README's test command runs these in a real headless Chromium when one is installed (.ci/run installs
// Debian's with apt-get) and says so when it skips them.
if (!hasChromium) {
  console.warn(`dashboard browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

describe.skipIf(!hasChromium)('dashboard in headless Chromium', () => {
  let browser: Browser;
  let open: SandboxServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [browser, open] = await Promise.all([launchChromium(), startSandboxServer()]);
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await open?.close();
  });

  it('shows the demo members, a member with an unmatched film, and a sync with live progress that ends on the list', async () => {
    await page.goto(`${open.url}/`);
    expect(new URL(page.url()).pathname).toBe('/ui');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Dashboard');
    await expect(page.getByRole('heading', { level: 2 }).first().textContent()).resolves.toBe('Members');
    for (const member of ['cinephile_ana', 'midnight_mo', 'quiet_quinn']) {
      expect(await page.getByRole('link', { name: member, exact: true }).count()).toBe(1);
    }

    await page.getByRole('link', { name: 'cinephile_ana', exact: true }).click();
    const unmatched = page.locator('[data-unmatched="paper-lanterns-2021"]');
    await expect(unmatched.getByRole('heading').textContent()).resolves.toContain('Paper Lanterns');
    expect(await page.locator('tr[data-slug="paper-lanterns-2021"]').count()).toBe(0);
    await unmatched.getByLabel('Search TMDb').fill('The Things We Kept');
    await unmatched.getByLabel('Year').fill('');
    await unmatched.getByRole('button', { name: 'Search' }).click();
    const candidates = page.getByRole('list', { name: 'TMDb results for The Things We Kept' });
    await expect(candidates.textContent()).resolves.toContain('(2015) · movie 900101');

    // Pin it: the plan now has it, matched by the override.
    await candidates.getByRole('button', { name: /^Pin Paper Lanterns .* to The Things We Kept \(2015\)$/ }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Pinned paper-lanterns-2021');
    await expect(page.locator('tr[data-slug="paper-lanterns-2021"]').textContent()).resolves.toMatch(/movie 900101[\s\S]*override/);
    expect(await page.locator('[data-unmatched]').count()).toBe(0);

    // Sync from the member page: the job page follows it live over server-sent events, then shows the results.
    // Letterboxd answers slowly for this sync, so the job page opens while it runs.
    open.sandbox.letterboxd.setLatency(150);
    const stream = page.waitForResponse((response) => /\/ui\/jobs\/[0-9a-f-]{36}\/events\?from=\d+$/.test(response.url()));
    await page.getByRole('button', { name: 'Sync now (cinephile_ana)' }).click();
    await page.waitForURL(/\/ui\/jobs\/[0-9a-f-]{36}$/);
    expect((await stream).headers()['content-type']).toBe('text/event-stream');
    // Lines arrive while the page still says it is running (the same page: no reload yet).
    await page.waitForFunction(() => document.getElementById('live-status') !== null && document.querySelectorAll('#progress li').length >= 3);
    open.sandbox.letterboxd.setLatency(0);
    const results = page.locator('tr[data-member="cinephile_ana"]');
    await results.waitFor();
    await expect(results.textContent()).resolves.toMatch(/synced[\s\S]*8 of 8 matched[\s\S]*\+8 −0 \(list created\)/);
    await expect(page.locator('#progress').textContent()).resolves.toContain('cinephile_ana: Amélie (2001) → TMDb movie 194');
    expect(await page.locator('#job-status').textContent()).toContain('completed');

    await page.getByRole('link', { name: 'cinephile_ana' }).click();
    await expect(page.locator('tr[data-slug="amelie"]').textContent()).resolves.toMatch(/Amélie[\s\S]*★★★★★[\s\S]*movie 194/);
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/synced[\s\S]*\+8 −0/);
    // On the TMDb list, and on the member page with its rating and how it got there.
    const list = [...open.sandbox.tmdb.lists.values()].find((entry) => entry.name === "cinephile_ana's Top Rated Movies");
    expect(list?.items.map((item) => item.mediaId)).toContain(900101);
    await expect(page.locator('tr[data-slug="paper-lanterns-2021"]').textContent()).resolves.toMatch(/★★★★[\s\S]*movie 900101[\s\S]*override/);
  });

  it('shows the final state of a job without JavaScript (the page refreshes itself)', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${open.url}/ui`);
      await plain.getByRole('button', { name: 'Dry run (midnight_mo)' }).click();
      await plain.locator('tr[data-member="midnight_mo"]').waitFor();
      expect(await plain.locator('h1').textContent()).toBe('Dry run of midnight_mo');
      expect(await plain.locator('tr[data-member="midnight_mo"]').textContent()).toContain('dry run');
      expect(open.sandbox.tmdb.lists.size).toBe(2); // quiet_quinn's seeded list and cinephile_ana's: the dry run wrote nothing
    } finally {
      await noScript.close();
    }
  });

  it('refuses a form another site posts to the dashboard', async () => {
    // A page on another origin (localhost vs 127.0.0.1: another site) that posts a sync form on load.
    const evil = await serve(
      `<!doctype html><form id="f" method="post" action="${open.url}/ui/sync"><input name="username" value="midnight_mo">` +
        '<input name="mode" value="sync"><input name="_csrf" value="guessed"></form><script>document.getElementById("f").submit()</script>',
    );
    try {
      const refused = page.waitForResponse((response) => response.url() === `${open.url}/ui/sync`);
      await page.goto(`http://localhost:${evil.port}/`);
      const response = await refused;
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('Cross-site request refused');
      const lists = [...open.sandbox.tmdb.lists.values()].map((list) => list.name);
      expect(lists).not.toContain("midnight_mo's Top Rated Movies");
    } finally {
      await evil.close();
    }
  });
});

describe.skipIf(!hasChromium)('dashboard login in headless Chromium (API_TOKEN set)', () => {
  const token = 'browser-token-0123456789abcdef';
  let browser: Browser;
  let locked: SandboxServer;
  beforeAll(async () => {
    [browser, locked] = await Promise.all([launchChromium(), startSandboxServer({ API_TOKEN: token })]);
  });
  afterAll(async () => {
    await browser?.close();
    await locked?.close();
  });

  it('logs in with the token, keeps an HttpOnly SameSite=Strict session cookie, and logs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${locked.url}/ui/members/midnight_mo`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await page.getByLabel('API token').fill('wrong-token-0123456789');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not this server’s API token');

    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${locked.url}/ui/members/midnight_mo`);
    expect(await page.locator('h1').textContent()).toBe('midnight_mo');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'lbx_session', httpOnly: true, sameSite: 'Strict', path: '/ui' });
    expect(cookie?.value).not.toContain(token);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${locked.url}/ui/login`);
    await page.goto(`${locked.url}/ui`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await context.close();
  });
});

/** Serve one HTML page on 127.0.0.1 (reached as `localhost`). */
async function serve(body: string): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
