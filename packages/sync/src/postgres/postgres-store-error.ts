import { SyncError } from '../errors.js';

/**
 * Why the Postgres store failed:
 * - `unavailable`: no connection (server down, wrong host/port/password/database in the connection string);
 * - `schema-too-new`: the database was migrated by a newer `@lbx/sync` than this one;
 * - `invalid-value`: a list id that is not a positive integer was given (nothing was written);
 * - `corrupt`: a stored row does not have the shape this version reads (it is left untouched);
 * - `query-failed`: any other database error (see `cause`).
 */
export type SyncPostgresStoreErrorReason = 'unavailable' | 'schema-too-new' | 'invalid-value' | 'corrupt' | 'query-failed';

/** The Postgres mapping store could not read or write; `cause` is the driver's error. Nothing was half-written. */
export class SyncPostgresStoreError extends SyncError {
  /** What failed; see {@link SyncPostgresStoreErrorReason}. */
  readonly reason: SyncPostgresStoreErrorReason;
  /** The store's schema, e.g. `lbx`. */
  readonly schema: string;
  /** What the store was doing, e.g. `set mapping of "alice"`. */
  readonly operation: string;

  constructor(schema: string, operation: string, reason: SyncPostgresStoreErrorReason, detail: string, options?: { cause?: unknown }) {
    super(`Postgres store (schema "${schema}") could not ${operation}: ${detail} ${ADVICE[reason]}`, options);
    this.reason = reason;
    this.schema = schema;
    this.operation = operation;
  }
}

const ADVICE: Record<SyncPostgresStoreErrorReason, string> = {
  unavailable: 'Check the connection string (DATABASE_URL) and that the PostgreSQL server is running and reachable.',
  'schema-too-new': 'Upgrade @lbx/sync in every process that shares this database.',
  'invalid-value': 'Nothing was written.',
  corrupt: 'The row was left untouched: fix or delete it, then retry.',
  'query-failed': 'Nothing was half-written; see the cause, fix it and retry.',
};

/** SQLSTATE classes and Node error codes that mean "no usable connection". */
export function isConnectionProblem(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') {
    return error instanceof Error && /connection terminated|timeout exceeded when trying to connect/i.test(error.message);
  }
  return /^E[A-Z]/.test(code) || code.startsWith('08') || code.startsWith('28') || code === '3D000' || code.startsWith('57P');
}

/** Wrap a driver error as a {@link SyncPostgresStoreError} (kept as is when it already is one). */
export function toStoreError(schema: string, operation: string, error: unknown): SyncPostgresStoreError {
  if (error instanceof SyncPostgresStoreError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const detail = /[.!?]$/.test(text) ? text : `${text}.`;
  return new SyncPostgresStoreError(schema, operation, isConnectionProblem(error) ? 'unavailable' : 'query-failed', detail, {
    cause: error,
  });
}
