/**
 * `FilmSummary` → {@link ApiFilm}: identity from the film's own fields, TMDb/IMDb ids from its `links`, and the
 * member's own rating and like from the relationship whose `member.id` is that member (never the community
 * average in `FilmSummary.rating`, never `relationships[0]` blindly).
 */
import type { TmdbRef } from '../types.js';
import type { ApiFilm } from './api-types.js';
import type { FilmSummary } from './api-schemas.js';

const FILM_LINK = /\/film\/([^/?#]+)\/?(?:[?#].*)?$/;

function tmdbOf(film: FilmSummary): TmdbRef | null {
  const link = film.links?.find((candidate) => candidate.type.toLowerCase() === 'tmdb');
  if (!link?.id || !/^\d+$/.test(link.id)) return null;
  // A TV title is a FilmSummary whose TMDb link points at /tv/<id>: route it to TMDb TV, never movie.
  return { id: Number(link.id), type: link.url && /\/tv\//.test(link.url) ? 'tv' : 'movie' };
}

function imdbOf(film: FilmSummary): string | null {
  const id = film.links?.find((candidate) => candidate.type.toLowerCase() === 'imdb')?.id;
  return id && /^tt\d+$/.test(id) ? id : null;
}

/** The member's relationship to the film, or `undefined` when the answer does not carry it. */
export function relationshipOf(film: FilmSummary, memberId: string) {
  return film.relationships?.find((entry) => entry.member.id === memberId)?.relationship;
}

/**
 * Converts one film. `relationship` is the member's (from {@link relationshipOf}) or `undefined` when the
 * caller accepts an unknown rating/like (`null`).
 */
export function toApiFilm(film: FilmSummary, relationship: ReturnType<typeof relationshipOf>): ApiFilm {
  const url = film.link ?? '';
  const slug = FILM_LINK.exec(url)?.[1];
  return {
    slug: slug ?? `lid:${film.id}`,
    title: film.name,
    year: film.releaseYear ?? null,
    url: url.endsWith('/') || url === '' ? url : `${url}/`,
    rating: relationship?.rating ?? null,
    liked: relationship ? (relationship.liked ?? false) : null,
    filmId: null,
    lid: film.id,
    tmdb: tmdbOf(film),
    imdbId: imdbOf(film),
  };
}
