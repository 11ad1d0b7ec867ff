import { http, HttpResponse } from 'msw';

/** Base URL of the Letterboxd site in these tests (the real client's default). */
export const LETTERBOXD = 'https://letterboxd.com';

/** One diary entry of a made-up feed, about `Lantern Film <n>` (TMDb id 7000 + n, year 1959 + n). */
export interface FeedItem {
  n: number;
  /** Entry number: the guid is `letterboxd-watch-<guid>`. */
  guid: number;
  /** Publication time, ISO 8601 (written in Letterboxd's New Zealand offset). */
  published: string;
  rating: number | null;
  /** `memberLike`; `null` renders an old-format item without it. */
  liked: boolean | null;
  /** Render `tmdb:movieId` (2026 feeds). Default `true`. */
  tmdb?: boolean;
  rewatch?: boolean;
  /** Override the film title (a film Letterboxd renamed). */
  title?: string;
}

const STARS = (rating: number) => '★'.repeat(Math.floor(rating)) + (rating % 1 ? '½' : '');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 in +1300, as Letterboxd writes `pubDate`. */
function rfc822(iso: string): string {
  const local = new Date(Date.parse(iso) + 13 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +1300`;
}

function item(username: string, entry: FeedItem): string {
  const year = 1959 + entry.n;
  const title = entry.title ?? `Lantern Film ${entry.n}`;
  const heading = `${title}, ${year}${entry.rating === null ? '' : ` - ${STARS(entry.rating)}`}`;
  const path = entry.rewatch ? `lantern-film-${entry.n}/1/` : `lantern-film-${entry.n}/`;
  return [
    '<item>',
    `<title>${heading}</title>`,
    `<link>${LETTERBOXD}/${username}/film/${path}</link>`,
    `<guid isPermaLink="false">letterboxd-watch-${entry.guid}</guid>`,
    `<pubDate>${rfc822(entry.published)}</pubDate>`,
    `<letterboxd:watchedDate>${entry.published.slice(0, 10)}</letterboxd:watchedDate>`,
    `<letterboxd:rewatch>${entry.rewatch ? 'Yes' : 'No'}</letterboxd:rewatch>`,
    `<letterboxd:filmTitle>${title}</letterboxd:filmTitle>`,
    `<letterboxd:filmYear>${year}</letterboxd:filmYear>`,
    entry.rating === null ? '' : `<letterboxd:memberRating>${entry.rating.toFixed(1)}</letterboxd:memberRating>`,
    entry.liked === null ? '' : `<letterboxd:memberLike>${entry.liked ? 'Yes' : 'No'}</letterboxd:memberLike>`,
    entry.tmdb === false ? '' : `<tmdb:movieId>${7000 + entry.n}</tmdb:movieId>`,
    `<description><![CDATA[ <p><img src="https://a.ltrbxd.com/resized/film-poster/x.jpg"/></p> <p>Watched on ${entry.published.slice(0, 10)}.</p> ]]></description>`,
    `<dc:creator>${username}</dc:creator>`,
    '</item>',
  ].join('');
}

/** A member feed in the shape Letterboxd serves (channel header, one line per item, newest first). */
export function renderFeed(username: string, entries: readonly FeedItem[]): string {
  const items = [...entries].sort((a, b) => b.published.localeCompare(a.published)).map((entry) => `\t\t${item(username, entry)}`);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:letterboxd="https://letterboxd.com" xmlns:tmdb="https://themoviedb.org">
\t<channel>
\t\t<title>Letterboxd - ${username}</title>
\t\t<link>${LETTERBOXD}/${username}/</link>
\t\t<description>Letterboxd - ${username}</description>
\t\t<atom:link rel="self" href="${LETTERBOXD}/${username}/rss/" type="application/rss+xml"/>
${items.join('\n')}
\t</channel>
</rss>
`;
}

/** An msw handler serving what `current()` returns as the member's feed (a string body, or a status). */
export function feedHandler(username: string, current: () => string | number) {
  return http.get(`${LETTERBOXD}/${username}/rss/`, () => {
    const body = current();
    return typeof body === 'number'
      ? new HttpResponse('<html><body>Server error</body></html>', { status: body, headers: { 'content-type': 'text/html' } })
      : new HttpResponse(body, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
  });
}
