/**
 * The fast path of the grid parser: finds the `LazyPoster` cards of a film grid in the raw markup with a small
 * hand-written tag reader (jumping from card to card with `indexOf`), without building a tree (building node-html-parser's tree was ~80 % of a films page's parse
 * time). Each card is handed to the same selector ladder as the tree path (`poster-card.ts`) as a
 * {@link CardSource} over the markup of its grid item.
 *
 * It answers `null` whenever the page is not in the shape it knows — old `div.film-poster[data-film-slug]` cards,
 * a card that is not the first child of its grid item — and the caller then parses the tree, so every fallback
 * of the ladder still applies.
 */
import { decodeEntities } from './dom.js';
import type { CardSource, ViewingData } from './poster-card.js';

const RATED = /\brated-(\d{1,2})\b/;
const WHITESPACE = /\s/;
/** Elements without content: the tag after one of them is its sibling, not its child. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Whitespace between attributes: space, tab, line feed, form feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 12 || code === 13;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * Steps over the attributes of a start tag from `i` (just after its name), pushing `nameStart, nameEnd,
 * valueStart, valueEnd` of each onto `spans` (`valueStart` -1 when it has no value). Quoted values are skipped
 * with `indexOf`, so a `>` or a name inside one never counts. Returns where the attributes end (at `>` or `/>`),
 * or -1 when the tag never closes. Nothing is sliced here: values are read only when asked for ({@link rawAttr}).
 */
function walkAttributes(html: string, i: number, spans: number[]): number {
  const end = html.length;
  for (;;) {
    let code = html.charCodeAt(i);
    while (code === 32 || code === 10 || code === 9 || code === 13 || code === 12) code = html.charCodeAt(++i);
    if (i >= end) return -1;
    if (code === 62 /* > */) return i;
    if (code === 47 /* / */) {
      if (html.charCodeAt(i + 1) === 62) return i;
      i += 1;
      continue;
    }
    const nameStart = i;
    while (i < end) {
      const c = html.charCodeAt(i);
      if (c === 61 /* = */ || c === 62 || c === 47 || c === 32 || c === 10 || c === 9 || c === 13 || c === 12) break;
      i += 1;
    }
    const nameEnd = i;
    while (i < end && isSpace(html.charCodeAt(i))) i += 1;
    let valueStart = -1;
    let valueEnd = -1;
    if (html.charCodeAt(i) === 61) {
      i += 1;
      while (i < end && isSpace(html.charCodeAt(i))) i += 1;
      const quote = html.charCodeAt(i);
      if (quote === 34 || quote === 39) {
        const close = html.indexOf(quote === 34 ? '"' : "'", i + 1);
        if (close < 0) return -1;
        valueStart = i + 1;
        valueEnd = close;
        i = close + 1;
      } else {
        valueStart = i;
        while (i < end && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 62) i += 1;
        valueEnd = i;
      }
    }
    spans.push(nameStart, nameEnd, valueStart, valueEnd);
  }
}

/** A tag starting at `at`: name (lower case), whether it closes, where its attributes lie, where it ends. */
interface Tag {
  name: string;
  closing: boolean;
  /** Start of the attribute markup (just after the name). */
  attrs: number;
  /** Index of the tag's `<`. */
  at: number;
  /** Index just after the tag's `>`. */
  end: number;
  selfClosing: boolean;
  /** `nameStart, nameEnd, valueStart, valueEnd` of each attribute, in order (see {@link walkAttributes}). */
  spans: number[];
}

/** Reads the tag at `at` (a `<`); `null` for a comment, a doctype, text, or a tag that never closes. */
function tagAt(html: string, at: number): Tag | null {
  if (at < 0 || html.charCodeAt(at) !== 60) return null;
  const closing = html.charCodeAt(at + 1) === 47;
  let i = at + (closing ? 2 : 1);
  if (!isLetter(html.charCodeAt(i))) return null;
  const nameStart = i;
  let upper = false;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 62 || c === 47) break;
    if (c >= 65 && c <= 90) upper = true;
    i += 1;
  }
  const name = upper ? html.slice(nameStart, i).toLowerCase() : html.slice(nameStart, i);
  const spans: number[] = [];
  const stop = walkAttributes(html, i, spans);
  if (stop < 0) return null;
  const selfClosing = html.charCodeAt(stop) === 47;
  return { name, closing, attrs: i, at, end: stop + (selfClosing ? 2 : 1), selfClosing, spans };
}

/** The raw value of attribute `name` of `tag` (names as written, like node-html-parser's raw map; the first of a repeated name wins); `undefined` when absent. */
function rawAttr(html: string, tag: Tag, name: string): string | undefined {
  const { spans } = tag;
  for (let k = 0; k < spans.length; k += 4) {
    const nameStart = spans[k] as number;
    if ((spans[k + 1] as number) - nameStart === name.length && html.startsWith(name, nameStart)) {
      const valueStart = spans[k + 2] as number;
      return valueStart < 0 ? '' : html.slice(valueStart, spans[k + 3]);
    }
  }
  return undefined;
}

function decoded(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const trimmed = decodeEntities(raw).trim();
  return trimmed === '' ? null : trimmed;
}

/** Whether the tag's `class` holds the class `name`. */
function hasClassToken(html: string, tag: Tag, name: string): boolean {
  const classes = rawAttr(html, tag, 'class');
  if (classes === undefined) return false;
  // `name` as a whole whitespace-separated token (what splitting the value on /\s+/ would find).
  for (let i = classes.indexOf(name); i >= 0; i = classes.indexOf(name, i + 1)) {
    const after = i + name.length;
    if ((i === 0 || WHITESPACE.test(classes.charAt(i - 1))) && (after === classes.length || WHITESPACE.test(classes.charAt(after)))) return true;
  }
  return false;
}

/** The tags in `[from, to)`, in order (comments skipped). */
function tagsIn(html: string, from: number, to: number): Tag[] {
  const tags: Tag[] = [];
  for (let at = html.indexOf('<', from); at >= 0 && at < to; at = html.indexOf('<', at + 1)) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      if (close < 0) break;
      at = close + 2;
      continue;
    }
    const tag = tagAt(html, at);
    if (!tag) continue;
    tags.push(tag);
    at = tag.end - 1;
  }
  return tags;
}

/** A `p` next to the card: the tag, where its content lies, and the tags inside it. */
interface Paragraph {
  tag: Tag;
  from: number;
  to: number;
  /** The tags between the `p`'s start and end tags, in order (what `tagsIn(html, from, to)` gives). */
  inner: Tag[];
}

/** What a grid item holds around its card: the card's first `img`, and the `p`s next to the card. */
interface ItemParts {
  img: Tag | null;
  /** Direct siblings of the card that are `p` elements. */
  paragraphs: Paragraph[];
}

/**
 * Splits a grid item (from the end of the card's start tag to the item's end) into the card's first image and
 * the paragraphs next to the card — only direct siblings count, as in the tree path.
 */
function itemParts(html: string, from: number, to: number): ItemParts {
  const parts: ItemParts = { img: null, paragraphs: [] };
  let depth = 1;
  let open: { tag: Tag; from: number; index: number } | null = null;
  const tags = tagsIn(html, from, to);
  for (let index = 0; index < tags.length; index += 1) {
    const tag = tags[index] as Tag;
    if (tag.closing) {
      depth -= 1;
      if (open && depth === 0 && tag.name === 'p') {
        parts.paragraphs.push({ tag: open.tag, from: open.from, to: tag.at, inner: tags.slice(open.index + 1, index) });
        open = null;
      }
      continue;
    }
    if (tag.name === 'img' && depth >= 1 && parts.img === null) parts.img = tag;
    if (VOID.has(tag.name) || tag.selfClosing) continue;
    if (depth === 0 && tag.name === 'p') open = { tag, from: tag.end, index };
    depth += 1;
  }
  return parts;
}

function paragraph(html: string, parts: ItemParts, name: string): Paragraph | null {
  return parts.paragraphs.find((p) => hasClassToken(html, p.tag, name)) ?? null;
}

function viewingOf(html: string, parts: ItemParts): ViewingData | null {
  const p = paragraph(html, parts, 'poster-viewingdata');
  if (!p) return null;
  let rated: number | null = null;
  let liked = false;
  for (const tag of p.inner) {
    if (tag.closing) continue;
    if (rated === null && hasClassToken(html, tag, 'rating')) {
      const match = RATED.exec(rawAttr(html, tag, 'class') ?? '');
      if (match) rated = Number(match[1]);
    }
    if (!liked && (hasClassToken(html, tag, 'like') || hasClassToken(html, tag, 'icon-liked'))) liked = true;
  }
  return { uid: decoded(rawAttr(html, p.tag, 'data-item-uid')), rated, liked };
}

/** A card found by the scan, read on demand (one object per card, no closures). */
class ScannedCard implements CardSource {
  #parts: ItemParts | null = null;

  constructor(
    private readonly html: string,
    private readonly card: Tag,
    private readonly item: Tag,
    private readonly itemEnd: number,
  ) {}

  #partsOf(): ItemParts {
    return (this.#parts ??= itemParts(this.html, this.card.end, this.itemEnd));
  }

  attr(name: string): string | null {
    return decoded(rawAttr(this.html, this.card, name));
  }

  itemAttr(name: string): string | null {
    return decoded(rawAttr(this.html, this.item, name));
  }

  imgAlt(): string | null {
    const img = this.#partsOf().img;
    return img === null ? null : decoded(rawAttr(this.html, img, 'alt'));
  }

  viewing(): ViewingData | null {
    return viewingOf(this.html, this.#partsOf());
  }

  listNumber(): string | null {
    const p = paragraph(this.html, this.#partsOf(), 'list-number');
    return p ? decodeEntities(this.html.slice(p.from, p.to).replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() : null;
  }
}

/** What the scan found: the cards in page order, whether a next page is linked, and where the first card starts. */
export interface ScannedGrid {
  cards: CardSource[];
  hasNext: boolean;
  firstCard: number;
}

/**
 * `[open, close)` ranges of every `<aside …>…</aside>` and `<script …>…</script>` that opens inside `region` (the
 * markup from `offset` up to the last card; not nested: sidebars, scripts), as indexes into the page. One pass over
 * the tags (each name on its own: a range resumes the search for its own name after its end).
 */
function ranges(html: string, region: string, offset: number): { asides: Array<[number, number]>; scripts: Array<[number, number]> } {
  const asides: Array<[number, number]> = [];
  const scripts: Array<[number, number]> = [];
  let asideFrom = 0;
  let scriptFrom = 0;
  for (let open = region.indexOf('<'); open >= 0; open = region.indexOf('<', open + 1)) {
    const next = region.charCodeAt(open + 1);
    const name = next === 97 /* a */ ? 'aside' : next === 115 /* s */ ? 'script' : null;
    if (name === null || open < (name === 'aside' ? asideFrom : scriptFrom) || !region.startsWith(name, open + 1)) continue;
    const close = html.indexOf(`</${name}`, offset + open);
    (name === 'aside' ? asides : scripts).push([offset + open, close < 0 ? html.length : close]);
    const resume = close < 0 ? Number.POSITIVE_INFINITY : close - offset;
    if (name === 'aside') asideFrom = resume;
    else scriptFrom = resume;
    if (asideFrom === Number.POSITIVE_INFINITY && scriptFrom === Number.POSITIVE_INFINITY) break;
  }
  return { asides, scripts };
}

const inside = (spans: Array<[number, number]>, at: number) => spans.some(([open, close]) => at > open && at < close);

/**
 * Whether a `div.paginate-nextprev` from `start` on holds an `a.next[href]` as its first child; `null` when such
 * a block holds something else first (unknown markup: the tree decides).
 */
function nextLink(html: string, start: number): boolean | null {
  let hasNext = false;
  for (let at = html.indexOf('paginate-nextprev', start); at >= 0; at = html.indexOf('paginate-nextprev', at + 1)) {
    const div = tagAt(html, html.lastIndexOf('<', at));
    if (!div || div.closing || div.end <= at || div.name !== 'div' || !hasClassToken(html, div, 'paginate-nextprev')) continue;
    const childAt = html.indexOf('<', div.end);
    const child = childAt >= 0 && html.slice(div.end, childAt).trim() === '' ? tagAt(html, childAt) : null;
    if (!child || child.closing || (child.name !== 'a' && child.name !== 'span')) return null;
    if (child.name === 'a' && hasClassToken(html, child, 'next') && decoded(rawAttr(html, child, 'href'))) hasNext = true;
  }
  return hasNext;
}

/**
 * Scans `html` from `start` (the grid; see `gridStart`) to the end, jumping from card to card: cards outside
 * `aside` sidebars and scripts, each with its grid item (the tag just before the card must open it), and the
 * `.paginate-nextprev a.next[href]` link. `null` when the markup is not the shape it knows. `mayHaveOld: false`
 * says the caller found no `data-film-slug` (old cards) anywhere in the page, which saves searching again.
 */
export function scanGrid(html: string, start: number, mayHaveOld = true): ScannedGrid | null {
  if (mayHaveOld && html.indexOf('data-film-slug', start) >= 0) return null;
  // Only what opens before the last card can hold a card.
  const region = html.slice(start, Math.max(start, html.lastIndexOf('LazyPoster')));
  const { asides, scripts } = ranges(html, region, start);
  const cards: CardSource[] = [];
  let firstCard = -1;
  for (let at = html.indexOf('LazyPoster', start); at >= 0; at = html.indexOf('LazyPoster', at + 1)) {
    if (inside(scripts, at)) continue;
    const open = html.lastIndexOf('<', at);
    const card = open >= start ? tagAt(html, open) : null;
    if (!card || card.closing || card.end <= at) return null;
    if (!(rawAttr(html, card, 'data-component-class') ?? '').includes('LazyPoster')) continue;
    at = card.end;
    if (inside(asides, open)) continue;
    const parentAt = html.lastIndexOf('<', open - 1);
    const parent = parentAt >= start ? tagAt(html, parentAt) : null;
    if (!parent || parent.closing || parent.selfClosing || VOID.has(parent.name) || html.slice(parent.end, open).trim() !== '') return null;
    const close = html.indexOf(`</${parent.name}`, card.end);
    if (firstCard < 0) firstCard = open;
    cards.push(new ScannedCard(html, card, parent, close < 0 ? html.length : close));
  }
  const hasNext = nextLink(html, start);
  return hasNext === null ? null : { cards, hasNext, firstCard };
}
