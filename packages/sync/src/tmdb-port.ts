/**
 * The part of the TMDb client the sync uses. `createTmdbClient()` from `@lbx/tmdb` satisfies it; tests and
 * users can pass the real client or anything shaped like it.
 */
// TODO(sync): replace by Pick<TmdbClient, …> once @lbx/tmdb exports TmdbClient.
type MediaType = 'movie' | 'tv';
interface RequestOptions {
  signal?: AbortSignal;
}
interface ListItemRef {
  mediaType: MediaType;
  mediaId: number;
}
type ListItemResult =
  | { status: 'ok' | 'already-present'; mediaType: MediaType; mediaId: number }
  | { status: 'failed'; mediaType: MediaType; mediaId: number; error: string };

export interface SyncTmdbClient {
  matchFilm(
    input: { title: string; year: number | null; tmdbId?: number | null; tmdbType?: MediaType | null; imdbId?: string | null },
    opts?: RequestOptions,
  ): Promise<{ id: number; mediaType: MediaType } | null>;
  createList(input: { name: string; description?: string; public?: boolean }, opts?: RequestOptions): Promise<number>;
  getList(
    id: number,
    opts?: { page?: number } & RequestOptions,
  ): Promise<{
    sortBy: string;
    page: number;
    totalPages: number;
    items: Array<ListItemRef & { title: string; comment: string | null }>;
  }>;
  updateList(id: number, patch: { sortBy?: 'original_order.asc' }, opts?: RequestOptions): Promise<void>;
  addItems(id: number, items: ListItemRef[], opts?: RequestOptions): Promise<ListItemResult[]>;
  removeItems(id: number, items: ListItemRef[], opts?: RequestOptions): Promise<ListItemResult[]>;
  updateItemComments(id: number, items: Array<ListItemRef & { comment: string }>, opts?: RequestOptions): Promise<ListItemResult[]>;
  findListByName(name: string, opts?: RequestOptions): Promise<{ id: number } | null>;
}
