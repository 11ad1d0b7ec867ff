import { filmIdOf, starText } from './film-identity.js';
import { escapeHtml } from './html-escape.js';
import type { FakeFilm, FakeMember } from './types.js';

/** Letterboxd caps the member feed at the 50 most recent diary entries. */
export const RSS_ITEM_LIMIT = 50;

/** The fake's "now": the most recent film was watched on this day, each older one a day earlier. */
const LATEST_WATCH = Date.UTC(2026, 10, 20);
const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function rfc822(date: Date): string {
  // Letterboxd writes pubDate in New Zealand time; the fake uses a fixed +1300 offset.
  const local = new Date(date.getTime() + 13 * 3_600_000);
  const day = WEEKDAYS[local.getUTCDay()]?.slice(0, 3);
  const month = MONTHS[local.getUTCMonth()]?.slice(0, 3);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${pad(local.getUTCDate())} ${month} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +1300`;
}

function item(origin: string, member: FakeMember, film: FakeFilm, index: number): string {
  // A film with `loggedAt` keeps its entry (time and guid) wherever it stands in the list; others count back
  // a day per position from the fake's "now".
  const logged = film.loggedAt === undefined ? null : Date.parse(film.loggedAt);
  const watched = new Date(logged === null ? LATEST_WATCH - index * DAY_MS : logged - 20 * 3_600_000);
  const published = new Date(watched.getTime() + 20 * 3_600_000);
  const entryId = logged === null ? filmIdOf(film) * 10 + index : filmIdOf(film) * 1000 + (Math.floor(logged / DAY_MS) % 1000);
  const isoDay = watched.toISOString().slice(0, 10);
  const heading = `${film.title}${film.year === null ? '' : `, ${film.year}`}${film.rating === null ? '' : ` - ${starText(film.rating)}`}`;
  const parts = [
    `<title>${escapeHtml(heading)}</title>`,
    `<link>${origin}/${member.username}/film/${film.slug}/</link>`,
    `<guid isPermaLink="false">letterboxd-watch-${entryId}</guid>`,
    `<pubDate>${rfc822(published)}</pubDate>`,
    `<letterboxd:watchedDate>${isoDay}</letterboxd:watchedDate>`,
    '<letterboxd:rewatch>No</letterboxd:rewatch>',
    `<letterboxd:filmTitle>${escapeHtml(film.title)}</letterboxd:filmTitle>`,
  ];
  if (film.year !== null) parts.push(`<letterboxd:filmYear>${film.year}</letterboxd:filmYear>`);
  if (film.rating !== null) parts.push(`<letterboxd:memberRating>${film.rating.toFixed(1)}</letterboxd:memberRating>`);
  parts.push(`<letterboxd:memberLike>${film.liked ? 'Yes' : 'No'}</letterboxd:memberLike>`);
  if (film.tmdb !== null) {
    parts.push(film.tmdb.type === 'tv' ? `<tmdb:tvId>${film.tmdb.id}</tmdb:tvId>` : `<tmdb:movieId>${film.tmdb.id}</tmdb:movieId>`);
  }
  const longDay = `${WEEKDAYS[watched.getUTCDay()]} ${MONTHS[watched.getUTCMonth()]} ${watched.getUTCDate()}, ${watched.getUTCFullYear()}`;
  parts.push(
    `<description><![CDATA[ <p><img src="https://a.ltrbxd.com/resized/film-poster/fake/${film.slug}-0-600-0-900-crop.jpg"/></p> <p>Watched on ${longDay}.</p> ]]></description>`,
    `<dc:creator>${escapeHtml(member.displayName)}</dc:creator>`,
  );
  return `<item>${parts.join('')}</item>`;
}

/** `/{user}/rss/`: the 50 most recently logged films, with rating, like and TMDb id per item. */
export function renderMemberRss(origin: string, member: FakeMember): string {
  const name = escapeHtml(member.displayName);
  const items = member.films
    .filter((film) => film.watched !== false)
    .slice(0, RSS_ITEM_LIMIT)
    .map((film, index) => `\t\t${item(origin, member, film, index)}`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:letterboxd="https://letterboxd.com" xmlns:tmdb="https://themoviedb.org">
\t<channel>
\t\t<title>Letterboxd - ${name}</title>
\t\t<link>${origin}/${member.username}/</link>
\t\t<description>Letterboxd - ${name}</description>
\t\t<atom:link rel="self" href="${origin}/${member.username}/rss/" type="application/rss+xml"/>
${items}
\t</channel>
</rss>
`;
}
