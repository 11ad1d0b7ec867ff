/** JSON shapes of the fake API (`MemberSummary`, `FilmSummary`, `ListSummary`, …) built from the dataset. */
import { communityRatingOf, filmIdOf, shortIdOf } from '../letterboxd/film-identity';
import type { FakeFilm, FakeMember, FakeMemberList } from '../letterboxd/types';
import type { FakeRelationshipMode } from './types';

/** FNV-1a of a text, for made-up stable ids. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** A member's LID: stable per (lower-cased) username. */
export function memberLid(username: string): string {
  return shortIdOf(10_000 + (hash(`member:${username.toLowerCase()}`) % 50_000_000));
}

/** A film's LID: the base62 of its Letterboxd numeric id, as `boxd.it` short links are. */
export function filmLid(film: FakeFilm): string {
  return shortIdOf(filmIdOf(film));
}

/** A list's LID. */
export function listLid(owner: FakeMember, list: FakeMemberList): string {
  return shortIdOf(10_000 + (hash(`list:${owner.username.toLowerCase()}/${list.slug}`) % 50_000_000));
}

export function memberSummary(member: FakeMember) {
  return {
    id: memberLid(member.username),
    username: member.username,
    displayName: member.displayName,
    shortName: member.displayName.split(' ')[0],
    pronoun: { id: 'they', label: 'They / their' },
    avatar: member.avatar === null ? undefined : { sizes: [{ width: 220, height: 220, url: member.avatar }] },
    memberStatus: 'Member',
    hideAdsInContent: false,
  };
}

function relationship(film: FakeFilm) {
  return {
    watched: film.watched !== false,
    liked: film.liked,
    favorited: false,
    inWatchlist: film.watchlisted,
    ...(film.rating === null ? {} : { rating: film.rating }),
    reviews: [],
    diaryEntries: [],
  };
}

/** Someone else's relationship (a "signed-in" member or a friend): never the owner's data. */
const STRANGER = { id: 'zzz9', username: 'someone_else', displayName: 'Someone Else' };

/** A `FilmSummary` with the member's relationship placed as `mode` says. */
export function filmSummary(film: FakeFilm, siteUrl: string, member: FakeMember | null, mode: FakeRelationshipMode) {
  const lid = filmLid(film);
  const links = [
    { type: 'letterboxd', id: lid, url: `${siteUrl}/film/${film.slug}/` },
    { type: 'boxd', id: lid, url: `https://boxd.it/${lid}` },
  ];
  if (film.tmdb) {
    links.push({ type: 'tmdb', id: String(film.tmdb.id), url: `https://www.themoviedb.org/${film.tmdb.type}/${film.tmdb.id}/` });
  }
  if (film.imdbId) links.push({ type: 'imdb', id: film.imdbId, url: `https://www.imdb.com/title/${film.imdbId}/maindetails` });
  const own = member ? [{ member: memberSummary(member), relationship: relationship(film) }] : [];
  const other = { member: STRANGER, relationship: { ...relationship(film), liked: !film.liked, rating: 0.5 } };
  const relationships = mode === 'missing' ? [other] : mode === 'other-member-first' ? [other, ...own] : own;
  return {
    id: lid,
    name: film.title,
    ...(film.year === null ? {} : { releaseYear: film.year }),
    sortingName: film.title.replace(/^(The|A|An) /, ''),
    link: `${siteUrl}/film/${film.slug}/`,
    links,
    // The community's weighted average, never the member's rating.
    rating: communityRatingOf(film),
    directors: film.directors.map((name) => ({ id: shortIdOf(hash(`person:${name}`) % 1_000_000), name })),
    genres: [],
    adult: false,
    relationships,
  };
}

export function listSummary(owner: FakeMember, list: FakeMemberList) {
  return {
    id: listLid(owner, list),
    name: list.name,
    filmCount: list.films.length,
    published: list.private !== true,
    ranked: list.ranked,
    owner: memberSummary(owner),
    previewEntries: [],
    descriptionLbml: list.description ?? '',
  };
}

/** The description as the API's `description` field gives it: HTML paragraphs. */
export function descriptionHtml(text: string | null): string {
  if (text === null) return '';
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br />')}</p>`)
    .join('');
}
