import type { LedgerFilm, LedgerInputFilm, LedgerTmdbRef } from './ledger-types.js';

/** How an input film relates to the records of a ledger. */
export type RecordMatch =
  | { kind: 'found'; film: LedgerFilm }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: LedgerFilm[] };

/**
 * Title + year key for merging films no exact key connects: accents, case, punctuation and spacing ignored,
 * so `Once Upon a Time... in Hollywood` and `Once Upon a Time… in Hollywood` meet. `null` without a year (an
 * undated film is too weak a key to merge on).
 */
export function titleYearKey(film: { title: string; year: number | null }): string | null {
  if (film.year === null) return null;
  const memo = keys.get(film);
  if (memo && memo.title === film.title && memo.year === film.year) return memo.key;
  const key = computeKey(film.title, film.year);
  keys.set(film, { title: film.title, year: film.year, key });
  return key;
}

/** Keys already computed per film object (merging compares every input with every record). */
const keys = new WeakMap<object, { title: string; year: number; key: string | null }>();

function computeKey(title: string, year: number): string | null {
  const normalized = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return normalized === '' ? null : `${normalized}\u0000${year}`;
}

export function sameTmdb(a: LedgerTmdbRef | null | undefined, b: LedgerTmdbRef | null | undefined): boolean {
  return !!a && !!b && a.id === b.id && a.type === b.type;
}

/** Whether nothing exact says the two are different films (a differing TMDb id, slug or export key). */
export function compatible(record: LedgerFilm, input: LedgerInputFilm): boolean {
  const differs = <T>(a: T | null | undefined, b: T | null | undefined) => a != null && b != null && a !== b;
  if (record.tmdb && input.tmdb && !sameTmdb(record.tmdb, input.tmdb)) return false;
  return !differs(record.slug, input.slug) && !differs(record.exportKey, input.exportKey);
}

/**
 * Finds the record an input film belongs to: the same TMDb id, else the same slug or export key, else the one
 * record with the same title + year that nothing exact contradicts. Several such records — or a title + year
 * shared by several films of the same input batch (`crowded`) — make the match ambiguous.
 */
export function findRecord(films: readonly LedgerFilm[], input: LedgerInputFilm, crowded: ReadonlySet<string>): RecordMatch {
  const exact = films.find(
    (film) =>
      (input.tmdb && sameTmdb(film.tmdb, input.tmdb)) ||
      (((input.slug && film.slug === input.slug) || (input.exportKey && film.exportKey === input.exportKey)) &&
        compatible(film, input)),
  );
  if (exact) return { kind: 'found', film: exact };
  const key = titleYearKey(input);
  if (key === null) return { kind: 'none' };
  const candidates = films.filter((film) => titleYearKey(film) === key && compatible(film, input));
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length === 1 && !crowded.has(key)) return { kind: 'found', film: candidates[0] as LedgerFilm };
  return { kind: 'ambiguous', candidates };
}

/**
 * Title + year keys shared by films of one input that are different films (their exact keys differ): such a key
 * never merges, since it cannot say which of them a record is.
 */
export function crowdedKeys(inputs: readonly LedgerInputFilm[]): Set<string> {
  const identities = new Map<string, Set<string>>();
  for (const input of inputs) {
    const key = titleYearKey(input);
    if (key === null) continue;
    const identity = input.tmdb
      ? `tmdb:${input.tmdb.type}:${input.tmdb.id}`
      : input.slug
        ? `slug:${input.slug}`
        : input.exportKey
          ? `export:${input.exportKey}`
          : 'none';
    const set = identities.get(key) ?? new Set<string>();
    set.add(identity);
    identities.set(key, set);
  }
  return new Set([...identities].filter(([, set]) => set.size > 1).map(([key]) => key));
}
