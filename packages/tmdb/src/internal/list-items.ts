import type { ListItemRef, ListItemResult, MediaType, RequestOptions } from '../types.js';
import type { Http, RetryPolicy } from './http.js';
import { assertId } from './input-checks.js';
import { itemResultsSchema } from './schemas.js';

/** Items per request. TMDb documents no limit, but very large bodies have failed in practice. */
export const BATCH_SIZE = 100;

const ALREADY_TAKEN = /already been taken/i;

type Action = 'add' | 'remove' | 'comment';

const ACTIONS: Record<Action, { method: 'POST' | 'DELETE' | 'PUT'; retry: RetryPolicy; verb: string }> = {
  // Adding is idempotent (a repeat answers "already taken"), so it may be retried after a 5xx.
  add: { method: 'POST', retry: 'idempotent', verb: 'add to' },
  // A repeated remove would report items as missing: retry only when TMDb refused it (429).
  remove: { method: 'DELETE', retry: 'rate-limit-only', verb: 'remove from' },
  // Setting the same comment twice changes nothing.
  comment: { method: 'PUT', retry: 'idempotent', verb: 'comment on' },
};

function checkItem(item: ListItemRef, action: Action): void {
  if (item?.mediaType !== 'movie' && item?.mediaType !== 'tv') {
    throw new TypeError(`Cannot ${ACTIONS[action].verb} a list: mediaType must be 'movie' or 'tv', got ${JSON.stringify(item?.mediaType)}.`);
  }
  assertId(item.mediaId, `Cannot ${ACTIONS[action].verb} a list: mediaId`);
}

/** Batched item writes with one result per item, in the order given. */
export async function writeItems(
  http: Http,
  listId: number,
  action: Action,
  items: ReadonlyArray<ListItemRef & { comment?: string | null }>,
  options: RequestOptions = {},
): Promise<ListItemResult[]> {
  assertId(listId, 'list id');
  if (!Array.isArray(items)) throw new TypeError('items must be an array of { mediaType, mediaId }.');
  for (const item of items) checkItem(item, action);
  const { method, retry } = ACTIONS[action];
  const results: ListItemResult[] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    options.signal?.throwIfAborted();
    const batch = items.slice(start, start + BATCH_SIZE);
    const data = await http.send(
      {
        method,
        path: `/4/list/${listId}/items`,
        body: {
          items: batch.map((item) => ({
            media_type: item.mediaType,
            media_id: item.mediaId,
            ...(action === 'comment' ? { comment: item.comment ?? '' } : {}),
          })),
        },
        auth: 'user',
        retry,
        what: `list ${listId}, ${batch.length} item(s)`,
      },
      itemResultsSchema,
      options,
    );
    const byKey = new Map(data.results.map((row) => [`${row.media_type}:${row.media_id}`, row]));
    for (const item of batch) {
      const ref = { mediaType: item.mediaType as MediaType, mediaId: item.mediaId };
      const row = byKey.get(`${item.mediaType}:${item.mediaId}`);
      if (!row) {
        results.push({ status: 'failed', ...ref, error: 'TMDb returned no result for this item' });
        continue;
      }
      const error = Array.isArray(row.error) ? row.error.join('; ') : (row.error ?? '');
      if (row.success) results.push({ status: 'ok', ...ref });
      else if (action === 'add' && ALREADY_TAKEN.test(error)) results.push({ status: 'already-present', ...ref });
      else results.push({ status: 'failed', ...ref, error: error || (action === 'add' ? 'TMDb did not add it (unknown id?)' : 'not on the list') });
    }
  }
  return results;
}
