import { displayName, filmIdOf, shortIdOf, starText } from './film-identity.js';
import { escapeHtml, jsonAttribute } from './html-escape.js';
import type { FakeFilm } from './types.js';

/** Poster sizes: films/likes 70×105, watchlist 125×187, favourites 150×225, film page 230×345. */
export type PosterSize = 70 | 125 | 150 | 230;

const HEIGHTS: Record<PosterSize, number> = { 70: 105, 125: 187, 150: 225, 230: 345 };

/**
 * The `LazyPoster` React island in its 2026 server shape: no `data-film-id`, the numeric id only in the
 * single-quoted, entity-encoded JSON of `data-postered-identifier`.
 */
export function lazyPoster(film: FakeFilm, size: PosterSize): string {
  const id = filmIdOf(film);
  const identifier = { lid: shortIdOf(id), uid: `film:${id}`, type: 'film', typeName: 'film' };
  const link = `/film/${film.slug}/`;
  const name = escapeHtml(displayName(film));
  const height = HEIGHTS[size];
  const placeholder = `https://s.ltrbxd.com/static/img/empty-poster-${size}-fake.png`;
  const resolvable = {
    postered: identifier,
    posteredBaseLink: link,
    isAdultThemed: false,
    hasDefaultPoster: true,
    cacheBustingKey: id.toString(16).padStart(8, '0'),
  };
  return `<div class="react-component" data-component-class="LazyPoster" data-request-poster-metadata="true" data-likeable="true" data-watchable="true" data-rateable="true" data-image-width="${size}" data-image-height="${height}" data-item-name="${name}" data-item-slug="${film.slug}" data-item-link="${link}" data-item-full-display-name="${name}" data-postered-identifier=${jsonAttribute(identifier)} data-poster-url="/film/${film.slug}/image-150/" data-resolvable-poster-path=${jsonAttribute(resolvable)} data-empty-poster-src="${placeholder}" data-is-linked="true" data-target-link="${link}" data-details-endpoint="/film/${film.slug}/json/" data-show-menu="true" > <div class="poster film-poster"> <img src="${placeholder}" class="image" width="${size}" height="${height}" alt="${escapeHtml(film.title)}"/> <span class="frame"><span class="frame-title"></span></span> </div> </div>`;
}

/** The member's rating and like under a poster (films and likes pages). Unrated and unliked: an empty `p`. */
export function viewingData(film: FakeFilm): string {
  const rating =
    film.rating === null
      ? ''
      : ` <span class="rating -micro -darker rated-${Math.round(film.rating * 2)}">${starText(film.rating)}</span>`;
  const like = film.liked
    ? ' <span class="like liked-micro has-icon icon-liked icon-16"><span class="icon"></span></span>'
    : '';
  return `<p class="poster-viewingdata" data-item-uid="film:${filmIdOf(film)}">${rating}${like} </p>`;
}
