/**
 * The error hierarchy of `@lbx/sync`. Every error extends {@link SyncError}; use {@link isSyncError} rather
 * than `instanceof` when both the ESM and the CJS copy of the package may be loaded.
 */

const BRAND = Symbol.for('@lbx/sync.error');

/** Base class of every error thrown or reported by `@lbx/sync`. */
export class SyncError extends Error {
  /** @internal cross-realm brand checked by {@link isSyncError}. */
  readonly [BRAND] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** `true` for any error of `@lbx/sync` (works across ESM/CJS copies of the package). */
export function isSyncError(error: unknown): error is SyncError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** `paginate()` was called with an invalid argument (`page`, `pageSize`, `limit`, `sortBy` or `order`). */
export class SyncPaginationError extends SyncError {
  /** Name of the offending option. */
  readonly option: string;
  /** The value that was rejected. */
  readonly value: unknown;

  constructor(option: string, value: unknown, expected: string) {
    super(`Invalid pagination option "${option}": got ${describe(value)}, expected ${expected}.`);
    this.option = option;
    this.value = value;
  }
}

/** `syncUser()` / `syncUsers()` was called with an invalid option; nothing was read or written. */
export class SyncOptionsError extends SyncError {
  /** Name of the offending option. */
  readonly option: string;

  constructor(option: string, value: unknown, expected: string) {
    super(`Invalid sync option "${option}": got ${describe(value)}, expected ${expected}.`);
    this.option = option;
  }
}

/**
 * Why a mapping store failed: the file is not what we expect, could not be read, could not be written, or its
 * cross-process lock could not be taken (another process held it too long, or the lock file cannot be made).
 */
export type SyncMappingStoreErrorReason = 'corrupt' | 'unreadable' | 'write-failed' | 'lock-failed';

/**
 * A mapping store (or the film cache next to it) could not be read or written. A corrupt or unreadable file
 * is never overwritten: fix it or move it away, then run again.
 */
export class SyncMappingStoreError extends SyncError {
  /** The file (or other location) the store uses. */
  readonly path: string;
  /** What failed; see {@link SyncMappingStoreErrorReason}. */
  readonly reason: SyncMappingStoreErrorReason;

  constructor(path: string, reason: SyncMappingStoreErrorReason, detail: string, options?: { cause?: unknown }) {
    super(`${headline(reason)} ${JSON.stringify(path)}: ${detail}`, options);
    this.path = path;
    this.reason = reason;
  }
}

/** The step of a member's sync that failed. */
export type SyncStage = 'fetch-films' | 'resolve-films' | 'find-list' | 'read-list' | 'write-list' | 'store';

/**
 * One member's sync failed. Reported in the `failed` result (never thrown by `syncUser`); the original error
 * (e.g. a `TmdbAuthError` or a Letterboxd `LetterboxdBlockedError`) is its `cause`.
 */
export class SyncMemberError extends SyncError {
  /** The member whose sync failed. */
  readonly username: string;
  /** The step that failed; see {@link SyncStage}. */
  readonly stage: SyncStage;

  constructor(username: string, stage: SyncStage, cause: unknown) {
    super(
      `Sync of Letterboxd member "${username}" failed while ${STAGE_TEXT[stage]}: ${causeMessage(cause)} ` +
        `Nothing was lost; fix the cause and run the sync again (it continues from the list's current state).`,
      { cause },
    );
    this.username = username;
    this.stage = stage;
  }
}

const STAGE_TEXT: Record<SyncStage, string> = {
  'fetch-films': "fetching the member's films from the source",
  'resolve-films': 'looking up TMDb ids',
  'find-list': 'finding or creating the TMDb list',
  'read-list': 'reading the TMDb list',
  'write-list': 'writing the TMDb list',
  store: 'reading or writing the mapping store',
};

function headline(reason: SyncMappingStoreErrorReason): string {
  switch (reason) {
    case 'corrupt':
      return 'Refusing to use the corrupt mapping file (it was left untouched; fix or move it away, then retry)';
    case 'unreadable':
      return 'Cannot read the mapping file (check that it is a readable file)';
    case 'write-failed':
      return 'Cannot write the mapping file (check the directory exists and is writable; the old file is intact)';
    case 'lock-failed':
      return 'Cannot take the cross-process lock next to the mapping file (nothing was written)';
  }
}

function causeMessage(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  return typeof value;
}
