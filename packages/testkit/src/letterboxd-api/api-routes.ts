/** The fake API's read endpoints: search, member, films, watchlist, lists, list entries. */
import { HttpResponse } from 'msw';
import { byRatingDesc } from '../letterboxd/film-order';
import { communityRatingOf, filmIdOf } from '../letterboxd/film-identity';
import type { FakeFilm, FakeMember, FakeMemberList } from '../letterboxd/types';
import { descriptionHtml, filmLid, filmSummary, listLid, listSummary, memberLid, memberSummary } from './api-shapes';
import type { FakeRelationshipMode } from './types';

/** What the routes read. */
export interface ApiData {
  siteUrl: string;
  members: Map<string, FakeMember>;
  optedOut: Set<string>;
  mode: FakeRelationshipMode;
}

/** `ErrorResponse` of the API. */
export function apiError(status: number, message: string, headers?: Record<string, string>): Response {
  return HttpResponse.json({ error: true, message, code: status === 404 ? 'NotFound' : 'BadRequest' }, { status, headers });
}

class BadRequest extends Error {}

/** `perPage` (default 20, 1–100) and the `start=N` cursor. */
function window(url: URL): { start: number; perPage: number } {
  const perPageText = url.searchParams.get('perPage');
  const perPage = perPageText === null ? 20 : Number(perPageText);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new BadRequest('perPage must be between 1 and 100');
  const cursor = url.searchParams.get('cursor');
  if (cursor === null) return { start: 0, perPage };
  const start = /^start=(\d+)$/.exec(cursor)?.[1];
  if (start === undefined) throw new BadRequest(`Invalid cursor: ${cursor}`);
  return { start: Number(start), perPage };
}

function paged<T>(url: URL, all: readonly T[], render: (item: T, index: number) => unknown, extra: Record<string, unknown> = {}): Response {
  const { start, perPage } = window(url);
  const items = all.slice(start, start + perPage).map((item, offset) => render(item, start + offset));
  const next = start + perPage < all.length ? { next: `start=${start + perPage}` } : {};
  return HttpResponse.json({ ...next, items, itemCount: all.length, ...extra });
}

function memberById(data: ApiData, id: string | null): FakeMember | null {
  if (id === null) return null;
  for (const member of data.members.values()) {
    if (memberLid(member.username) === id && !data.optedOut.has(member.username.toLowerCase())) return member;
  }
  return null;
}

const RELATIONSHIPS: Record<string, (film: FakeFilm) => boolean> = {
  Watched: (film) => film.watched !== false,
  NotWatched: (film) => film.watched === false,
  Liked: (film) => film.watched !== false && film.liked,
  NotLiked: (film) => !film.liked,
  Rated: (film) => film.watched !== false && film.rating !== null,
  NotRated: (film) => film.rating === null,
  InWatchlist: (film) => film.watchlisted,
  NotInWatchlist: (film) => !film.watchlisted,
};

const byTitle = (a: FakeFilm, b: FakeFilm) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' });
const SORTS: Record<string, ((films: FakeFilm[]) => FakeFilm[]) | undefined> = {
  FilmPopularity: (films) => films.sort((a, b) => filmIdOf(a) - filmIdOf(b)),
  // The dataset is in logged order, newest first: "when liked/rated/logged" is that order here.
  DateLatestFirst: (films) => films,
  DateEarliestFirst: (films) => films.reverse(),
  // Ties keep the logged order, as the site's by/member-rating grid does.
  MemberRatingHighToLow: (films) => films.sort(byRatingDesc),
  MemberRatingLowToHigh: (films) => films.sort((a, b) => -byRatingDesc(a, b)),
  AverageRatingHighToLow: (films) => films.sort((a, b) => communityRatingOf(b) - communityRatingOf(a)),
  FilmName: (films) => films.sort(byTitle),
};

function films(data: ApiData, url: URL): Response {
  const q = url.searchParams;
  const member = memberById(data, q.get('member'));
  if (q.get('member') !== null && !member) return apiError(404, 'Member not found');
  const sort = q.get('sort') ?? 'FilmPopularity';
  const ordering = SORTS[sort];
  if (!ordering) return apiError(400, `Invalid sort: ${sort}`);
  if (sort.startsWith('Member') && (!member || q.get('includeFriends') !== 'None')) {
    return apiError(400, `${sort} requires member and includeFriends=None`);
  }
  if (!member) return apiError(400, 'This sample serves member film lists only (pass member)');
  const relationship = RELATIONSHIPS[q.get('memberRelationship') ?? 'Watched'];
  if (!relationship) return apiError(400, `Invalid memberRelationship: ${q.get('memberRelationship')}`);
  const min = Number(q.get('memberMinRating') ?? 0.5);
  const max = Number(q.get('memberMaxRating') ?? 5);
  const rated = q.has('memberMinRating') || q.has('memberMaxRating');
  const selected = ordering(
    member.films.filter((film) => relationship(film) && (!rated || (film.rating !== null && film.rating >= min && film.rating <= max))),
  );
  return paged(url, selected, (film) => filmSummary(film, data.siteUrl, member, data.mode));
}

function watchlist(data: ApiData, url: URL, id: string): Response {
  const member = memberById(data, id);
  if (!member) return apiError(404, 'Member not found');
  if (member.privateWatchlist) return apiError(403, 'This watchlist is private');
  // The pitfall the docs describe: a `member` parameter applies the default `Watched` relationship filter.
  const filter = url.searchParams.has('member') ? RELATIONSHIPS.Watched : () => true;
  const wanted = member.films.filter((film) => film.watchlisted && filter?.(film));
  return paged(url, wanted, (film) => filmSummary(film, data.siteUrl, member, data.mode));
}

function search(data: ApiData, url: URL): Response {
  const input = (url.searchParams.get('input') ?? '').toLowerCase();
  const include = url.searchParams.getAll('include');
  if (input === '') return apiError(400, 'input is required');
  const found =
    include.length > 0 && !include.includes('MemberSearchItem')
      ? []
      : [...data.members.values()]
          .filter((m) => !data.optedOut.has(m.username.toLowerCase()))
          .filter((m) => m.username.toLowerCase().includes(input) || m.displayName.toLowerCase().includes(input))
          // Relevance favours popular members: an exact username match is not always first.
          .sort((a, b) => b.stats.followers - a.stats.followers);
  return paged(url, found, (member, index) => ({ type: 'MemberSearchItem', score: 1 / (index + 1), member: memberSummary(member) }));
}

/** A published list by id, with its owner (private lists and opted-out owners are not found). */
function listById(data: ApiData, id: string): { list: FakeMemberList; owner: FakeMember } | null {
  for (const owner of data.members.values()) {
    if (data.optedOut.has(owner.username.toLowerCase())) continue;
    const list = owner.lists?.find((candidate) => listLid(owner, candidate) === id && candidate.private !== true);
    if (list) return { list, owner };
  }
  return null;
}

function lists(data: ApiData, url: URL): Response {
  const member = memberById(data, url.searchParams.get('member'));
  if (!member) return apiError(404, 'Member not found');
  const own = (member.lists ?? []).filter((list) => list.private !== true);
  return paged(url, own, (list) => listSummary(member, list));
}

function list(data: ApiData, id: string): Response {
  const found = listById(data, id);
  if (!found) return apiError(404, 'List not found');
  const { list: entry, owner } = found;
  const lid = listLid(owner, entry);
  return HttpResponse.json({
    ...listSummary(owner, entry),
    description: descriptionHtml(entry.description),
    links: [{ type: 'letterboxd', id: lid, url: `${data.siteUrl}/${owner.username}/list/${entry.slug}/` }],
  });
}

function entries(data: ApiData, url: URL, id: string): Response {
  const found = listById(data, id);
  if (!found) return apiError(404, 'List not found');
  const all = found.list.films;
  const lid = listLid(found.owner, found.list);
  return paged(
    url,
    all,
    (film, index) => ({
      entryId: `${lid}-${filmLid(film)}`,
      ...(found.list.ranked ? { rank: index + 1 } : {}),
      film: filmSummary(film, data.siteUrl, found.owner, 'member'),
      containsSpoilers: false,
    }),
    { metadata: { totalFilmCount: all.length, filteredFilmCount: all.length } },
  );
}

/** Answers one authorised GET (path under the API root), or `null` when no endpoint matches. */
export function answerGet(data: ApiData, path: string, url: URL): Response | null {
  try {
    if (path === '/search') return search(data, url);
    if (path === '/films') return films(data, url);
    if (path === '/lists') return lists(data, url);
    const member = /^\/member\/([^/]+)(\/watchlist)?$/.exec(path);
    if (member) {
      const id = decodeURIComponent(member[1] ?? '');
      if (member[2]) return watchlist(data, url, id);
      const found = memberById(data, id);
      return found ? HttpResponse.json({ ...memberSummary(found), bio: found.bio ?? '' }) : apiError(404, 'Member not found');
    }
    const listPath = /^\/list\/([^/]+)(\/entries)?$/.exec(path);
    if (listPath) {
      const id = decodeURIComponent(listPath[1] ?? '');
      return listPath[2] ? entries(data, url, id) : list(data, id);
    }
    return null;
  } catch (error) {
    if (error instanceof BadRequest) return apiError(400, error.message);
    throw error;
  }
}
