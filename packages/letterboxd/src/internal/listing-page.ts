/**
 * Parses one page of a film grid (watched films, liked films, watchlist, a member's list) in a single walk over the tree:
 * poster cards (outside `aside` sidebars), the `.paginate-nextprev a.next` link, and the total count markers.
 */
import { LetterboxdParseError } from '../errors.js';
import type { Film } from '../types.js';
import { attr, decodeEntities, hasClass, parseHtml, tag, text, walk } from './dom.js';
import { type CardSource, isCardRoot, rankOf, readCard, treeCard } from './poster-card.js';
import { scanGrid } from './scan-grid.js';
import { describeIssue, filmSchema } from './schemas.js';

/** Which grid a page belongs to; decides what `liked` means and how totals are read. */
export type ListingKind = 'films' | 'likes' | 'watchlist' | 'list';

/** One parsed page of a film grid. */
export interface ListingPage {
  films: Film[];
  /** True when the page links to a next page. */
  hasNext: boolean;
  /** Total number of films when the page states it (watchlist `data-num-entries`, heading tooltip), else `null`. */
  total: number | null;
  /** On a list page: each film's number in a ranked list (`p.list-number`), `null` when unnumbered; else empty. */
  ranks: Array<number | null>;
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

/**
 * Where the film grid starts: the `<ul` that opens the list holding the first poster card (`anyOld`: the first
 * `data-film-slug`, old markup, or -1). Everything before
 * it (head, site header, sort menus — about half of a 190 KB page) holds no film, so it is not parsed into a
 * tree; the totals it may carry are read with {@link totalsFromMarkup}. Returns 0 when unsure.
 */
function gridStart(html: string, anyOld: number): number {
  const lazy = html.indexOf('LazyPoster');
  // Older markup is only looked for before the first new card (or everywhere when there is none). Forward
  // searches first: on a usual page there is no old markup and no sidebar before the grid, and `indexOf` is
  // much cheaper than `lastIndexOf` over the ~100 KB before it.
  const old = anyOld < 0 || lazy < 0 || anyOld > lazy ? (lazy < 0 ? anyOld : -1) : html.lastIndexOf('data-film-slug', lazy);
  const first = lazy < 0 ? old : old < 0 ? lazy : Math.min(lazy, old);
  if (first < 0) return 0;
  const ul = html.lastIndexOf('<ul', first);
  if (ul <= 0 || first - ul > 4000) return 0;
  // Starting inside a sidebar or before <body> would lose the context that excludes those posters.
  // Only an aside opening before the grid matters: search that part alone (a page usually has none at all).
  const anyAside = html.slice(0, ul).indexOf('<aside');
  if (anyAside >= 0 && html.lastIndexOf('<aside', ul) > html.lastIndexOf('</aside>', ul)) return 0;
  const body = html.indexOf('<body');
  return body >= 0 && body < ul ? ul : 0;
}

/** Totals stated before the grid: watchlist `data-num-entries` / `.js-watchlist-count`, heading tooltip. */
function totalsFromMarkup(prefix: string): number | null {
  // `includes` first: a regex that does not match still walks the whole ~100 KB prefix.
  const entries = prefix.includes('data-num-entries') ? /data-num-entries=["']?([\d,]+)/.exec(prefix) : null;
  if (entries) return toCount(entries[1] ?? null);
  const counter = prefix.includes('js-watchlist-count') ? /js-watchlist-count[^>]*>([^<]+)</.exec(prefix) : null;
  if (counter) return toCount(decodeEntities(counter[1] ?? ''));
  const heading = /<h1 class="section-heading">\s*<span class="tooltip"[^>]*\btitle="([^"]+)"/.exec(prefix);
  if (heading) return toCount(decodeEntities(heading[1] ?? ''));
  const list = /<meta name="description" content="A list of ([\d,]+) films?\b/.exec(prefix);
  return list ? toCount(list[1] ?? null) : null;
}

export function parseListingPage(html: string, ctx: ListingContext): ListingPage {
  // Searched once: a miss reads the whole page, and both the grid start and the scanner need it.
  const anyOld = html.indexOf('data-film-slug');
  const start = gridStart(html, anyOld);
  const fast = fastPath(html, start, ctx, anyOld >= 0);
  if (fast) return fast;
  let page = readTree(html.slice(start), ctx);
  // Sliced parse found nothing: read the whole document before concluding anything.
  if (start > 0 && page.films.length === 0) page = readTree(html, ctx);
  // A page with no film may still state its total (an empty watchlist or list) in markup the walk skips.
  const prefix = page.films.length === 0 ? html : html.slice(0, start);
  return checked({ ...page, total: page.total ?? totalsFromMarkup(prefix) }, ctx);
}

/**
 * The grid read by the string scanner (`scan-grid.ts`), when it knows the markup and every card reads cleanly;
 * otherwise `null`, and the tree path decides (and words any error).
 */
function fastPath(html: string, start: number, ctx: ListingContext, mayHaveOld: boolean): ListingPage | null {
  if (start === 0) return null;
  const scan = scanGrid(html, start, mayHaveOld);
  if (!scan || scan.cards.length === 0) return null;
  const read = readCards(scan.cards, ctx);
  if (!read.ok) return null;
  return { films: read.films, ranks: read.ranks, hasNext: scan.hasNext, total: totalsFromMarkup(html.slice(0, scan.firstCard)) };
}

type ReadCards = { ok: true; films: Film[]; ranks: Array<number | null> } | { ok: false; detail: string; cause?: unknown };

/** Reads and validates every card; the first failure names the card. */
function readCards(cards: CardSource[], ctx: ListingContext): ReadCards {
  const likedDefault = ctx.kind === 'likes' ? true : null;
  const films: Film[] = [];
  const ranks: Array<number | null> = [];
  let rated = 0;
  for (let i = 0; i < cards.length; i += 1) {
    const card = cards[i] as CardSource;
    const result = readCard(card, ctx.baseUrl, likedDefault);
    if (!result.ok) return { ok: false, detail: `film ${i + 1} has no ${result.missing}` };
    if (result.rated) rated += 1;
    const checked = filmSchema.safeParse(result.film);
    if (!checked.success) return { ok: false, detail: `film ${i + 1} is malformed (${describeIssue(checked.error)})`, cause: checked.error };
    films.push(checked.data);
    if (ctx.kind === 'list') ranks.push(rankOf(card));
  }
  // Films and likes grids show the member's rating and like under every poster: when none has it, the markup
  // moved and every film would pass for unrated (getTopRated would end at once with []).
  if ((ctx.kind === 'films' || ctx.kind === 'likes') && films.length > 0 && rated === 0) {
    return { ok: false, detail: 'no film has its rating/like data (p.poster-viewingdata next to the poster)' };
  }
  return { ok: true, films, ranks };
}

function readTree(html: string, ctx: ListingContext): ListingPage {
  const root = parseHtml(html);
  const cards: CardSource[] = [];
  let hasNext = false;
  let total: number | null = null;

  walk(root, (el) => {
    const name = tag(el);
    if (name === 'aside' || name === 'script' || name === 'head') return false;
    if (isCardRoot(el)) {
      cards.push(treeCard(el));
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

  const read = readCards(cards, ctx);
  if (!read.ok) throw pageError(ctx, read.detail, read.cause);
  return { films: read.films, ranks: read.ranks, hasNext, total };
}

/** A page that parses to no film is a `LetterboxdParseError`, unless it is page 1 and states a total of 0. */
function checked(page: ListingPage, ctx: ListingContext): ListingPage {
  if (page.films.length === 0 && !(ctx.page === 1 && page.total === 0 && !page.hasNext)) {
    throw pageError(ctx, 'no film poster cards found (expected LazyPoster items in the grid)');
  }
  return page;
}

function pageError(ctx: ListingContext, detail: string, cause?: unknown): LetterboxdParseError {
  return new LetterboxdParseError({ url: ctx.url, username: ctx.username, page: ctx.kind, detail, cause });
}
