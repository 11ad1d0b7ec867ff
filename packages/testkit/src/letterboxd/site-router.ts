import { byRatingDesc, isFilmSortKey, sortFilms } from './film-order.js';
import { renderFilmPage } from './film-page.js';
import { forbiddenPage, notFoundPage } from './error-pages.js';
import { renderFilmsPage, renderLikesPage, renderWatchlistPage } from './listing-pages.js';
import { renderMemberListPage } from './member-list-page.js';
import { renderMemberRss } from './member-rss.js';
import { renderProfilePage } from './profile-page.js';
import type { FakeFilm, FakeMember } from './types.js';

/** What a route answers before headers are added. */
export interface Page {
  status: number;
  body: string;
  kind: 'html' | 'rss';
}

/** The site's data, indexed. */
export interface SiteData {
  origin: string;
  /** Lower-cased username → member. */
  members: Map<string, FakeMember>;
}

/** The film with this slug in any member's dataset (the first member who has it wins). */
function findFilm(site: SiteData, slug: string): FakeFilm | undefined {
  for (const member of site.members.values()) {
    const film = member.films.find((candidate) => candidate.slug === slug);
    if (film) return film;
  }
  for (const member of site.members.values()) {
    for (const list of member.lists ?? []) {
      const film = list.films.find((candidate) => candidate.slug === slug);
      if (film) return film;
    }
  }
  return undefined;
}

/** `decodeURIComponent`, or `null` for malformed percent-encoding (such a path is an unknown page). */
function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const LISTING = /^\/([A-Za-z0-9_-]+)\/(watchlist|films|likes\/films)\/(?:by\/([a-z-]+)\/)?(?:page\/(\d+)\/)?$/;

function html(status: number, body: string): Page {
  return { status, body, kind: 'html' };
}

function listing(site: SiteData, path: string, match: RegExpMatchArray): Page | null {
  const [, username = '', section, sort, pageText] = match;
  const member = site.members.get(username.toLowerCase());
  if (!member) return null;
  const page = pageText === undefined ? 1 : Number(pageText);
  if (!Number.isSafeInteger(page) || page < 1) return null;
  const user = member.username;
  const origin = site.origin;
  const watched = member.films.filter((film) => film.watched !== false);
  let rendered: string | null = null;
  if (section === 'watchlist') {
    if (sort !== undefined) return null;
    if (member.privateWatchlist) return html(403, forbiddenPage(origin, path));
    const films = member.films.filter((film) => film.watchlisted);
    rendered = renderWatchlistPage({ origin, member, films, basePath: `/${user}/watchlist/`, page });
  } else if (section === 'films') {
    if (sort !== undefined && !isFilmSortKey(sort)) return null;
    const films = sortFilms(watched, sort ?? 'release');
    const basePath = sort === undefined ? `/${user}/films/` : `/${user}/films/by/${sort}/`;
    rendered = renderFilmsPage({ origin, member, films, basePath, page });
  } else {
    if (sort !== undefined && sort !== 'member-rating') return null;
    const liked = watched.filter((film) => film.liked);
    const films = sort === undefined ? liked : [...liked].sort(byRatingDesc);
    const basePath = sort === undefined ? `/${user}/likes/films/` : `/${user}/likes/films/by/member-rating/`;
    rendered = renderLikesPage({ origin, member, films, basePath, page });
  }
  return rendered === null ? null : html(200, rendered);
}

const MEMBER_LIST = /^\/([A-Za-z0-9_-]+)\/list\/([a-z0-9-]+)\/(?:page\/(\d+)\/)?$/;

function memberList(site: SiteData, path: string, match: RegExpMatchArray): Page | null {
  const [, username = '', slug, pageText] = match;
  const member = site.members.get(username.toLowerCase());
  const list = member?.lists?.find((candidate) => candidate.slug === slug);
  const page = pageText === undefined ? 1 : Number(pageText);
  if (!member || !list || !Number.isSafeInteger(page) || page < 1) return null;
  if (list.private) return html(403, forbiddenPage(site.origin, path));
  const rendered = renderMemberListPage({ origin: site.origin, member, list, page });
  return rendered === null ? null : html(200, rendered);
}

function route(site: SiteData, path: string): Page | null {
  const film = /^\/film\/([^/]+)\/$/.exec(path);
  if (film) {
    const slug = safeDecode(film[1] ?? '');
    const found = slug === null ? undefined : findFilm(site, slug);
    return found ? html(200, renderFilmPage(site.origin, found)) : null;
  }
  const member = /^\/([A-Za-z0-9_-]+)\/(rss\/)?$/.exec(path);
  if (member) {
    const found = site.members.get((member[1] ?? '').toLowerCase());
    if (!found) return null;
    return member[2] ? { status: 200, body: renderMemberRss(site.origin, found), kind: 'rss' } : html(200, renderProfilePage(site.origin, found));
  }
  const memberListMatch = MEMBER_LIST.exec(path);
  if (memberListMatch) return memberList(site, path, memberListMatch);
  const list = LISTING.exec(path);
  return list ? listing(site, path, list) : null;
}

/**
 * Answers one GET path like Letterboxd: pages for known members and films, 403 without the trailing slash,
 * the private 403 for private watchlists, and the 404 page for anything unknown (including pages past the end).
 */
export function answerPath(site: SiteData, path: string): Page {
  if (!path.endsWith('/')) return html(403, forbiddenPage(site.origin, path));
  return route(site, path) ?? html(404, notFoundPage(site.origin, path));
}
