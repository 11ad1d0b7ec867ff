/**
 * Recognises Cloudflare's own answers in place of a Letterboxd page, by their body (every Letterboxd response
 * carries Cloudflare headers, so headers prove nothing): the "Just a moment…" challenge and the firewall's
 * "Sorry, you have been blocked" page. Normal Letterboxd pages load `challenge-platform` scripts too, which
 * these markers do not match.
 */

/** Title of the interstitial challenge and of the block page (error 1020 and friends). */
const REFUSAL_TITLE = /<title>\s*(?:Just a moment|Attention Required! \| Cloudflare)/i;
/** Markers only Cloudflare's own pages carry. */
const REFUSAL_MARKER = /cf_chl_opt|cf-chl-|cf-error-details|Enable JavaScript and cookies to continue|Sorry, you have been blocked/i;
const HEAD_CHARS = 4096;

/**
 * True when a response with `status` and `body` is Cloudflare refusing the request, not Letterboxd answering.
 * A 403/429/503 needs the title or a marker anywhere. A 2xx body (some proxies pass Cloudflare's page on with
 * 200) needs the title near its start AND a marker: a film called "Just a Moment" may title a page or a feed
 * item, but never with those.
 */
export function isCloudflareRefusal(status: number, body: string): boolean {
  if (status >= 200 && status < 300) return REFUSAL_TITLE.test(body.slice(0, HEAD_CHARS)) && REFUSAL_MARKER.test(body);
  return (status === 403 || status === 429 || status === 503) && (REFUSAL_TITLE.test(body) || REFUSAL_MARKER.test(body));
}
