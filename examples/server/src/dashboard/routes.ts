import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { streamSSE } from 'hono/streaming';
import { USERNAME_PATTERN, messageOf } from '@lbx/example-shared';
import { SyncOverrideError, normalizeUsername, removeOverride, setOverride } from '@lbx/sync';
import type { AppContext } from '../app-context';
import { MAX_QUEUED_JOBS } from '../job-runner';
import { DASHBOARD_CSS, JOB_JS } from './assets';
import { homeBody } from './home-page';
import { jobActive, jobBody, progressText } from './job-page';
import { page, type Html } from './layout';
import { loginBody } from './login-page';
import { definitionSummaries, knownMembers, memberPlan, memberSummary, readMappings, searchCandidates } from './member-data';
import { memberBody } from './member-page';
import { createSessions, type Session } from './session';

type UiEnv = { Variables: { session: Session } };

/** Largest dashboard form accepted (a few short fields). */
const MAX_FORM_BYTES = 16 * 1024;

/** How often the event stream re-reads a job's state (covers jobs another replica runs). */
const POLL_MS = 1000;

/**
 * The operator dashboard under `/ui` (server-rendered HTML, no build step): `/ui` members, `/ui/members/{u}`
 * one member's planned list, unmatched films and pins, `/ui/jobs/{id}` a job with live progress
 * (`/ui/jobs/{id}/events`, server-sent events). With `API_TOKEN` every page needs a login (`/ui/login`); every
 * form carries the session's CSRF token, on top of the app's cross-site guard.
 */
export function createDashboard(ctx: AppContext): Hono<UiEnv> {
  const sessions = createSessions(ctx.config.apiToken, ctx.now);
  const ui = new Hono<UiEnv>({ strict: false });
  const loggedIn = (c: Context<UiEnv>) => sessions.loginRequired && c.get('session').authenticated;
  const render = (c: Context<UiEnv>, title: string, body: Html, status: 200 | 400 | 401 | 403 | 404 | 429 | 503 = 200, extra: { head?: Html; scripts?: string[] } = {}) =>
    c.html(page({ title, body, session: c.get('session') ?? null, loggedIn: c.get('session') ? loggedIn(c) : false, ...extra }), status);
  const refuse = (c: Context<UiEnv>, status: 401 | 403, message: string) =>
    c.html(page({ title: 'Refused', body: html`<h1>Refused</h1><p class="notice bad" role="alert">${message}</p><p><a href="/ui">Back to the dashboard</a></p>`, session: null, loggedIn: false }), status);

  ui.onError((error, c) => {
    ctx.logger.error('dashboard page failed', { path: c.req.path, error: messageOf(error) });
    return c.html(page({ title: 'Error', body: html`<h1>Something went wrong</h1><p class="notice bad" role="alert">${messageOf(error)}</p><p><a href="/ui">Back to the dashboard</a></p>`, session: null, loggedIn: false }), 500);
  });

  ui.get('/assets/dashboard.css', (c) => c.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }));
  ui.get('/assets/job.js', (c) => c.body(JOB_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));
  ui.use('*', bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => c.text(`Form larger than ${MAX_FORM_BYTES / 1024} KB.`, 413) }));

  ui.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (!sessions.loginRequired) return c.redirect(next, 303);
    const session = (await sessions.read(c)) ?? (await sessions.start(c, false));
    if (session.authenticated) return c.redirect(next, 303);
    c.set('session', session);
    return render(c, 'Log in', loginBody(session, next, null));
  });
  ui.post('/login', async (c) => {
    if (!sessions.loginRequired) return c.redirect('/ui', 303);
    const session = await sessions.read(c);
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (session === null || typeof form._csrf !== 'string' || !sessions.csrfMatches(session, form._csrf)) {
      return refuse(c, 403, 'The login form expired or was sent from another site. Open the login page again.');
    }
    if (typeof form.token !== 'string' || !sessions.checkToken(form.token)) {
      ctx.logger.warn('dashboard login refused: wrong token');
      c.set('session', session);
      return render(c, 'Log in', loginBody(session, next, 'That is not this server’s API token.'), 401);
    }
    await sessions.start(c, true);
    return c.redirect(next, 303);
  });

  // Every other page: a session (logged in when API_TOKEN is set); every POST: the session's CSRF token.
  ui.use('*', async (c, next) => {
    let session = await sessions.read(c);
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (sessions.loginRequired && !session?.authenticated) {
      if (safe) return c.redirect(`/ui/login?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`, 303);
      return refuse(c, 401, 'Log in first: this server requires its API token.');
    }
    if (!safe) {
      const form = await c.req.parseBody();
      if (session === null || typeof form._csrf !== 'string' || !sessions.csrfMatches(session, form._csrf)) {
        return refuse(c, 403, 'This form expired or was not sent from this dashboard (missing or wrong CSRF token). Reload the page and try again.');
      }
    }
    session ??= await sessions.start(c, false);
    c.set('session', session);
    await next();
  });

  ui.post('/logout', (c) => {
    sessions.end(c);
    return c.redirect(sessions.loginRequired ? '/ui/login' : '/ui', 303);
  });

  ui.get('/', async (c) => {
    const mappings = await readMappings(ctx);
    const members = await Promise.all((await knownMembers(ctx, mappings)).map((name) => memberSummary(ctx, name, mappings)));
    const definitions = definitionSummaries(ctx, mappings);
    return render(c, 'Dashboard', homeBody({ members, definitions, unavailable: ctx.runtime.unavailableReason, session: c.get('session') }));
  });

  ui.get('/members', (c) => {
    const username = (c.req.query('username') ?? '').trim();
    if (!USERNAME_PATTERN.test(username)) return render(c, 'Invalid username', invalidUsername(username), 400);
    return c.redirect(`/ui/members/${normalizeUsername(username)}`, 303);
  });

  ui.get('/members/:username', async (c) => {
    const username = c.req.param('username');
    if (!USERNAME_PATTERN.test(username)) return render(c, 'Invalid username', invalidUsername(username), 400);
    const film = c.req.query('film');
    const year = Number(c.req.query('year'));
    const [member, plan, search] = await Promise.all([
      memberSummary(ctx, username, await readMappings(ctx)),
      memberPlan(ctx, normalizeUsername(username)),
      film === undefined ? null : searchCandidates(ctx, film, c.req.query('q') ?? '', Number.isInteger(year) && year > 0 ? year : null),
    ]);
    const body = memberBody({ member, plan, search, session: c.get('session'), unavailable: ctx.runtime.unavailableReason, pinsEnabled, flash: flashOf(c.req.query()) });
    return render(c, member.username, body);
  });

  // Match overrides (`@lbx/sync`): per instance, keyed by the film's slug; a pin is checked on TMDb first.
  const pinsEnabled = ctx.runtime.store.overrides !== undefined && ctx.runtime.tmdb !== null;
  ui.post('/members/:username/pins', async (c) => {
    const username = c.req.param('username');
    const form = await c.req.parseBody();
    const slug = typeof form.slug === 'string' ? form.slug : '';
    const back = `/ui/members/${encodeURIComponent(username)}`;
    if (!pinsEnabled || ctx.runtime.tmdb === null) return render(c, 'Pins unavailable', notice('Match overrides need a store that keeps them and TMDb credentials.', back), 503);
    const input =
      form.exclude === '1'
        ? { key: slug, exclude: true as const }
        : { key: slug, tmdbId: /^\d{1,10}$/.test(String(form.tmdb_id ?? '')) ? Number(form.tmdb_id) : Number.NaN, mediaType: form.media_type === 'tv' ? ('tv' as const) : ('movie' as const) };
    try {
      await setOverride(ctx.runtime.store, ctx.runtime.tmdb, input);
    } catch (error) {
      if (!(error instanceof SyncOverrideError)) throw error;
      return render(c, 'Pin refused', notice(error.message, back), error.reason === 'tmdb-unavailable' ? 503 : 400);
    }
    ctx.logger.info('dashboard: match override set', { key: slug, ...('exclude' in input ? { exclude: true } : { tmdb_id: input.tmdbId, media_type: input.mediaType }) });
    return c.redirect(`${back}?${'exclude' in input ? 'excluded' : 'pinned'}=${encodeURIComponent(slug)}`, 303);
  });
  ui.post('/members/:username/pins/delete', async (c) => {
    const form = await c.req.parseBody();
    const slug = typeof form.slug === 'string' ? form.slug : '';
    const back = `/ui/members/${encodeURIComponent(c.req.param('username'))}`;
    try {
      await removeOverride(ctx.runtime.store, slug);
    } catch (error) {
      if (!(error instanceof SyncOverrideError)) throw error;
      return render(c, 'Not removed', notice(error.message, back), 400);
    }
    return c.redirect(`${back}?unpinned=${encodeURIComponent(slug)}`, 303);
  });

  ui.post('/sync', async (c) => {
    const form = await c.req.parseBody();
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const list = typeof form.list === 'string' ? form.list : null;
    if (list !== null) {
      if (!(ctx.config.lists?.lists ?? []).some((definition) => definition.id === list)) {
        return render(c, 'Unknown list', notice(`No list definition "${list}" in this server's LBX_LISTS_FILE.`), 400);
      }
    } else if (!USERNAME_PATTERN.test(username)) return render(c, 'Invalid username', invalidUsername(username), 400);
    if (ctx.runtime.unavailableReason !== null) return render(c, 'Sync unavailable', notice(ctx.runtime.unavailableReason), 503);
    if (ctx.jobs.closing) return render(c, 'Sync unavailable', notice('The server is shutting down; try again shortly.'), 503);
    if ((await ctx.jobs.stats()).queued >= MAX_QUEUED_JOBS) {
      return render(c, 'Too many jobs', notice(`${MAX_QUEUED_JOBS} sync jobs are already waiting; try again once some have run.`), 429);
    }
    const options = { dryRun: form.mode === 'dry-run', force: form.force === '1' };
    const job = list === null ? await ctx.jobs.submit([normalizeUsername(username)], options) : await ctx.jobs.submit([], { ...options, lists: [list] });
    return c.redirect(`/ui/jobs/${job.id}`, 303);
  });

  ui.get('/jobs/:id', async (c) => {
    const job = await ctx.jobs.get(c.req.param('id'));
    if (!job) return render(c, 'Unknown job', notice('Unknown job: finished jobs are kept for a while, not forever.'), 404);
    const active = jobActive(job);
    return render(c, `Job ${job.status}`, jobBody(job, c.get('session'), ctx.activity.events(job.id)), 200, active
      ? { head: html`<noscript><meta http-equiv="refresh" content="2"></noscript>`, scripts: ['job.js'] }
      : {});
  });

  ui.get('/jobs/:id/events', async (c) => {
    const id = c.req.param('id');
    const job = await ctx.jobs.get(id);
    if (!job) return c.text('Unknown job', 404);
    const from = Number(c.req.query('from') ?? 0);
    return streamSSE(c, async (stream) => {
      // Events the page did not render yet, then the live ones.
      const queue: string[] = ctx.activity.events(id).slice(Number.isInteger(from) && from > 0 ? from : 0).map(progressText);
      let finished = !jobActive(job);
      let wake: (() => void) | null = null;
      const notify = () => {
        wake?.();
        wake = null;
      };
      const unsubscribe = ctx.activity.subscribe(id, (event) => {
        if (event === null) finished = true;
        else queue.push(progressText(event));
        notify();
      });
      stream.onAbort(() => {
        finished = true;
        notify();
      });
      try {
        while (!stream.aborted) {
          while (queue.length > 0) await stream.writeSSE({ event: 'progress', data: JSON.stringify({ text: queue.shift() }) });
          if (finished) break;
          const timer = new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, POLL_MS).unref?.();
          });
          await timer;
          const latest = await ctx.jobs.get(id);
          if (!latest || !jobActive(latest)) finished = true;
        }
        if (!stream.aborted) {
          while (queue.length > 0) await stream.writeSSE({ event: 'progress', data: JSON.stringify({ text: queue.shift() }) });
          await stream.writeSSE({ event: 'done', data: JSON.stringify({ status: (await ctx.jobs.get(id))?.status ?? 'unknown' }) });
        }
      } finally {
        unsubscribe();
      }
    });
  });

  ui.get('*', (c) => render(c, 'Not found', notice('There is no such dashboard page.'), 404));

  return ui;
}

/** Where to go after logging in: a dashboard path only (never another site). */
function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/ui(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/ui';
}

function notice(message: string, back = '/ui'): Html {
  return html`<h1>Not done</h1><p class="notice bad" role="alert">${message}</p><p><a href="${back}">Back</a></p>`;
}

/** The member page's message after a pin form (`?pinned=`, `?excluded=`, `?unpinned=` name the film's slug). */
function flashOf(query: Record<string, string>): string | null {
  if (query.pinned) return `Pinned ${query.pinned}. The next sync puts it on the list (the plan below already shows it).`;
  if (query.excluded) return `Excluded ${query.excluded} from every list. The next sync removes it.`;
  if (query.unpinned) return `Removed the override of ${query.unpinned}: it resolves as before.`;
  return null;
}

function invalidUsername(username: string): Html {
  return html`<h1>Invalid username</h1><p class="notice bad" role="alert">“${username}” is not a Letterboxd username (letters, digits, _ and -, at most 100).</p><p><a href="/ui">Back to the dashboard</a></p>`;
}
