/**
 * Parses a film page `/film/{slug}/`. TMDb id AND type come from the page's TMDB link first (tagged
 * `data-track-action="TMDB"`: a miniseries page says `data-tmdb-type="movie"` with an empty `data-tmdb-id` while
 * its link points to `/tv/ID/`), then from the `body` attributes when they are non-empty, and only then from an
 * untagged TMDb link (members' reviews on the page may link to other titles). Title/year/directors: masthead → JSON-LD → `og:title`.
 */
import { LetterboxdParseError } from '../errors.js';
import type { FilmDetails, TmdbRef } from '../types.js';
import { type Element, attr, findFirst, hasClass, parseHtml, tag, text, walk } from './dom.js';
import { splitTitleYear } from './film-name.js';
import { filmPageOutline } from './film-page-outline.js';
import { describeIssue, filmDetailsSchema, filmJsonLdSchema } from './schemas.js';
import { filmUrl } from './urls.js';

const TMDB_LINK = /themoviedb\.org\/(movie|tv)\/(\d+)/;
const IMDB_ID = /\b(tt\d{5,})\b/;
const IMDB_TITLE = /imdb\.com\/title\//;

interface Collected {
  bodyTmdbId: string | null;
  bodyTmdbType: string | null;
  isFilmBody: boolean;
  /** The page's own links, tagged `data-track-action="TMDB"` / `"IMDb"` (any case). */
  tmdbHref: string | null;
  imdbHref: string | null;
  /** First untagged links to TMDb / IMDb: a last resort, since a member's review may link anywhere. */
  tmdbLooseHref: string | null;
  imdbLooseHref: string | null;
  mastheadTitle: string | null;
  mastheadYear: number | null;
  mastheadDirectors: string[];
  jsonLd: string | null;
  ogTitle: string | null;
}

function collect(root: Element): Collected {
  const c: Collected = {
    bodyTmdbId: null,
    bodyTmdbType: null,
    isFilmBody: false,
    tmdbHref: null,
    imdbHref: null,
    tmdbLooseHref: null,
    imdbLooseHref: null,
    mastheadTitle: null,
    mastheadYear: null,
    mastheadDirectors: [],
    jsonLd: null,
    ogTitle: null,
  };
  walk(root, (el) => {
    const name = tag(el);
    if (name === 'body') {
      c.bodyTmdbId = attr(el, 'data-tmdb-id');
      c.bodyTmdbType = attr(el, 'data-tmdb-type');
      c.isFilmBody = hasClass(el, 'film') || attr(el, 'data-type') === 'film';
      return true;
    }
    if (name === 'meta') {
      if (attr(el, 'property') === 'og:title') c.ogTitle = attr(el, 'content');
      return false;
    }
    if (name === 'script') {
      if (c.jsonLd === null && attr(el, 'type') === 'application/ld+json') c.jsonLd = el.rawText;
      return false;
    }
    if (name === 'a') {
      const action = (attr(el, 'data-track-action') ?? '').toLowerCase();
      const href = attr(el, 'href');
      if (!href) return false;
      if (action === 'tmdb') c.tmdbHref ??= href;
      else if (action === 'imdb') c.imdbHref ??= href;
      else if (TMDB_LINK.test(href)) c.tmdbLooseHref ??= href;
      else if (IMDB_TITLE.test(href)) c.imdbLooseHref ??= href;
      return false;
    }
    if (name === 'section' && hasClass(el, 'production-masthead')) readMasthead(el, c);
    return true;
  });
  return c;
}

function readMasthead(section: Element, c: Collected): void {
  walk(section, (el) => {
    const name = tag(el);
    if (name === 'h1' && c.mastheadTitle === null) {
      const label = findFirst(el, (child) => hasClass(child, 'name')) ?? el;
      c.mastheadTitle = text(label) || null;
      return false;
    }
    if (name === 'a') {
      const href = attr(el, 'href') ?? '';
      const year = /^\/films\/year\/(\d{4})\/?$/.exec(href);
      if (year && c.mastheadYear === null) c.mastheadYear = Number(year[1]);
      if (/\/director\//.test(href)) {
        const director = text(el);
        if (director && !c.mastheadDirectors.includes(director)) c.mastheadDirectors.push(director);
      }
      return false;
    }
    return true;
  });
}

function readJsonLd(raw: string | null): { name?: string; directors: string[]; year: number | null } {
  if (!raw) return { directors: [], year: null };
  const json = raw.replace(/\/\*\s*<!\[CDATA\[\s*\*\//, '').replace(/\/\*\s*\]\]>\s*\*\//, '').trim();
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { directors: [], year: null };
  }
  const parsed = filmJsonLdSchema.safeParse(data);
  if (!parsed.success) return { directors: [], year: null };
  const start = parsed.data.releasedEvent?.[0]?.startDate;
  const year = start && /^\d{4}/.test(start) ? Number(start.slice(0, 4)) : null;
  const directors = (parsed.data.director ?? []).map((d) => d.name.trim()).filter(Boolean);
  return { ...(parsed.data.name ? { name: parsed.data.name } : {}), directors, year };
}

function fromTmdbLink(href: string | null): TmdbRef | null {
  const link = href ? TMDB_LINK.exec(href) : null;
  return link ? { type: link[1] === 'tv' ? 'tv' : 'movie', id: Number(link[2]) } : null;
}

/** The page's tagged TMDB link, then the `body` attributes, then (last resort) an untagged TMDb link. */
function tmdbOf(c: Collected): TmdbRef | null {
  const tagged = fromTmdbLink(c.tmdbHref);
  if (tagged) return tagged;
  if (c.bodyTmdbId && /^\d+$/.test(c.bodyTmdbId) && (c.bodyTmdbType === 'movie' || c.bodyTmdbType === 'tv')) {
    return { type: c.bodyTmdbType, id: Number(c.bodyTmdbId) };
  }
  return fromTmdbLink(c.tmdbLooseHref);
}

function imdbOf(c: Collected): string | null {
  const href = c.imdbHref ?? c.imdbLooseHref;
  return href ? (IMDB_ID.exec(href)?.[1] ?? null) : null;
}

export function parseFilmPage(html: string, ctx: { url: string; baseUrl: string; slug: string }): FilmDetails {
  const c = collect(parseHtml(filmPageOutline(html) ?? html, true));
  const fail = (detail: string, cause?: unknown): LetterboxdParseError =>
    new LetterboxdParseError({ url: ctx.url, slug: ctx.slug, page: 'film', detail, cause });
  const ld = readJsonLd(c.jsonLd);
  const og = c.ogTitle ? splitTitleYear(c.ogTitle) : null;
  const title = c.mastheadTitle ?? ld.name ?? og?.title ?? null;
  if (!title || (!c.isFilmBody && c.mastheadTitle === null)) {
    throw fail('no film title (section.production-masthead h1 .name, JSON-LD name or og:title)');
  }
  const directors = ld.directors.length > c.mastheadDirectors.length ? ld.directors : c.mastheadDirectors;
  const details: FilmDetails = {
    slug: ctx.slug,
    title,
    year: c.mastheadYear ?? ld.year ?? og?.year ?? null,
    url: filmUrl(ctx.baseUrl, ctx.slug),
    tmdb: tmdbOf(c),
    imdbId: imdbOf(c),
    directors,
  };
  const checked = filmDetailsSchema.safeParse(details);
  if (!checked.success) throw fail(describeIssue(checked.error), checked.error);
  return checked.data;
}
