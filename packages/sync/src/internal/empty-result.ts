import type { SyncResultBase } from '../sync-types.js';

/** The counters of a member's (or a list definition's) result before anything was read or written. */
export function emptyResultBase(username: string, dryRun: boolean, definitionId?: string): SyncResultBase {
  return {
    username,
    ...(definitionId !== undefined && { definitionId }),
    listId: null,
    listCreated: false,
    duplicateListIds: [],
    totalFilms: 0,
    matched: 0,
    matchedFilms: [],
    added: 0,
    removed: 0,
    reordered: 0,
    unchanged: 0,
    commentsUpdated: 0,
    notMatched: [],
    dryRun,
    plan: null,
  };
}
