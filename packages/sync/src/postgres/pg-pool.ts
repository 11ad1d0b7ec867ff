/**
 * The few members of node-postgres (`pg`) the Postgres store uses, written structurally so that no `pg` type
 * appears in `@lbx/sync`'s declarations: a `pg.Pool` fits as it is.
 */

/** A query result: the rows, one plain object per row. */
export interface PgResult {
  rows: Array<Record<string, unknown>>;
}

/** Something that runs a parameterized query (`$1`, `$2`, …). */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<PgResult>;
}

/** A connection checked out of a pool; `release(error)` destroys it instead of returning it. */
export interface PgPoolClient extends PgQueryable {
  release(destroy?: boolean | Error): void;
  /** node-postgres reports a connection lost while checked out as an `error` event. */
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** A connection pool, e.g. `new pg.Pool({ connectionString })`. */
export interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
}
