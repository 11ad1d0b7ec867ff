import { renderShell } from './page-shell.js';

/** The sentence of Letterboxd's 404 page (curly apostrophe). */
export const NOT_FOUND_MESSAGE = 'Sorry, we can’t find the page you’ve requested.';

function messagePage(origin: string, path: string, title: string, lines: string[]): string {
  return renderShell({
    url: `${origin}${path}`,
    title,
    description: title,
    bodyClass: 'error message-dark',
    content: `<section class="message"> ${lines.map((line, index) => (index === 0 ? `<p><strong>${line}</strong></p>` : `<p>${line}</p>`)).join(' ')} </section>`,
  });
}

/** Letterboxd's 404 page (`body.error`, `section.message strong`). */
export function notFoundPage(origin: string, path: string): string {
  return messagePage(origin, path, 'Not Found', [
    NOT_FOUND_MESSAGE,
    'It may have been deleted or you may have mistyped the address. <a href="/">Return to the home page</a>.',
  ]);
}

/** Letterboxd's own 403 page (private watchlists/lists, URLs without a trailing slash); no Cloudflare markers. */
export function forbiddenPage(origin: string, path: string): string {
  return messagePage(origin, path, 'Access denied', [
    'Greetings, Professor Falken. Shall we play a game?',
    'You do not have permission to view this page. It may be private.',
  ]);
}

/** Letterboxd's answer to too many requests. */
export function rateLimitedPage(origin: string, path: string): string {
  return messagePage(origin, path, 'Too many requests', [
    'Slow down there, cowboy.',
    'You have made too many requests in a short time. Please wait a moment and try again.',
  ]);
}

/** A bare 5xx page. */
export function serverErrorPage(origin: string, path: string, status: number): string {
  return messagePage(origin, path, 'Server error', [`Something went wrong (${status}).`, 'Please try again shortly.']);
}

/** Cloudflare's interstitial bot challenge, served with 403 (not a Letterboxd page at all). */
export function cloudflareChallengePage(rayId: string): string {
  return `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15;font-family:system-ui,sans-serif;color:#313131}</style></head><body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: '3',cZone: 'letterboxd.com',cType: 'managed',cRay: '${rayId}',cH: 'fake',md: 'fake'};var cpo=document.createElement('script');cpo.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=${rayId}';window._cf_chl_opt.cOgUHash=location.hash;document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></body></html>`;
}
