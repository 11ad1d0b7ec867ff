import type { MatchedFilm } from '@lbx/sync';

/** How many of a member's films were matched exactly, by a scored (fuzzy) search, or by an unknown method. */
export interface MatchBreakdown {
  /** Matched by a TMDb id, an IMDb id, or a title + year search with one exact hit. */
  exact: number;
  /** Matched by a scored title search (e.g. the year off by one): worth a look. */
  fuzzy: number;
  /** Served from a film cache written before match methods were recorded. */
  unknown: number;
}

/** Count `films` by how exact their match is. */
export function matchBreakdown(films: ReadonlyArray<Pick<MatchedFilm, 'method'>>): MatchBreakdown {
  const counts: MatchBreakdown = { exact: 0, fuzzy: 0, unknown: 0 };
  for (const { method } of films) {
    if (method === null) counts.unknown += 1;
    else if (method === 'search-fuzzy') counts.fuzzy += 1;
    else counts.exact += 1;
  }
  return counts;
}

/** `"exact 7 · fuzzy 1"` (plus `" · unknown N"` when some methods are unknown), for log lines. */
export function formatMatchBreakdown(films: ReadonlyArray<Pick<MatchedFilm, 'method'>>): string {
  const { exact, fuzzy, unknown } = matchBreakdown(films);
  return [`exact ${exact}`, `fuzzy ${fuzzy}`, ...(unknown > 0 ? [`unknown ${unknown}`] : [])].join(' · ');
}
