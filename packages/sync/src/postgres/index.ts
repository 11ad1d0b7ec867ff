/**
 * `@lbx/sync/postgres` — a mapping store in PostgreSQL for running several processes on one state (needs the
 * optional peer dependency `pg`).
 */
export { createPostgresStore } from './postgres-store.js';
export type { PostgresStore, PostgresStoreOptions } from './postgres-store.js';
export { SyncPostgresStoreError } from './postgres-store-error.js';
export type { SyncPostgresStoreErrorReason } from './postgres-store-error.js';
export type { PgPool, PgPoolClient, PgQueryable, PgResult } from './pg-pool.js';
