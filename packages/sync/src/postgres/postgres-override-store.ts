import { overrideSchema } from '../overrides/json-override-store.js';
import type { FilmOverride, OverrideStore } from '../overrides/override-store.js';
import type { PgQueryable } from './pg-pool.js';
import { SyncPostgresStoreError } from './postgres-store-error.js';

/** What the override store borrows from its Postgres store: the schema, the query runner, a table namer. */
export interface PostgresOverrideContext {
  schema: string;
  run: <T>(operation: string, body: (db: PgQueryable) => Promise<T>) => Promise<T>;
  table: (name: string) => string;
}

/** Match overrides in the `film_overrides` table (migration 3), one row per film key. */
export function createPostgresOverrideStore({ schema, run, table }: PostgresOverrideContext): OverrideStore {
  const columns = 'film_key, kind, tmdb_id, media_type, title, year, set_at';
  const toMap = (rows: Array<Record<string, unknown>>, operation: string) => {
    const found = new Map<string, FilmOverride>();
    for (const row of rows) found.set(String(row.film_key), toOverride(schema, operation, row));
    return found;
  };
  return {
    async getMany(keys) {
      if (keys.length === 0) return new Map();
      const operation = `read ${keys.length} match overrides`;
      const { rows } = await run(operation, (db) =>
        db.query(`SELECT ${columns} FROM ${table('film_overrides')} WHERE film_key = ANY($1::text[])`, [keys]),
      );
      return toMap(rows, operation);
    },
    async all() {
      const operation = 'read all match overrides';
      const { rows } = await run(operation, (db) => db.query(`SELECT ${columns} FROM ${table('film_overrides')} ORDER BY film_key`));
      return toMap(rows, operation);
    },
    async set(key, override) {
      const operation = `set the match override of "${key}"`;
      const parsed = overrideSchema.safeParse(override);
      if (!parsed.success) {
        throw new SyncPostgresStoreError(schema, operation, 'invalid-value', 'the override is not a pin or an exclusion (use setOverride).');
      }
      const value = parsed.data;
      const pin = value.kind === 'pin' ? value : null;
      await run(operation, (db) =>
        db.query(
          `INSERT INTO ${table('film_overrides')} (${columns}) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (film_key) DO UPDATE SET kind = EXCLUDED.kind, tmdb_id = EXCLUDED.tmdb_id,
             media_type = EXCLUDED.media_type, title = EXCLUDED.title, year = EXCLUDED.year,
             set_at = EXCLUDED.set_at, updated_at = now()`,
          [key, value.kind, pin?.tmdbId ?? null, pin?.mediaType ?? null, pin?.title ?? null, pin?.year ?? null, value.setAt],
        ),
      );
    },
    async delete(key) {
      const { rows } = await run(`delete the match override of "${key}"`, (db) =>
        db.query(`DELETE FROM ${table('film_overrides')} WHERE film_key = $1 RETURNING film_key`, [key]),
      );
      return rows.length > 0;
    },
  };
}

function toOverride(schema: string, operation: string, row: Record<string, unknown>): FilmOverride {
  const parsed = overrideSchema.safeParse(
    row.kind === 'pin'
      ? {
          kind: 'pin',
          tmdbId: row.tmdb_id,
          mediaType: row.media_type,
          title: row.title,
          year: row.year,
          setAt: row.set_at,
        }
      : { kind: row.kind, setAt: row.set_at },
  );
  if (!parsed.success) {
    throw new SyncPostgresStoreError(schema, operation, 'corrupt', `the override row of "${String(row.film_key)}" is not a pin or an exclusion.`);
  }
  return parsed.data;
}
