/** What the top-rated order looks at. */
export interface Rankable {
  rating: number | null;
  /** When the rating/entry was recorded (ISO date or date-time), newer first; `null` sorts last. */
  when: string | null;
  title: string;
  slug: string;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Sorts best rating first; ties: most recent first, then title (case- and accent-insensitive), then slug, so
 * the order is stable across runs. Returns at most `limit` items.
 */
export function rankTopRated<T>(items: readonly T[], view: (item: T) => Rankable, limit: number | undefined): T[] {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new RangeError(`getTopRated: limit must be a positive integer, got ${String(limit)}.`);
  }
  const ranked = items
    .map((item) => ({ item, key: view(item) }))
    .sort((a, b) => {
      const byRating = (b.key.rating ?? 0) - (a.key.rating ?? 0);
      if (byRating !== 0) return byRating;
      const byWhen = compareDesc(a.key.when, b.key.when);
      if (byWhen !== 0) return byWhen;
      return collator.compare(a.key.title, b.key.title) || (a.key.slug < b.key.slug ? -1 : a.key.slug > b.key.slug ? 1 : 0);
    })
    .map(({ item }) => item);
  return limit === undefined ? ranked : ranked.slice(0, limit);
}

function compareDesc(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}
