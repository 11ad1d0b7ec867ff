/**
 * Thin, fast helpers over node-html-parser. Pages are parsed once; lookups walk the tree directly instead of
 * running CSS selectors over the whole document (css-select costs several ms on a 190 KB page).
 */
import { type HTMLElement, NodeType, TextNode, parse } from 'node-html-parser';

export type Element = HTMLElement;

/** Parses a page. `scripts: false` drops script/style bodies (faster) when the caller needs no JSON-LD. */
export function parseHtml(html: string, scripts = false): HTMLElement {
  return parse(html, {
    comment: false,
    blockTextElements: scripts ? { script: true, style: false, noscript: false, pre: true } : { pre: true },
  });
}

/** Visitor result: `false` skips the element's children. */
export type Visit = (el: HTMLElement) => boolean | void;

/** Depth-first walk over element nodes below `root`. */
export function walk(root: HTMLElement, visit: Visit): void {
  const kids = root.childNodes;
  for (let i = 0; i < kids.length; i += 1) {
    const kid = kids[i] as HTMLElement;
    if (kid.nodeType !== NodeType.ELEMENT_NODE) continue;
    if (visit(kid) === false) continue;
    walk(kid, visit);
  }
}

/** First element below `root` for which `test` holds (depth-first), or `null`. */
export function findFirst(root: HTMLElement, test: (el: HTMLElement) => boolean): HTMLElement | null {
  let found: HTMLElement | null = null;
  const search = (node: HTMLElement): boolean => {
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i += 1) {
      const kid = kids[i] as HTMLElement;
      if (kid.nodeType !== NodeType.ELEMENT_NODE) continue;
      if (test(kid)) {
        found = kid;
        return true;
      }
      if (search(kid)) return true;
    }
    return false;
  };
  search(root);
  return found;
}

/** Every element below `root` for which `test` holds (matches are not searched further). */
export function findAll(root: HTMLElement, test: (el: HTMLElement) => boolean): HTMLElement[] {
  const out: HTMLElement[] = [];
  walk(root, (el) => {
    if (!test(el)) return true;
    out.push(el);
    return false;
  });
  return out;
}

/** True when the element's `class` attribute contains the class `name`. */
export function hasClass(el: HTMLElement, name: string): boolean {
  const raw = el.rawAttrs;
  if (!raw.includes(name)) return false;
  const classes = el.rawAttributes['class'];
  if (!classes) return false;
  return ` ${classes.replace(/\s+/g, ' ')} `.includes(` ${name} `);
}

/** Tag name in lower case (`div`, `a`, …). */
export function tag(el: HTMLElement): string {
  return el.rawTagName?.toLowerCase() ?? '';
}

const COMMON: Array<[string, string]> = [
  ['&quot;', '"'],
  ['&#039;', "'"],
  ['&#39;', "'"],
  ['&apos;', "'"],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&nbsp;', '\u00a0'],
];

/**
 * Decodes HTML entities (`&#039;`, `&quot;`, `&eacute;`, …); strings without `&` are returned as they are. The
 * entities of JSON attributes and titles (`&quot;`, `&#039;`, …) are replaced directly; a string with any other
 * (or with `&amp;`, which could spell one) goes through the full decoder.
 */
export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  let quick = value;
  for (const [entity, char] of COMMON) if (quick.includes(entity)) quick = quick.replaceAll(entity, char);
  return quick.includes('&') ? new TextNode(value).text : quick;
}

/**
 * Decoded attribute value with surrounding whitespace removed; `null` when absent or empty. Reads the raw
 * attribute map and decodes only the value asked for (node-html-parser's `getAttribute` decodes every
 * attribute of the element, which dominates the cost of a grid page).
 */
export function attr(el: HTMLElement, name: string): string | null {
  const raw = el.rawAttributes[name];
  if (raw === undefined || raw === null) return null;
  const trimmed = decodeEntities(raw).trim();
  return trimmed === '' ? null : trimmed;
}

/** Decoded text content with whitespace collapsed. */
export function text(el: HTMLElement): string {
  return el.text.replace(/\s+/g, ' ').trim();
}
