/**
 * Cursor pagination over the API: request a page, pass its `next` back as `cursor`, stop when `next` is absent.
 * Pages are requested only when the consumer asks for more, and the signal is checked between pages.
 */
import { LetterboxdParseError } from '../errors.js';

/** One page as a fetcher returns it. */
export interface CursorPage<T> {
  url: string;
  items: T[];
  next: string | null;
}

/** Safety net against an API that hands out cursors forever (100,000 objects is the API's own cap). */
const MAX_PAGES = 1_000;

/** Yields `{ page, url, items, hasNext }` for page 1, 2, … until the last page. */
export async function* cursorPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ page: number; url: string; items: T[]; hasNext: boolean }, void, undefined> {
  let cursor: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    if (signal?.aborted) throw signal.reason;
    const result = await fetchPage(cursor);
    const hasNext = result.next !== null;
    yield { page, url: result.url, items: result.items, hasNext };
    if (result.next === null) return;
    if (result.next === cursor) {
      throw new LetterboxdParseError({ url: result.url, page: 'api', detail: `the next cursor repeats the current one ("${cursor}")` });
    }
    cursor = result.next;
  }
}
