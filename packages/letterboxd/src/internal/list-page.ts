/**
 * Parses one page of a member's list `/{owner}/list/{slug}/`: the entries come from the shared grid parser
 * (`listing-page.ts`, kind `list`: 100 `li.posteritem` a page, `p.list-number` on ranked lists, the owner's
 * rating in `data-owner-rating`), the list's details from the part of the page before the grid:
 * - owner: `body[data-owner]` → the username asked for;
 * - name: `.list-title-intro h1` → `h1.title-1` in the main column → `og:title`;
 * - description: the first `.body-text` of the main column (outside sidebars), paragraphs kept apart → `null`;
 * - total: `meta[name=description]` "A list of N films…".
 */
import { LetterboxdParseError } from '../errors.js';
import type { ListEntry, ListInfo } from '../types.js';
import { type Element, attr, decodeEntities, findAll, hasClass, parseHtml, tag, text, walk } from './dom.js';
import { type ListingContext, parseListingPage } from './listing-page.js';

/** One parsed list page. */
export interface ParsedListPage {
  films: ListEntry[];
  hasNext: boolean;
  list: Omit<ListInfo, 'url' | 'slug'>;
}

/** The markup before the first poster: head, header and the list's introduction (the whole page when empty). */
function introOf(html: string): string {
  const first = html.indexOf('LazyPoster');
  if (first < 0) return html;
  const ul = html.lastIndexOf('<ul', first);
  return html.slice(0, ul > 0 ? ul : first);
}

export function paragraphs(el: Element): string | null {
  const parts = findAll(el, (child) => tag(child) === 'p').map(text).filter((part) => part !== '');
  const joined = parts.length > 0 ? parts.join('\n\n') : text(el);
  return joined === '' ? null : joined;
}

function readIntro(html: string): { owner: string | null; name: string | null; description: string | null } {
  const root = parseHtml(introOf(html));
  // node-html-parser drops an unclosed <body>, so its attributes are read from the markup.
  const ownerAttr = /<body\b[^>]*\sdata-owner="([^"]+)"/.exec(html)?.[1];
  const owner = ownerAttr ? decodeEntities(ownerAttr).trim() || null : null;
  let ogTitle: string | null = null;
  let name: string | null = null;
  let description: string | null = null;
  walk(root, (el) => {
    const kind = tag(el);
    if (kind === 'aside' || kind === 'script' || (kind === 'header' && hasClass(el, 'site-header'))) return false;
    if (kind === 'meta') {
      if (attr(el, 'property') === 'og:title') ogTitle = attr(el, 'content');
      return false;
    }
    if (name === null && kind === 'h1' && (hasClass(el, 'title-1') || hasClass(el.parentNode, 'list-title-intro'))) {
      name = text(el) || null;
      return false;
    }
    if (description === null && hasClass(el, 'body-text')) {
      description = paragraphs(el);
      return false;
    }
    return true;
  });
  const fallback = ogTitle === null ? null : (ogTitle as string).replace(/[\u200e\u200f]/g, '').trim() || null;
  return { owner, name: name ?? fallback, description };
}

/** Parses a list page; a list without a name or a page of entries without films is a `LetterboxdParseError`. */
export function parseListPage(html: string, ctx: Omit<ListingContext, 'kind'>): ParsedListPage {
  const listing = parseListingPage(html, { ...ctx, kind: 'list' });
  const intro = readIntro(html);
  if (!intro.name) {
    throw new LetterboxdParseError({
      url: ctx.url,
      username: ctx.username,
      page: 'list',
      detail: 'no list name (.list-title-intro h1 / h1.title-1 / og:title)',
    });
  }
  const films: ListEntry[] = listing.films.map((film, i) => ({ ...film, liked: null, rank: listing.ranks[i] ?? null }));
  return {
    films,
    hasNext: listing.hasNext,
    list: {
      owner: intro.owner ?? ctx.username,
      name: intro.name,
      description: intro.description,
      ranked: films.some((film) => film.rank !== null),
      total: listing.total,
    },
  };
}
