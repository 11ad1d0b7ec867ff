/** Identity of an export row: the {@link Film} `slug` (its stable key) and `url`. */
export interface FilmIdentity {
  slug: string;
  url: string;
}

const FILM_URL = /^https?:\/\/(?:www\.)?letterboxd\.com\/(?:[A-Za-z0-9_-]+\/)?film\/([^/?#]+)\/?(?:\d+\/?)?$/i;
const SHORT_LINK = /^https?:\/\/boxd\.it\/([A-Za-z0-9]+)\/?$/i;

/**
 * Derives the key of an export row from its `Letterboxd URI`:
 * - a 2020-era URL `https://letterboxd.com/film/<slug>/` (or a member's `/<user>/film/<slug>/` viewing URL)
 *   → the film slug;
 * - a short link `https://boxd.it/<code>` → `boxd:<code>` (one code per film across watched, ratings,
 *   likes, watchlist and lists; one per viewing in the diary);
 * - any other link → `uri:<link>`;
 * - no link (films removed from Letterboxd) → `title:<Name> (<Year>)`, or `title:<Name>` without a year.
 */
export function filmIdentity(uri: string, title: string, year: number | null): FilmIdentity {
  const link = uri.trim();
  if (link === '') return { slug: year === null ? `title:${title}` : `title:${title} (${year})`, url: '' };
  const film = FILM_URL.exec(link);
  if (film) return { slug: film[1] as string, url: link };
  const short = SHORT_LINK.exec(link);
  if (short) return { slug: `boxd:${short[1] as string}`, url: link };
  return { slug: `uri:${link}`, url: link };
}
