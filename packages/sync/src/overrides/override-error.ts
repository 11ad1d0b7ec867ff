import { SyncError } from '../errors.js';

/**
 * Why an override was refused (nothing was stored):
 * - `invalid-key`: the film key is empty, too long or holds spaces or control characters;
 * - `invalid-id`: the TMDb id is not a positive integer, or the media type is not `movie` / `tv`;
 * - `unknown-tmdb-id`: TMDb has no movie (or series) with that id;
 * - `tmdb-unavailable`: TMDb could not be asked (auth, network, rate limit; see `cause`);
 * - `no-override-store`: the mapping store has no `overrides`.
 */
export type SyncOverrideErrorReason = 'invalid-key' | 'invalid-id' | 'unknown-tmdb-id' | 'tmdb-unavailable' | 'no-override-store';

/** A match override could not be set or removed; the store is unchanged. `reason` says why, the message what to do. */
export class SyncOverrideError extends SyncError {
  /** What failed; see {@link SyncOverrideErrorReason}. */
  readonly reason: SyncOverrideErrorReason;
  /** The film key the override was for. */
  readonly key: string;
  /** The TMDb id asked for, or `null` for an exclusion or a refusal before the id was read. */
  readonly tmdbId: number | null;
  /** The media type asked for, or `null`. */
  readonly mediaType: 'movie' | 'tv' | null;

  constructor(
    reason: SyncOverrideErrorReason,
    target: { key: string; tmdbId?: number | null; mediaType?: 'movie' | 'tv' | null },
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Match override of ${JSON.stringify(target.key)} refused: ${detail} Nothing was stored.`, options);
    this.reason = reason;
    this.key = target.key;
    this.tmdbId = target.tmdbId ?? null;
    this.mediaType = target.mediaType ?? null;
  }
}
