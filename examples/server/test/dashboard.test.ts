import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formClient } from './support/form-client';
import { startSandboxServer, type SandboxServer } from './support/sandbox-server';

let open: SandboxServer;

beforeAll(async () => {
  open = await startSandboxServer();
});
afterAll(async () => {
  await open?.close();
});

/** Follow a job page until the job is done (the page refreshes itself without JavaScript: same thing). */
async function finishedJobPage(client: ReturnType<typeof formClient>, path: string): Promise<string> {
  for (let i = 0; i < 600; i += 1) {
    const body = await (await client.get(path)).text();
    if (!body.includes('id="live-status"')) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job at ${path} did not finish`);
}

describe('dashboard pages (no API_TOKEN: loopback only)', () => {
  it('sends browsers from / to /ui and keeps the JSON 404 for API clients', async () => {
    const browser = await fetch(`${open.url}/`, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/ui');
    const api = await fetch(`${open.url}/`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ detail: 'Not Found' });
  });

  it('lists the demo members with their source, no run yet, and sync buttons carrying a CSRF token', async () => {
    const client = formClient(open.url);
    const res = await client.get('/ui');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    // The app's CSP still applies, and lets the dashboard's own forms post.
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/lbx_session=.*HttpOnly/);
    expect(cookie).toContain('SameSite=Strict');
    const html = await res.text();
    for (const member of ['cinephile_ana', 'midnight_mo', 'quiet_quinn']) expect(html).toContain(`href="/ui/members/${member}"`);
    expect(html).toContain('auto (ledger with an export, else the site with a fallback to the ledger)');
    expect(html).toContain('none since the server started');
    expect(html).toMatch(/<button type="submit" name="mode" value="dry-run"/);
    expect(client.csrfOf(html)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const css = await fetch(`${open.url}/ui/assets/dashboard.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('@media (max-width: 40rem)');
  });

  it("shows a member's planned list in order with rating, TMDb link and match method, and the unmatched film with its reason", async () => {
    const html = await (await formClient(open.url).get('/ui/members/cinephile_ana')).text();
    const titles = [...html.matchAll(/<td class="short" data-label="Film"><a href="[^"]+">([^<]+)<\/a>/g)].map((match) => match[1]);
    expect(titles.slice(0, 3)).toEqual(['Amélie', 'The Thing', 'The Matrix']);
    expect(html).toContain('href="https://www.themoviedb.org/movie/194"');
    expect(html).toContain('aria-label="4.5 stars">★★★★½');
    expect(html).toMatch(/<span class="badge [^"]*">page<\/span>/);
    expect(html).toContain('Paper Lanterns &amp; the &quot;Night&quot; Ferry');
    expect(html).toContain('TMDb had no confident match');
  });

  it('searches TMDb for an unmatched film and lists the candidates with year and title', async () => {
    const html = await (await formClient(open.url).get('/ui/members/cinephile_ana?film=paper-lanterns-2021&q=Suspiria&year=')).text();
    expect(html).toMatch(/<ul class="candidates"[^>]*aria-label="TMDb results for Suspiria"/);
    expect(html).toContain('Suspiria</a> <span class="muted">(1977) · movie 11906</span>');
    expect(html).toContain('(2018) · movie 361292');
  });

  it('refuses a form post without the CSRF token, and one sent from another site', async () => {
    const client = formClient(open.url);
    const csrf = client.csrfOf(await (await client.get('/ui')).text());
    const missing = await client.post('/ui/sync', { username: 'midnight_mo', mode: 'sync' });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('missing or wrong CSRF token');
    const wrong = await client.post('/ui/sync', { username: 'midnight_mo', mode: 'sync', _csrf: `${csrf.slice(0, -2)}xx` });
    expect(wrong.status).toBe(403);
    // A page on another site cannot read the token; even with it, the cross-site guard refuses the post.
    const crossSite = await client.post('/ui/sync', { username: 'midnight_mo', mode: 'sync', _csrf: csrf }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(open.sandbox.tmdb.lists.size).toBe(1); // only quiet_quinn's seeded list: nothing ran
  });

  it('runs a sync from the form: the job page shows the results and the progress, the dashboard the last run', async () => {
    const client = formClient(open.url);
    const csrf = client.csrfOf(await (await client.get('/ui')).text());
    const res = await client.post('/ui/sync', { username: 'midnight_mo', mode: 'sync', _csrf: csrf }, { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(303);
    const jobPath = res.headers.get('location') as string;
    expect(jobPath).toMatch(/^\/ui\/jobs\/[0-9a-f-]{36}$/);
    const job = await finishedJobPage(client, jobPath);
    expect(job).toContain('<span class="badge ok">completed</span>');
    expect(job).toMatch(/<tr data-member="midnight_mo">[\s\S]*<span class="badge ok">synced<\/span>[\s\S]*\+4 −0 \(list created\)/);
    expect(job).toContain('midnight_mo: 4 films from the source');
    expect(job).toContain('midnight_mo: The Thing (1982) → TMDb movie 1091 (page)');

    // The event stream of a finished job: what it logged, then "done".
    const stream = await (await client.get(`${jobPath}/events`)).text();
    expect(stream).toContain('event: progress');
    expect(stream).toContain('midnight_mo: synced, +4 −0');
    expect(stream.trimEnd()).toMatch(/event: done\ndata: \{"status":"completed"\}$/);

    const home = await (await client.get('/ui')).text();
    const card = /<li class="card" data-member="midnight_mo">[\s\S]*?<\/li>/.exec(home)?.[0] ?? '';
    expect(card).toContain('<span class="badge ok">synced</span>');
    expect(card).toContain('+4 −0');
    expect(card).toMatch(/href="https:\/\/www\.themoviedb\.org\/list\/\d+"/);

    // A dry run afterwards writes nothing and leaves the last run as it was.
    const dry = await client.post('/ui/sync', { username: 'midnight_mo', mode: 'dry-run', _csrf: csrf });
    const dryJob = await finishedJobPage(client, dry.headers.get('location') as string);
    expect(dryJob).toContain('Dry run of midnight_mo');
    expect(dryJob).toContain('dry run</span>');
    const after = await (await client.get('/ui')).text();
    expect(/<li class="card" data-member="midnight_mo">[\s\S]*?<\/li>/.exec(after)?.[0]).toContain('+4 −0');
  });

  it("streams a running job's progress as server-sent events and ends with done", async () => {
    const client = formClient(open.url);
    const csrf = client.csrfOf(await (await client.get('/ui')).text());
    open.sandbox.letterboxd.setLatency(100);
    try {
      const res = await client.post('/ui/sync', { username: 'quiet_quinn', mode: 'dry-run', _csrf: csrf });
      const jobPath = res.headers.get('location') as string;
      const running = await (await client.get(jobPath)).text();
      expect(running).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
      expect(running).toContain('<script src="/ui/assets/job.js" defer></script>');
      const from = /data-events="[^"]*\?from=(\d+)"/.exec(running)?.[1];
      const events = await client.get(`${jobPath}/events?from=${from}`);
      expect(events.headers.get('content-type')).toBe('text/event-stream');
      const text = await events.text();
      expect(text).toContain('data: {"text":"quiet_quinn: 1 film from the source"}');
      expect(text).toContain('quiet_quinn: refused, +0 −0');
      expect(text.trimEnd()).toMatch(/event: done\ndata: \{"status":"completed"\}$/);
    } finally {
      open.sandbox.letterboxd.setLatency(0);
    }
    const js = await (await client.get('/ui/assets/job.js')).text();
    expect(js).toContain("new EventSource(list.dataset.events)");
  });

  it('pins an unmatched film to a TMDb id (checked on TMDb), excludes a film, and removes both again', async () => {
    const client = formClient(open.url);
    const page = await (await client.get('/ui/members/cinephile_ana')).text();
    const csrf = client.csrfOf(page);
    expect(page).toContain('<label for="pin-paper-lanterns-2021-id">TMDb id</label>');

    const unknown = await client.post('/ui/members/cinephile_ana/pins', { slug: 'paper-lanterns-2021', tmdb_id: '999999999', media_type: 'movie', _csrf: csrf });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/Match override of &quot;paper-lanterns-2021&quot; refused: .*999999999/);
    const noCsrf = await client.post('/ui/members/cinephile_ana/pins', { slug: 'paper-lanterns-2021', tmdb_id: '900101', media_type: 'movie' });
    expect(noCsrf.status).toBe(403);

    const pinned = await client.post('/ui/members/cinephile_ana/pins', { slug: 'paper-lanterns-2021', tmdb_id: '900101', media_type: 'movie', _csrf: csrf });
    expect(pinned.status).toBe(303);
    expect(pinned.headers.get('location')).toBe('/ui/members/cinephile_ana?pinned=paper-lanterns-2021');
    const after = await (await client.get(pinned.headers.get('location') as string)).text();
    expect(after).toContain('Pinned paper-lanterns-2021.');
    expect(after).toMatch(/<tr data-slug="paper-lanterns-2021">[\s\S]*?movie 900101[\s\S]*?<span class="badge ok">override<\/span>/);
    expect(after).toContain('Not on the list (0)');

    const excluded = await client.post('/ui/members/cinephile_ana/pins', { slug: 'the-matrix', exclude: '1', _csrf: csrf });
    expect(excluded.headers.get('location')).toBe('/ui/members/cinephile_ana?excluded=the-matrix');
    const withExclusion = await (await client.get('/ui/members/cinephile_ana')).text();
    expect(withExclusion).not.toContain('<tr data-slug="the-matrix">');
    expect(withExclusion).toMatch(/data-unmatched="the-matrix"[\s\S]*?excluded by an override[\s\S]*?Include it again/);

    for (const slug of ['paper-lanterns-2021', 'the-matrix']) {
      const removed = await client.post('/ui/members/cinephile_ana/pins/delete', { slug, _csrf: csrf });
      expect(removed.headers.get('location')).toBe(`/ui/members/cinephile_ana?unpinned=${slug}`);
    }
    const restored = await (await client.get('/ui/members/cinephile_ana')).text();
    expect(restored).toContain('data-unmatched="paper-lanterns-2021"');
    expect(restored).toContain('<tr data-slug="the-matrix">');
    const badKey = await client.post('/ui/members/cinephile_ana/pins/delete', { slug: 'has space', _csrf: csrf });
    expect(badKey.status).toBe(400);
  });

  it('offers to force a sync the safety valve refused, and forces it', async () => {
    const client = formClient(open.url);
    const csrf = client.csrfOf(await (await client.get('/ui')).text());
    const refused = await finishedJobPage(client, (await client.post('/ui/sync', { username: 'quiet_quinn', mode: 'sync', _csrf: csrf })).headers.get('location') as string);
    expect(refused).toMatch(/<tr data-member="quiet_quinn">[\s\S]*<span class="badge warn">refused<\/span>/);
    expect(refused).toContain('<input type="hidden" name="force" value="1"><button type="submit" name="mode" value="sync">Force this sync</button>');
    const forced = await client.post('/ui/sync', { username: 'quiet_quinn', mode: 'sync', force: '1', _csrf: csrf });
    const job = await finishedJobPage(client, forced.headers.get('location') as string);
    expect(job).toContain('(forced)');
    expect(job).toMatch(/<tr data-member="quiet_quinn">[\s\S]*<span class="badge ok">synced<\/span>[\s\S]*\+1 −4/);
  });

  it('answers 400 for an invalid username and 404 for an unknown job, as pages', async () => {
    const client = formClient(open.url);
    const bad = await client.get('/ui/members?username=no%20spaces');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('is not a Letterboxd username');
    const go = await client.get('/ui/members?username=Midnight_Mo');
    expect(go.headers.get('location')).toBe('/ui/members/midnight_mo');
    const nowhere = await client.get('/ui/nowhere');
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain('There is no such dashboard page.');
    const unknown = await client.get('/ui/jobs/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Unknown job');
  });
});

describe('dashboard login (API_TOKEN set)', () => {
  const token = 'dashboard-token-0123456789';
  let locked: SandboxServer;
  beforeAll(async () => {
    locked = await startSandboxServer({ API_TOKEN: token });
  });
  afterAll(async () => {
    await locked?.close();
  });

  it('sends a visitor to the login form, refuses a wrong token, and logs in with a cookie that never holds the token', async () => {
    const client = formClient(locked.url);
    const first = await client.get('/ui/members/cinephile_ana');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/ui/login?next=%2Fui%2Fmembers%2Fcinephile_ana');
    const form = await (await client.get(first.headers.get('location') as string)).text();
    expect(form).toContain('<label for="token">API token</label>');
    const csrf = client.csrfOf(form);

    const wrong = await client.post('/ui/login', { token: 'not-the-token-at-all', _csrf: csrf, next: '/ui' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That is not this server’s API token.');
    const noCsrf = await client.post('/ui/login', { token, next: '/ui' });
    expect(noCsrf.status).toBe(403);

    const ok = await client.post('/ui/login', { token, _csrf: csrf, next: '//evil.example/' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/ui'); // never another site
    const setCookie = ok.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/ui/);
    expect(setCookie).not.toContain(token);

    const home = await client.get('/ui');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Log out');
    // The session id changed at login: the pre-login form token no longer works.
    expect(client.csrfOf(html)).not.toBe(csrf);
    const stale = await client.post('/ui/sync', { username: 'midnight_mo', mode: 'dry-run', _csrf: csrf });
    expect(stale.status).toBe(403);

    const out = await client.post('/ui/logout', { _csrf: client.csrfOf(html) });
    expect(out.headers.get('location')).toBe('/ui/login');
    expect((await client.get('/ui')).status).toBe(303);
    // The JSON API keeps its bearer token: a dashboard cookie is not an API credential.
    const api = await fetch(`${locked.url}/jobs/00000000-0000-4000-8000-000000000000`);
    expect(api.status).toBe(401);
  });

  it('refuses a post from a visitor who is not logged in', async () => {
    const res = await formClient(locked.url).post('/ui/sync', { username: 'midnight_mo', mode: 'sync' });
    expect(res.status).toBe(401);
  });
});

describe('dashboard with LBX_LISTS_FILE', () => {
  let withLists: SandboxServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lbx-dashboard-lists-'));
    const file = join(dir, 'lists.yaml');
    await writeFile(
      file,
      'lists:\n  - source: watchlist\n    member: midnight_mo\n  - id: ana-slow\n    source: list\n    member: cinephile_ana\n    slug: slow-burners\n    excludeTv: true\n    limit: 3\n',
    );
    withLists = await startSandboxServer({ LBX_LISTS_FILE: file });
  });
  afterAll(async () => {
    await withLists?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows each definition with its films, source and TMDb list, and syncs one from its button', async () => {
    const client = formClient(withLists.url);
    const home = await (await client.get('/ui')).text();
    const card = (id: string, html: string) => new RegExp(`<li class="card" data-definition="${id}">[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
    expect(card('ana-slow', home)).toContain('list “slow-burners” of <a href="/ui/members/cinephile_ana">cinephile_ana</a>; no TV, at most 3, ordered by source');
    expect(card('ana-slow', home)).toContain('scrape (the Letterboxd site)');
    expect(card('midnight_mo/watchlist', home)).toContain('<h3>midnight_mo&#39;s Watchlist</h3>');
    expect(home).toContain('<li class="card" data-member="midnight_mo">');

    const res = await client.post('/ui/sync', { list: 'ana-slow', mode: 'sync', _csrf: client.csrfOf(home) });
    const job = await finishedJobPage(client, res.headers.get('location') as string);
    expect(job).toContain('Sync of ana-slow');
    expect(job).toMatch(/<tr data-member="ana-slow">[\s\S]*<code>ana-slow<\/code> of[\s\S]*synced[\s\S]*\+3 −0 \(list created\)/);
    const after = await (await client.get('/ui')).text();
    expect(card('ana-slow', after)).toMatch(/badge ok">synced<\/span>[\s\S]*\+3 −0/);
    expect(card('ana-slow', after)).toMatch(/href="https:\/\/www\.themoviedb\.org\/list\/\d+">list \d+/);
    // The member's own card keeps its own (absent) last run.
    expect(/<li class="card" data-member="cinephile_ana">[\s\S]*?<\/li>/.exec(after)?.[0]).toContain('none since the server started');

    const unknown = await client.post('/ui/sync', { list: 'nope', mode: 'sync', _csrf: client.csrfOf(after) });
    expect(unknown.status).toBe(400);
  });
});

describe('dashboard when syncs are disabled (TMDB_SYNC_ENABLED=false)', () => {
  let disabled: SandboxServer;
  beforeAll(async () => {
    disabled = await startSandboxServer({ TMDB_SYNC_ENABLED: 'false' });
  });
  afterAll(async () => {
    await disabled?.close();
  });

  it('says why, disables the buttons, and refuses syncs, plans, searches and pins with that reason', async () => {
    const client = formClient(disabled.url);
    const home = await (await client.get('/ui')).text();
    expect(home).toContain('Syncs are unavailable: TMDb sync is disabled on this server (TMDB_SYNC_ENABLED=false).');
    expect(home).toMatch(/<button type="submit" name="mode" value="sync" disabled/);
    const csrf = client.csrfOf(home);
    const member = await (await client.get('/ui/members/cinephile_ana?film=paper-lanterns-2021&q=Paper&year=2021')).text();
    expect(member).toContain('No plan: TMDb sync is disabled on this server');
    const sync = await client.post('/ui/sync', { username: 'cinephile_ana', mode: 'sync', _csrf: csrf });
    expect(sync.status).toBe(503);
    const pin = await client.post('/ui/members/cinephile_ana/pins', { slug: 'paper-lanterns-2021', tmdb_id: '900101', media_type: 'movie', _csrf: csrf });
    expect(pin.status).toBe(503);
    expect(await pin.text()).toContain('Match overrides need a store that keeps them and TMDb credentials.');
  });
});
