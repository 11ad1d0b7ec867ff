import { describe, expect, it } from 'vitest';
import { formatMatchBreakdown, matchBreakdown } from '@lbx/example-shared';

describe('match breakdown', () => {
  it('counts ids and exact searches as exact, scored searches as fuzzy, and methods lost to old caches as unknown', () => {
    const films = [
      { method: 'tmdb-id' as const },
      { method: 'imdb-id' as const },
      { method: 'search-exact' as const },
      { method: 'search-fuzzy' as const },
      { method: null },
    ];
    expect(matchBreakdown(films)).toEqual({ exact: 3, fuzzy: 1, unknown: 1 });
    expect(formatMatchBreakdown(films)).toBe('exact 3 · fuzzy 1 · unknown 1');
  });

  it('leaves out "unknown" when every method is known, and reads zeros for no films', () => {
    expect(formatMatchBreakdown([{ method: 'search-fuzzy' }, { method: 'tmdb-id' }])).toBe('exact 1 · fuzzy 1');
    expect(formatMatchBreakdown([])).toBe('exact 0 · fuzzy 0');
  });
});
