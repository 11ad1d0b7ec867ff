/**
 * Reads one poster card (the unit every film grid is made of) into a `Film`. Selector ladders, newest markup
 * first (see the package README "Markup" notes):
 * - root: `[data-component-class*="LazyPoster"]` (2025+), else the older `div.film-poster[data-film-slug]`;
 * - slug: `data-item-slug` → path of `data-item-link` → `posteredBaseLink` JSON → `data-film-slug` (old);
 * - name: `data-item-name` → `data-item-full-display-name` → `data-film-name` (+ `data-film-release-year`) →
 *   `img[alt]`; the year is split off the end only;
 * - film id: `uid` in `data-postered-identifier` JSON → `data-resolvable-poster-path` JSON → `data-item-uid` on
 *   the viewing data → `data-film-id`;
 * - rating: `rated-N` class in the sibling `p.poster-viewingdata` (÷ 2), or the item's `data-owner-rating`;
 * - liked: a `.like` / `.icon-liked` in the viewing data.
 */
import type { Film } from '../types.js';
import { type Element, attr, findFirst, hasClass, tag } from './dom.js';
import { splitTitleYear } from './film-name.js';
import { filmUrl } from './urls.js';

/**
 * A card read from the page, or the reason it could not be read. `rated` says whether the card carries the
 * member's viewing data at all (`p.poster-viewingdata` or `data-owner-rating`): without it, `rating: null` means
 * "unknown", not "unrated".
 */
export type CardResult = { ok: true; film: Film; rated: boolean } | { ok: false; missing: string };

const UID = /"uid"\s*:\s*"film:(\d+)"/;
const BASE_LINK = /"posteredBaseLink"\s*:\s*"\/film\/([^/"]+)\/?"/;
const FILM_PATH = /\/film\/([^/?#]+)\/?/;
const RATED = /\brated-(\d{1,2})\b/;

/** True for the root element of a poster card, new or old markup. */
export function isCardRoot(el: Element): boolean {
  const raw = el.rawAttrs;
  if (raw.includes('LazyPoster')) return (attr(el, 'data-component-class') ?? '').includes('LazyPoster');
  return raw.includes('data-film-slug') && hasClass(el, 'film-poster');
}

function slugOf(card: Element): string | null {
  const slug = attr(card, 'data-item-slug');
  if (slug) return slug;
  const link = attr(card, 'data-item-link');
  const fromLink = link ? FILM_PATH.exec(link)?.[1] : undefined;
  if (fromLink) return fromLink;
  const resolvable = attr(card, 'data-resolvable-poster-path');
  const fromJson = resolvable ? BASE_LINK.exec(resolvable)?.[1] : undefined;
  if (fromJson) return fromJson;
  const old = attr(card, 'data-film-slug') ?? attr(card, 'data-target-link');
  if (!old) return null;
  return FILM_PATH.exec(old)?.[1] ?? (old.includes('/') ? null : old);
}

function nameOf(card: Element): { title: string; year: number | null } | null {
  const name = attr(card, 'data-item-name') ?? attr(card, 'data-item-full-display-name');
  if (name) return splitTitleYear(name);
  const oldName = attr(card, 'data-film-name');
  const img = findFirst(card, (el) => tag(el) === 'img');
  const alt = img ? attr(img, 'alt') : null;
  const title = oldName ?? (alt ? alt.replace(/^Poster for /, '') : null);
  if (!title) return null;
  const split = splitTitleYear(title);
  const oldYear = attr(card, 'data-film-release-year');
  if (split.year === null && oldYear && /^\d{4}$/.test(oldYear)) return { title: split.title, year: Number(oldYear) };
  return split;
}

/** The `p.poster-viewingdata` next to the card inside its grid item, if any. */
function viewingDataOf(card: Element): Element | null {
  const item = card.parentNode as Element | null;
  if (!item) return null;
  const siblings = item.childNodes;
  for (let i = 0; i < siblings.length; i += 1) {
    const sibling = siblings[i] as Element;
    if (sibling.nodeType === 1 && tag(sibling) === 'p' && hasClass(sibling, 'poster-viewingdata')) return sibling;
  }
  return null;
}

function filmIdOf(card: Element, viewing: Element | null): string | null {
  for (const name of ['data-postered-identifier', 'data-resolvable-poster-path']) {
    const json = attr(card, name);
    const id = json ? UID.exec(json)?.[1] : undefined;
    if (id) return id;
  }
  const uid = viewing ? attr(viewing, 'data-item-uid') : null;
  const fromUid = uid ? /^film:(\d+)$/.exec(uid)?.[1] : undefined;
  if (fromUid) return fromUid;
  const legacy = attr(card, 'data-film-id');
  return legacy && /^\d+$/.test(legacy) ? legacy : null;
}

function ownerRatingOf(card: Element): string | null {
  const item = card.parentNode as Element | null;
  return item && item.nodeType === 1 ? attr(item, 'data-owner-rating') : null;
}

function ratingOf(viewing: Element | null, owner: string | null): number | null {
  if (viewing) {
    const rated = findFirst(viewing, (el) => RATED.test(el.rawAttrs) && hasClass(el, 'rating'));
    const match = rated ? RATED.exec(attr(rated, 'class') ?? '') : null;
    if (match) return Number(match[1]) / 2;
  }
  if (owner && /^\d{1,2}$/.test(owner) && owner !== '0') return Number(owner) / 2;
  return null;
}

function likedOf(viewing: Element | null): boolean | null {
  if (!viewing) return null;
  return findFirst(viewing, (el) => hasClass(el, 'like') || hasClass(el, 'icon-liked')) !== null;
}

/** Reads one card. `likedDefault` applies when the page itself implies the answer (the likes pages). */
export function readCard(card: Element, baseUrl: string, likedDefault: boolean | null): CardResult {
  const slug = slugOf(card);
  if (!slug) return { ok: false, missing: 'film slug (data-item-slug / data-item-link)' };
  const name = nameOf(card);
  if (!name || name.title === '') return { ok: false, missing: `title of "${slug}" (data-item-name)` };
  const viewing = viewingDataOf(card);
  const owner = ownerRatingOf(card);
  const liked = likedDefault ?? likedOf(viewing);
  return {
    ok: true,
    rated: viewing !== null || owner !== null,
    film: {
      slug,
      title: name.title,
      year: name.year,
      url: filmUrl(baseUrl, slug),
      rating: ratingOf(viewing, owner),
      liked,
      filmId: filmIdOf(card, viewing),
    },
  };
}
