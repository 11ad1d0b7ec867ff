import { html } from 'hono/html';
import type { Session } from './session';

/** A piece of escaped HTML (`hono/html`'s `html` tag escapes every interpolated value). */
export type Html = ReturnType<typeof html>;

/** What {@link page} wraps. */
export interface PageOptions {
  title: string;
  body: Html;
  /** The visitor's session (the logout form needs its CSRF token), or `null`. */
  session: Session | null;
  /** Show the logout button (logged in with `API_TOKEN`). */
  loggedIn: boolean;
  /** Extra `<head>` content (the job page's no-JavaScript refresh). */
  head?: Html;
  /** Scripts from `/ui/assets/` to load (deferred). */
  scripts?: string[];
}

/** The HTML document every dashboard page shares: header, navigation, main landmark. */
export function page(options: PageOptions): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · lbx</title>
<link rel="stylesheet" href="/ui/assets/dashboard.css">
${options.head ?? ''}
${(options.scripts ?? []).map((name) => html`<script src="/ui/assets/${name}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/ui">lbx dashboard</a>
  <nav aria-label="Other pages"><a href="/docs">API docs</a></nav>
  ${options.loggedIn && options.session
    ? html`<form method="post" action="/ui/logout">${csrfField(options.session)}<button class="secondary" type="submit">Log out</button></form>`
    : ''}
</header>
<main id="main">
${options.body}
</main>
</body>
</html>`;
}

/** The hidden CSRF field every dashboard form carries. */
export function csrfField(session: Session): Html {
  return html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
}

/** `2026-12-01 23:04 UTC` (the server's clock; a page has no reliable time zone for the viewer). */
export function formatTime(ms: number | string | null): string {
  if (ms === null) return '—';
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A status word as a coloured badge (colour is never the only signal: the word is there). */
export function statusBadge(status: string): Html {
  const tone =
    status === 'synced' || status === 'unchanged' || status === 'completed'
      ? 'ok'
      : status === 'failed'
        ? 'bad'
        : status === 'refused' || status === 'partial' || status === 'cancelled'
          ? 'warn'
          : 'muted';
  return html`<span class="badge ${tone}">${status}</span>`;
}
