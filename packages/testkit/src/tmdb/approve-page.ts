import type { FakeState } from './state.js';

function page(status: number, text: string): Response {
  return new Response(`<!doctype html><title>fake TMDb</title><p>${text}</p>\n`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

/**
 * The website's approval page (`/auth/access?request_token=…`), reduced to one HTTP call: visiting it approves
 * the pending request token, as clicking "Approve" would on themoviedb.org. Served on the fake's own origin, so
 * a sign-in against a served fake can be approved with `curl` or a browser.
 */
export function approvePage(state: FakeState, url: URL): Response {
  const token = url.searchParams.get('request_token');
  const pending = token === null ? undefined : state.pendingRequestTokens.get(token);
  if (pending === undefined) {
    return page(404, 'Unknown or expired request token: create one with POST /4/auth/request_token first.');
  }
  pending.approved = true;
  return page(200, 'Approved (fake TMDb). Go back to your terminal and press Enter.');
}
