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
 * - liked: a `.like` / `.icon-liked` in the viewing data;
 * - rank (lists): the text of `p.list-number` in the grid item.
 *
 * The ladder reads a {@link CardSource}: a card of the parsed tree ({@link treeCard}), or one found by the
 * string scanner of `scan-grid.ts` (the fast path for the grids' usual markup).
 */
import type { Film } from '../types.js';
import { type Element, attr, findFirst, hasClass, tag, text } from './dom.js';
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

/** What the ladder reads of one card, whichever way the page was parsed. Values are decoded and trimmed. */
export interface CardSource {
  /** An attribute of the card's root element, or `null` when absent or empty. */
  attr(name: string): string | null;
  /** An attribute of the grid item holding the card (its parent `li`), or `null`. */
  itemAttr(name: string): string | null;
  /** `alt` of the first `img` inside the card, or `null`. */
  imgAlt(): string | null;
  /** The `p.poster-viewingdata` next to the card in its grid item, or `null` when there is none. */
  viewing(): ViewingData | null;
  /** Text of the `p.list-number` in the card's grid item (ranked lists), or `null`. */
  listNumber(): string | null;
}

/** The member's viewing data under a poster. */
export interface ViewingData {
  /** `data-item-uid` (`film:123`), or `null`. */
  uid: string | null;
  /** Half-stars from the `rated-N` class of the `.rating` inside, or `null` when unrated. */
  rated: number | null;
  /** A `.like` / `.icon-liked` inside. */
  liked: boolean;
}

/** True for the root element of a poster card, new or old markup. */
export function isCardRoot(el: Element): boolean {
  const raw = el.rawAttrs;
  if (raw.includes('LazyPoster')) return (attr(el, 'data-component-class') ?? '').includes('LazyPoster');
  return raw.includes('data-film-slug') && hasClass(el, 'film-poster');
}

/** Sibling elements of the card inside its grid item. */
function siblings(card: Element): Element[] {
  const item = card.parentNode as Element | null;
  if (!item) return [];
  return item.childNodes.filter((node) => node.nodeType === 1) as Element[];
}

/** A card of the parsed tree as a {@link CardSource}. */
export function treeCard(card: Element): CardSource {
  return {
    attr: (name) => attr(card, name),
    itemAttr(name) {
      const item = card.parentNode as Element | null;
      return item && item.nodeType === 1 ? attr(item, name) : null;
    },
    imgAlt() {
      const img = findFirst(card, (el) => tag(el) === 'img');
      return img ? attr(img, 'alt') : null;
    },
    viewing() {
      const p = siblings(card).find((el) => tag(el) === 'p' && hasClass(el, 'poster-viewingdata'));
      if (!p) return null;
      const rated = findFirst(p, (el) => RATED.test(el.rawAttrs) && hasClass(el, 'rating'));
      const match = rated ? RATED.exec(attr(rated, 'class') ?? '') : null;
      return {
        uid: attr(p, 'data-item-uid'),
        rated: match ? Number(match[1]) : null,
        liked: findFirst(p, (el) => hasClass(el, 'like') || hasClass(el, 'icon-liked')) !== null,
      };
    },
    listNumber() {
      const p = siblings(card).find((el) => tag(el) === 'p' && hasClass(el, 'list-number'));
      return p ? text(p) : null;
    },
  };
}

function slugOf(card: CardSource): string | null {
  const slug = card.attr('data-item-slug');
  if (slug) return slug;
  const link = card.attr('data-item-link');
  const fromLink = link ? FILM_PATH.exec(link)?.[1] : undefined;
  if (fromLink) return fromLink;
  const resolvable = card.attr('data-resolvable-poster-path');
  const fromJson = resolvable ? BASE_LINK.exec(resolvable)?.[1] : undefined;
  if (fromJson) return fromJson;
  const old = card.attr('data-film-slug') ?? card.attr('data-target-link');
  if (!old) return null;
  return FILM_PATH.exec(old)?.[1] ?? (old.includes('/') ? null : old);
}

function nameOf(card: CardSource): { title: string; year: number | null } | null {
  const name = card.attr('data-item-name') ?? card.attr('data-item-full-display-name');
  if (name) return splitTitleYear(name);
  const oldName = card.attr('data-film-name');
  const alt = card.imgAlt();
  const title = oldName ?? (alt ? alt.replace(/^Poster for /, '') : null);
  if (!title) return null;
  const split = splitTitleYear(title);
  const oldYear = card.attr('data-film-release-year');
  if (split.year === null && oldYear && /^\d{4}$/.test(oldYear)) return { title: split.title, year: Number(oldYear) };
  return split;
}

function filmIdOf(card: CardSource, viewing: ViewingData | null): string | null {
  for (const name of ['data-postered-identifier', 'data-resolvable-poster-path']) {
    const json = card.attr(name);
    const id = json ? UID.exec(json)?.[1] : undefined;
    if (id) return id;
  }
  const fromUid = viewing?.uid ? /^film:(\d+)$/.exec(viewing.uid)?.[1] : undefined;
  if (fromUid) return fromUid;
  const legacy = card.attr('data-film-id');
  return legacy && /^\d+$/.test(legacy) ? legacy : null;
}

function ratingOf(viewing: ViewingData | null, owner: string | null): number | null {
  if (viewing?.rated != null) return viewing.rated / 2;
  if (owner && /^\d{1,2}$/.test(owner) && owner !== '0') return Number(owner) / 2;
  return null;
}

/** The number of a ranked list's entry, or `null` when the item has none. */
export function rankOf(card: CardSource): number | null {
  const number = card.listNumber();
  if (number === null) return null;
  const n = Number(number.replace(/[^\d]/g, ''));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Reads one card. `likedDefault` applies when the page itself implies the answer (the likes pages). */
export function readCard(card: CardSource, baseUrl: string, likedDefault: boolean | null): CardResult {
  const slug = slugOf(card);
  if (!slug) return { ok: false, missing: 'film slug (data-item-slug / data-item-link)' };
  const name = nameOf(card);
  if (!name || name.title === '') return { ok: false, missing: `title of "${slug}" (data-item-name)` };
  const viewing = card.viewing();
  const owner = card.itemAttr('data-owner-rating');
  const liked = likedDefault ?? (viewing ? viewing.liked : null);
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
