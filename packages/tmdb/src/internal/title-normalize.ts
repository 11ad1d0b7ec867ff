const LEADING_ARTICLES =
  /^(?:the|a|an|le|la|les|l|un|une|des|der|die|das|den|dem|ein|eine|el|los|las|il|lo|gli|i|o|os|as|de|het|en|et)\s+/;

/** Case-, diacritics- and punctuation-insensitive form: "Amélie!" → "amelie", "Thing, The" → "thing the". */
export function foldTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * `foldTitle` without a leading article, also when the article was moved to the end ("Thing, The").
 * "The Matrix", "Matrix" and "Matrix, The" all give "matrix".
 */
export function looseTitle(title: string): string {
  const withoutArticle = title
    .replace(/,\s*(the|a|an|le|la|les|l'|el|los|las|il|der|die|das)\s*$/i, '')
    .replace(/^\s*l['’]\s*/i, '');
  const folded = foldTitle(withoutArticle);
  return folded.replace(LEADING_ARTICLES, '') || folded;
}

/** How well two titles agree: `'exact'` after folding, `'loose'` after dropping articles, else `null`. */
export function compareTitles(a: string, b: string): 'exact' | 'loose' | null {
  const foldedA = foldTitle(a);
  if (foldedA !== '' && foldedA === foldTitle(b)) return 'exact';
  const looseA = looseTitle(a);
  return looseA !== '' && looseA === looseTitle(b) ? 'loose' : null;
}
