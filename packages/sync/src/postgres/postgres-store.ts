import { ledgerSchema } from '../ledger/json-ledger-store.js';
import type { MemberLedger } from '../ledger/ledger-types.js';
import type { FilmCacheEntry, MappingStoreWithOverrides } from '../mapping-store.js';
import { withAdvisoryLock } from './advisory-lock.js';
import { migrate } from './migrations.js';
import { createPostgresOverrideStore } from './postgres-override-store.js';
import type { PgPool, PgQueryable } from './pg-pool.js';
import { SyncPostgresStoreError, toStoreError } from './postgres-store-error.js';

/** Options of {@link createPostgresStore}: give `pool` or `connectionString`. */
export interface PostgresStoreOptions {
  /**
   * A connection pool to use, e.g. `new pg.Pool({ connectionString })`. The store never ends it: `close()` is
   * the owner's job. Each `lock` holds one of its connections while the locked work runs, so size it for the
   * syncs you run at once plus a few.
   */
  pool?: PgPool;
  /**
   * A connection string (`postgres://user:password@host:5432/db`): the store creates a `pg.Pool` of its own
   * (the optional peer dependency `pg` must be installed) and ends it on `close()`.
   */
  connectionString?: string;
  /** Connections of the pool created from `connectionString`. Default 10. */
  maxConnections?: number;
  /**
   * Schema holding the store's tables (created when missing); several stores can share a database under
   * different schemas. Lower-case letters, digits and `_`, starting with a letter or `_`. Default `lbx`.
   */
  schema?: string;
}

/** A mapping store in PostgreSQL, with the film cache, member ledgers, match overrides and a cross-process lock. */
export interface PostgresStore extends MappingStoreWithOverrides {
  /**
   * Run `fn` while holding an exclusive lock on `key` across every process that uses this database and schema
   * (a PostgreSQL advisory lock on a connection of its own, released by the server if the process dies).
   * Rejects with `signal`'s reason when it aborts while waiting.
   */
  lock<T>(key: string, fn: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** The schema in use. */
  readonly schema: string;
  /**
   * Create or upgrade the tables now. Every other method does it on first use; call it at start-up to fail
   * fast on a wrong connection string. Safe to run from many processes at once.
   */
  migrate(): Promise<void>;
  /** End the pool the store created from `connectionString` (a `pool` you passed in is left alone). */
  close(): Promise<void>;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A {@link PostgresStore}: mappings and the film cache in tables of `schema` (default `lbx`), created and
 * upgraded by versioned migrations the store runs itself on first use. Many processes can share it; wrap a
 * member's sync in `lock(username, …)` so that two processes never sync the same member at once.
 *
 * @example
 * import { createPostgresStore } from '@lbx/sync/postgres';
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL });
 * await syncUser('alice', { source, tmdb, store });
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const schema = options.schema ?? 'lbx';
  if (!SCHEMA_PATTERN.test(schema)) {
    throw new TypeError(
      `Invalid Postgres store schema ${JSON.stringify(schema)}: use lower-case letters, digits and "_" (at most 63, not starting with a digit).`,
    );
  }
  if ((options.pool === undefined) === (options.connectionString === undefined)) {
    throw new TypeError('createPostgresStore needs exactly one of `pool` or `connectionString`.');
  }
  const ownPool = options.pool === undefined;
  let poolPromise: Promise<PgPool> | undefined;
  const getPool = (): Promise<PgPool> =>
    (poolPromise ??= options.pool
      ? Promise.resolve(options.pool)
      : createPool(options.connectionString as string, options.maxConnections ?? 10));

  let ready: Promise<void> | undefined;
  const ensureReady = (): Promise<void> => {
    ready ??= getPool()
      .then((pool) => migrate(pool, schema))
      .catch((error: unknown) => {
        ready = undefined; // try again on the next call
        throw toStoreError(schema, 'create or upgrade its tables', error);
      });
    return ready;
  };

  /** Run a query once the tables exist, reporting failures as {@link SyncPostgresStoreError}. */
  const run = async <T>(operation: string, body: (db: PgQueryable) => Promise<T>): Promise<T> => {
    await ensureReady();
    try {
      return await body(await getPool());
    } catch (error) {
      throw toStoreError(schema, operation, error);
    }
  };
  const t = (table: string) => `"${schema}".${table}`;

  return {
    schema,
    migrate: ensureReady,
    async get(username) {
      return run(`read the mapping of "${username}"`, async (db) => {
        const { rows } = await db.query(`SELECT list_id FROM ${t('mappings')} WHERE username = $1`, [username]);
        return rows.length === 0 ? undefined : Number(rows[0]?.list_id);
      });
    },
    async set(username, listId) {
      if (!Number.isSafeInteger(listId) || listId <= 0) {
        throw new SyncPostgresStoreError(
          schema,
          `set the mapping of "${username}"`,
          'invalid-value',
          `list id must be a positive integer, got ${String(listId)}.`,
        );
      }
      await run(`set the mapping of "${username}"`, (db) =>
        db.query(
          `INSERT INTO ${t('mappings')} (username, list_id) VALUES ($1, $2)
           ON CONFLICT (username) DO UPDATE SET list_id = EXCLUDED.list_id, updated_at = now()
           WHERE ${t('mappings')}.list_id <> EXCLUDED.list_id`,
          [username, listId],
        ),
      );
    },
    async delete(username) {
      await run(`delete the mapping of "${username}"`, (db) => db.query(`DELETE FROM ${t('mappings')} WHERE username = $1`, [username]));
    },
    async all() {
      return run('read all mappings', async (db) => {
        const { rows } = await db.query(`SELECT username, list_id FROM ${t('mappings')} ORDER BY username`);
        return Object.fromEntries(rows.map((row) => [String(row.username), Number(row.list_id)]));
      });
    },
    films: {
      async getMany(slugs) {
        const found = new Map<string, FilmCacheEntry>();
        if (slugs.length === 0) return found;
        return run(`read ${slugs.length} film cache entries`, async (db) => {
          const { rows } = await db.query(
            `SELECT slug, status, tmdb_id, media_type, method, imdb_id, at FROM ${t('film_cache')} WHERE slug = ANY($1::text[])`,
            [slugs],
          );
          for (const row of rows) found.set(String(row.slug), toEntry(row));
          return found;
        });
      },
      async setMany(entries) {
        if (entries.size === 0) return;
        const columns: [string[], string[], Array<number | null>, Array<string | null>, Array<string | null>, Array<string | null>, string[]] = [
          [], [], [], [], [], [], [],
        ];
        for (const [slug, entry] of entries) {
          const matched = entry.status === 'matched';
          columns[0].push(slug);
          columns[1].push(entry.status);
          columns[2].push(matched ? entry.tmdbId : null);
          columns[3].push(matched ? entry.mediaType : null);
          columns[4].push(matched ? (entry.method ?? null) : null);
          columns[5].push(matched ? (entry.imdbId ?? null) : null);
          columns[6].push(matched ? entry.resolvedAt : entry.checkedAt);
        }
        await run(`save ${entries.size} film cache entries`, (db) =>
          db.query(
            `INSERT INTO ${t('film_cache')} (slug, status, tmdb_id, media_type, method, imdb_id, at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[])
             ON CONFLICT (slug) DO UPDATE SET status = EXCLUDED.status, tmdb_id = EXCLUDED.tmdb_id,
               media_type = EXCLUDED.media_type, method = EXCLUDED.method, imdb_id = EXCLUDED.imdb_id, at = EXCLUDED.at`,
            columns,
          ),
        );
      },
    },
    ledger: {
      async get(username) {
        const operation = `read the ledger of "${username}"`;
        const row = await run(operation, async (db) => {
          const { rows } = await db.query(`SELECT ledger FROM ${t('ledgers')} WHERE username = $1`, [username]);
          return rows[0];
        });
        if (row === undefined) return undefined;
        const parsed = ledgerSchema.safeParse(row.ledger);
        if (!parsed.success) {
          throw new SyncPostgresStoreError(schema, operation, 'corrupt', 'the stored ledger is not a version 1 film ledger.');
        }
        return parsed.data as MemberLedger;
      },
      async put(username, ledger) {
        await run(`save the ledger of "${username}"`, (db) =>
          db.query(
            `INSERT INTO ${t('ledgers')} (username, ledger) VALUES ($1, $2::jsonb)
             ON CONFLICT (username) DO UPDATE SET ledger = EXCLUDED.ledger, updated_at = now()`,
            [username, JSON.stringify(ledger)],
          ),
        );
      },
    },
    overrides: createPostgresOverrideStore({ schema, run, table: t }),
    async lock(key, fn, lockOptions = {}) {
      await ensureReady();
      let pool: PgPool;
      try {
        pool = await getPool();
      } catch (error) {
        throw toStoreError(schema, `lock "${key}"`, error);
      }
      let inside = false;
      try {
        return await withAdvisoryLock(
          pool,
          `lbx-lock:${schema}:${key}`,
          () => {
            inside = true;
            return fn();
          },
          lockOptions.signal,
        );
      } catch (error) {
        // fn's own errors and aborts pass through untouched; only the lock's own failures are wrapped.
        if (inside || lockOptions.signal?.aborted) throw error;
        throw toStoreError(schema, `lock "${key}"`, error);
      }
    },
    async close() {
      if (!ownPool || poolPromise === undefined) return;
      const pool = await poolPromise.catch(() => undefined);
      poolPromise = undefined;
      ready = undefined;
      await pool?.end();
    },
  };
}

function toEntry(row: Record<string, unknown>): FilmCacheEntry {
  if (row.status === 'unmatched') return { status: 'unmatched', checkedAt: String(row.at) };
  return {
    status: 'matched',
    tmdbId: Number(row.tmdb_id),
    mediaType: row.media_type === 'tv' ? 'tv' : 'movie',
    ...(typeof row.method === 'string' && { method: row.method as NonNullable<Extract<FilmCacheEntry, { status: 'matched' }>['method']> }),
    ...(typeof row.imdb_id === 'string' && { imdbId: row.imdb_id }),
    resolvedAt: String(row.at),
  };
}

async function createPool(connectionString: string, max: number): Promise<PgPool> {
  let mod: { Pool?: new (config: object) => PgPool; default?: { Pool?: new (config: object) => PgPool } };
  try {
    mod = (await import('pg')) as typeof mod;
  } catch (error) {
    throw new TypeError('createPostgresStore({ connectionString }) needs the "pg" package: install it (npm i pg).', {
      cause: error,
    });
  }
  const Pool = mod.Pool ?? mod.default?.Pool;
  if (Pool === undefined) throw new TypeError('The installed "pg" package has no Pool export; install pg 8.');
  const pool = new Pool({ connectionString, max });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  (pool as unknown as { on?: (event: string, listener: () => void) => void }).on?.('error', () => undefined);
  return pool;
}
