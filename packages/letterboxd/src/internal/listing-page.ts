/**
 * Parses one page of a film grid (watched films, liked films, watchlist) in a single walk over the tree:
 * poster cards (outside `aside` sidebars), the `.paginate-nextprev a.next` link, and the total count markers.
 */
import { ParseError } from '../errors.js';
import type { Film } from '../types.js';
import { attr, hasClass, parseHtml, tag, text, walk } from './dom.js';
import { isCardRoot, readCard } from './poster-card.js';
import { describeIssue, filmSchema } from './schemas.js';

/** Which grid a page belongs to; decides what `liked` means and how totals are read. */
export type ListingKind = 'films' | 'likes' | 'watchlist';

/** One parsed page of a film grid. */
export interface ListingPage {
  films: Film[];
  /** True when the page links to a next page. */
  hasNext: boolean;
  /** Total number of films when the page states it (watchlist `data-num-entries`, heading tooltip), else `null`. */
  total: number | null;
}

export interface ListingContext {
  kind: ListingKind;
  url: string;
  baseUrl: string;
  username: string;
  page: number;
}

function toCount(value: string | null): number | null {
  if (!value) return null;
  const digits = /(\d[\d,.\u00a0 ]*)/.exec(value)?.[1];
  if (!digits) return null;
  const n = Number(digits.replace(/[^\d]/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

export function parseListingPage(html: string, ctx: ListingContext): ListingPage {
  const root = parseHtml(html);
  const cards: ReturnType<typeof parseHtml>[] = [];
  let hasNext = false;
  let total: number | null = null;

  walk(root, (el) => {
    const name = tag(el);
    if (name === 'aside' || name === 'script' || name === 'head') return false;
    if (isCardRoot(el)) {
      cards.push(el);
      return false;
    }
    if (name === 'a' && hasClass(el, 'next')) {
      const parent = el.parentNode;
      if (parent && hasClass(parent, 'paginate-nextprev') && attr(el, 'href')) hasNext = true;
      return false;
    }
    if (total === null) {
      const raw = el.rawAttrs;
      if (raw.includes('data-num-entries')) total = toCount(attr(el, 'data-num-entries'));
      else if (raw.includes('js-watchlist-count') && hasClass(el, 'js-watchlist-count')) total = toCount(text(el));
      else if (name === 'h1' && hasClass(el, 'section-heading')) {
        const tooltip = el.childNodes.find((n) => n.nodeType === 1 && (n as typeof el).rawAttrs.includes('title='));
        if (tooltip) total = toCount(attr(tooltip as typeof el, 'title'));
      }
    }
    return true;
  });

  const likedDefault = ctx.kind === 'likes' ? true : null;
  const films: Film[] = [];
  for (let i = 0; i < cards.length; i += 1) {
    const result = readCard(cards[i] as typeof root, ctx.baseUrl, likedDefault);
    if (!result.ok) throw pageError(ctx, `film ${i + 1} has no ${result.missing}`);
    const checked = filmSchema.safeParse(result.film);
    if (!checked.success) throw pageError(ctx, `film ${i + 1} is malformed (${describeIssue(checked.error)})`, checked.error);
    films.push(checked.data);
  }
  if (films.length === 0 && !(ctx.page === 1 && total === 0 && !hasNext)) {
    throw pageError(ctx, 'no film poster cards found (expected LazyPoster items in the grid)');
  }
  return { films, hasNext, total };
}

function pageError(ctx: ListingContext, detail: string, cause?: unknown): ParseError {
  return new ParseError({ url: ctx.url, username: ctx.username, page: ctx.kind, detail, cause });
}
