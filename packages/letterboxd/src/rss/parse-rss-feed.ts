import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LetterboxdParseError } from '../errors.js';
import type { TmdbRef } from '../types.js';
import type { RssEntry, RssFeed } from './rss-types.js';

/** Where the feed came from, for URLs and error messages. */
export interface FeedContext {
  url: string;
  username: string;
  /** Site root without trailing slash, used to build film URLs. */
  baseUrl: string;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  isArray: (name) => name === 'item',
});

const ENTRY_PATH = /\/film\/([^/?#]+)\/(?:\d+\/)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a member feed (RSS 2.0 with the `letterboxd:` and `tmdb:` namespaces). List items are skipped;
 * watch/review items become {@link RssEntry}s. Throws {@link LetterboxdParseError} (`page: 'rss'`) when the document is
 * not a feed or a film item lacks its film data.
 */
export function parseRssFeed(xml: string, ctx: FeedContext): RssFeed {
  const fail = (detail: string): never => {
    throw new LetterboxdParseError({ url: ctx.url, username: ctx.username, page: 'rss', detail });
  };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fail(`the response is not well-formed XML (${valid.err.msg} at line ${valid.err.line})`);
  const doc = parser.parse(xml) as { rss?: { channel?: unknown } };
  const channel = doc.rss?.channel;
  if (!channel || typeof channel !== 'object') return fail('no <rss><channel> element');
  const { title, item } = channel as { title?: unknown; item?: unknown[] };

  const entries: RssEntry[] = [];
  let skippedListItems = 0;
  for (const raw of item ?? []) {
    const fields = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const guid = text(fields.guid);
    const link = text(fields.link);
    if (guid.startsWith('letterboxd-list-') || /\/list\/[^/]+\/?$/.test(link)) {
      skippedListItems++;
      continue;
    }
    const kind = guid.startsWith('letterboxd-review-') ? 'review' : guid.startsWith('letterboxd-watch-') ? 'watch' : null;
    if (kind === null) continue; // an item type this parser does not know: not a diary entry
    const filmTitle = text(fields['letterboxd:filmTitle']);
    const slug = ENTRY_PATH.exec(safePath(link))?.[1];
    if (!filmTitle || !slug) fail(`item "${guid}" has no ${filmTitle ? 'film link' : 'letterboxd:filmTitle'}`);
    entries.push({
      guid,
      kind,
      title: text(fields.title),
      link,
      pubDate: isoDate(text(fields.pubDate)),
      watchedDate: DATE.test(text(fields['letterboxd:watchedDate'])) ? text(fields['letterboxd:watchedDate']) : null,
      rewatch: text(fields['letterboxd:rewatch']).toLowerCase() === 'yes',
      filmTitle,
      filmYear: year(text(fields['letterboxd:filmYear'])),
      memberRating: rating(text(fields['letterboxd:memberRating'])),
      memberLike: yesNo(fields['letterboxd:memberLike']),
      tmdb: tmdbRef(text(fields['tmdb:movieId']), text(fields['tmdb:tvId'])),
      slug: slug as string,
      filmUrl: `${ctx.baseUrl}/film/${slug as string}/`,
    });
  }
  return { username: ctx.username, url: ctx.url, title: text(title), entries, skippedListItems };
}

/** Element text (the parser keeps values as strings and drops attributes); `''` for anything else. */
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function safePath(link: string): string {
  try {
    return new URL(link).pathname;
  } catch {
    return link;
  }
}

function isoDate(value: string): string | null {
  const time = Date.parse(value);
  return value && Number.isFinite(time) ? new Date(time).toISOString() : null;
}

function year(value: string): number | null {
  return /^\d{4}$/.test(value) ? Number(value) : null;
}

function rating(value: string): number | null {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) && n >= 0.5 && n <= 5 && Number.isInteger(n * 2) ? n : null;
}

function yesNo(value: unknown): boolean | null {
  if (value === undefined) return null;
  const v = text(value).toLowerCase();
  return v === 'yes' ? true : v === 'no' ? false : null;
}

function tmdbRef(movieId: string, tvId: string): TmdbRef | null {
  if (/^\d+$/.test(tvId) && Number(tvId) > 0) return { id: Number(tvId), type: 'tv' };
  if (/^\d+$/.test(movieId) && Number(movieId) > 0) return { id: Number(movieId), type: 'movie' };
  return null;
}
