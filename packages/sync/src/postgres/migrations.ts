import type { PgPool } from './pg-pool.js';
import { SyncPostgresStoreError } from './postgres-store-error.js';

/** One schema change; `sql` runs in a transaction with `search_path` set to the store's schema. */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The store's migrations, in order. Never edit a released one: append a new version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'mappings and film cache',
    sql: `
      CREATE TABLE mappings (
        username   text PRIMARY KEY,
        list_id    bigint NOT NULL CHECK (list_id > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE film_cache (
        slug       text PRIMARY KEY,
        status     text NOT NULL CHECK (status IN ('matched', 'unmatched')),
        tmdb_id    integer,
        media_type text CHECK (media_type IN ('movie', 'tv')),
        method     text,
        at         text NOT NULL,
        CHECK (status = 'unmatched' OR (tmdb_id IS NOT NULL AND media_type IS NOT NULL))
      );`,
  },
  {
    version: 2,
    name: 'member ledgers',
    sql: `
      CREATE TABLE ledgers (
        username   text PRIMARY KEY,
        ledger     jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 3,
    name: 'match overrides',
    sql: `
      CREATE TABLE film_overrides (
        film_key   text PRIMARY KEY,
        kind       text NOT NULL CHECK (kind IN ('pin', 'exclude')),
        tmdb_id    integer CHECK (tmdb_id > 0),
        media_type text CHECK (media_type IN ('movie', 'tv')),
        title      text,
        year       integer,
        set_at     text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'exclude' OR (tmdb_id IS NOT NULL AND media_type IS NOT NULL))
      );`,
  },
  {
    version: 4,
    name: 'film cache IMDb ids',
    sql: `ALTER TABLE film_cache ADD COLUMN imdb_id text;`,
  },
];

/** Latest schema version this package knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Bring `schema` up to {@link SCHEMA_VERSION}. Safe to run from many processes at once: they queue on an
 * advisory lock (held on one connection for the whole migration) and the later ones find nothing to do. Each
 * migration commits with its row in `schema_migrations`, so a crash mid-way resumes at the failed step.
 */
export async function migrate(pool: PgPool, schema: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onConnectionError = (error: Error) => {
    broken = error;
  };
  client.on('error', onConnectionError);
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`lbx-migrate:${schema}`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${schema}".schema_migrations (
           version    integer PRIMARY KEY,
           name       text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await client.query(`SELECT coalesce(max(version), 0)::int AS version FROM "${schema}".schema_migrations`);
      const current = Number(rows[0]?.version ?? 0);
      if (current > SCHEMA_VERSION) {
        throw new SyncPostgresStoreError(
          schema,
          'migrate',
          'schema-too-new',
          `the database is at schema version ${current}, this @lbx/sync knows up to ${SCHEMA_VERSION}.`,
        );
      }
      for (const migration of MIGRATIONS) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(`SET LOCAL search_path TO "${schema}"`);
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`lbx-migrate:${schema}`]).catch((error: Error) => {
        broken = error;
      });
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    client.off('error', onConnectionError);
    client.release(broken);
  }
}
