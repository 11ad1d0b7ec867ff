import type { Http } from '../internal/http.js';
import { assertUsername, pathUrl } from '../internal/urls.js';
import type { RequestOptions } from '../types.js';
import { parseRssFeed } from './parse-rss-feed.js';
import type { RssFeed } from './rss-types.js';

const FEED_ACCEPT = 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1';

/**
 * Reads `/<username>/rss/` through the client's request layer (same pacing, retries and errors as every other
 * call) and parses it. One request. Backs `LetterboxdClient.getRssFeed`.
 */
export async function getRssFeed(
  http: Http,
  baseUrl: string,
  username: string,
  options: RequestOptions = {},
): Promise<RssFeed> {
  assertUsername(baseUrl, username);
  const url = pathUrl(baseUrl, username, 'rss');
  const xml = await http.getText(url, {
    username,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    accept: FEED_ACCEPT,
  });
  return parseRssFeed(xml, { url, username, baseUrl });
}
