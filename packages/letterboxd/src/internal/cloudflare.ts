/**
 * Recognises Cloudflare's own answers in place of a Letterboxd page, by their body (every Letterboxd response
 * carries Cloudflare headers, so headers prove nothing): the "Just a moment…" challenge and the firewall's
 * "Sorry, you have been blocked" page. Normal Letterboxd pages load `challenge-platform` scripts too, which
 * these markers do not match.
 */

/** Markers of the interstitial challenge and of the block page (error 1020 and friends). */
const REFUSAL =
  /<title>\s*(?:Just a moment|Attention Required! \| Cloudflare)|cf_chl_opt|cf-chl-|Enable JavaScript and cookies to continue|cf-error-details|Sorry, you have been blocked/i;

/**
 * A 2xx body (some proxies pass Cloudflare's page on with 200) must have the title near its start AND a
 * Cloudflare-only marker: a film called "Just a Moment" may title a page or a feed item, but never with those.
 */
const REFUSAL_TITLE = /<title>\s*(?:Just a moment|Attention Required! \| Cloudflare)/i;
const REFUSAL_MARKER = /cf_chl_opt|cf-chl-|cf-error-details|Enable JavaScript and cookies to continue|Sorry, you have been blocked/i;
const HEAD_CHARS = 4096;

/** True when a response with `status` and `body` is Cloudflare refusing the request, not Letterboxd answering. */
export function isCloudflareRefusal(status: number, body: string): boolean {
  if (status >= 200 && status < 300) return REFUSAL_TITLE.test(body.slice(0, HEAD_CHARS)) && REFUSAL_MARKER.test(body);
  return (status === 403 || status === 429 || status === 503) && REFUSAL.test(body);
}
