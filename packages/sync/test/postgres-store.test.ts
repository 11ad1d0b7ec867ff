import { createRunDatabase } from '@lbx/testkit/postgres';
import { createPostgresStore, SyncPostgresStoreError, type PostgresStore } from '@lbx/sync/postgres';
import { isSyncError } from '@lbx/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLockContract, describeMappingStoreContract } from './support/store-contract.js';

let url: string;
let schemas = 0;
const open: PostgresStore[] = [];
beforeAll(async () => {
  url = await createRunDatabase('sync_store');
});
afterAll(async () => {
  await Promise.all(open.map((store) => store.close()));
});

/** A store on a schema of its own (a fresh, empty store), with its own pool like another process would have. */
function storeOn(schema: string): PostgresStore {
  const store = createPostgresStore({ connectionString: url, schema, maxConnections: 4 });
  open.push(store);
  return store;
}

const freshSubject = async () => {
  const schema = `contract_${++schemas}`;
  return { store: storeOn(schema), reopen: () => storeOn(schema), cleanup: async () => undefined };
};
describeMappingStoreContract('Postgres store', freshSubject, { shared: true });
describeLockContract('Postgres store', freshSubject);

describe('createPostgresStore', () => {
  it('creates its tables once, records the migration, and many processes may start at the same time', async () => {
    const stores = Array.from({ length: 5 }, () => storeOn('concurrent_start'));
    await Promise.all(stores.map((store) => store.migrate()));
    await Promise.all(stores.map((store, i) => store.set(`member_${i}`, 10 + i)));
    await storeOn('concurrent_start').migrate(); // again: nothing to do
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version, name FROM concurrent_start.schema_migrations ORDER BY version');
      expect(rows).toEqual([
        { version: 1, name: 'mappings and film cache' },
        { version: 2, name: 'member ledgers' },
        { version: 3, name: 'match overrides' },
        { version: 4, name: 'film cache IMDb ids' },
      ]);
    } finally {
      await client.end();
    }
    expect(Object.keys(await stores[0]!.all())).toHaveLength(5);
  });

  it('uses a pool it is given and leaves it open on close()', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const store = createPostgresStore({ pool, schema: 'given_pool' });
      expect(store.schema).toBe('given_pool');
      await store.set('cinephile_ada', 42);
      await store.close();
      const { rows } = await pool.query('SELECT username, list_id FROM given_pool.mappings');
      expect(rows).toEqual([{ username: 'cinephile_ada', list_id: '42' }]);
    } finally {
      await pool.end();
    }
  });

  it('refuses a database migrated by a newer version, without touching it', async () => {
    const store = storeOn('from_the_future');
    await store.migrate();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query("INSERT INTO from_the_future.schema_migrations (version, name) VALUES (99, 'later')");
      const error = await storeOn('from_the_future')
        .get('cinephile_ada')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SyncPostgresStoreError);
      expect(isSyncError(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'schema-too-new', schema: 'from_the_future' });
      expect((error as Error).message).toMatch(/version 99.*Upgrade @lbx\/sync/);
    } finally {
      await pool.end();
    }
  });

  it('reports an unreachable server as unavailable, without the password, and retries the migration later', async () => {
    const dead = new URL(url);
    dead.port = '1';
    const store = createPostgresStore({ connectionString: dead.toString(), schema: 'nowhere' });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const error = await store.all().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SyncPostgresStoreError);
        expect(error).toMatchObject({ reason: 'unavailable', operation: 'create or upgrade its tables' });
        expect((error as Error).message).toContain('DATABASE_URL');
        expect((error as Error).message).not.toContain(dead.password);
      }
      await expect(store.lock('x', async () => 1)).rejects.toMatchObject({ reason: 'unavailable' });
    } finally {
      await store.close();
    }
  });

  it('reports a failed query as query-failed and names what it was doing', async () => {
    const store = storeOn('dropped_table');
    await store.migrate();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query('DROP TABLE dropped_table.film_cache');
      await expect(store.films.getMany(['parasite-2019'])).rejects.toMatchObject({
        name: 'SyncPostgresStoreError',
        reason: 'query-failed',
        operation: 'read 1 film cache entries',
      });
      await expect(store.set('cinephile_ada', 1)).resolves.toBeUndefined();
    } finally {
      await pool.end();
    }
  });

  it('rolls a failed migration back whole and reports it', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      // Someone else's table where the store wants its own.
      await pool.query('CREATE SCHEMA clash; CREATE TABLE clash.film_cache (id int)');
      const store = storeOn('clash');
      await expect(store.migrate()).rejects.toMatchObject({ reason: 'query-failed', operation: 'create or upgrade its tables' });
      const { rows } = await pool.query(
        "SELECT (SELECT count(*) FROM clash.schema_migrations)::int AS applied, to_regclass('clash.mappings') IS NULL AS no_mappings",
      );
      expect(rows).toEqual([{ applied: 0, no_mappings: true }]);
    } finally {
      await pool.end();
    }
  });

  it('refuses a stored ledger it cannot read and leaves the row untouched', async () => {
    const store = storeOn('odd_ledger');
    await store.migrate();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query(`INSERT INTO odd_ledger.ledgers (username, ledger) VALUES ('cinephile_ada', '{"version": 9}')`);
      await expect(store.ledger.get('cinephile_ada')).rejects.toMatchObject({
        name: 'SyncPostgresStoreError',
        reason: 'corrupt',
        operation: 'read the ledger of "cinephile_ada"',
      });
      const { rows } = await pool.query('SELECT ledger FROM odd_ledger.ledgers');
      expect(rows).toEqual([{ ledger: { version: 9 } }]);
    } finally {
      await pool.end();
    }
  });

  it('upgrades a version 2 database to the overrides table and the film cache IMDb ids, keeping its data', async () => {
    const store = storeOn('from_version_2');
    await store.set('cinephile_ada', 42);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      // What a database last migrated by the previous release looks like.
      await pool.query(
        'DROP TABLE from_version_2.film_overrides; ALTER TABLE from_version_2.film_cache DROP COLUMN imdb_id; ' +
          'DELETE FROM from_version_2.schema_migrations WHERE version >= 3',
      );
      await pool.query(
        "INSERT INTO from_version_2.film_cache (slug, status, tmdb_id, media_type, method, at) VALUES ('old-one', 'matched', 7, 'movie', 'search-exact', 'then')",
      );
      const upgraded = storeOn('from_version_2');
      await upgraded.overrides.set('the-thing', { kind: 'exclude', setAt: '2026-03-01T10:00:00.000Z' });
      expect(await upgraded.get('cinephile_ada')).toBe(42);
      const { rows } = await pool.query('SELECT max(version)::int AS version FROM from_version_2.schema_migrations');
      expect(rows).toEqual([{ version: 4 }]);
      expect((await upgraded.films.getMany(['old-one'])).get('old-one')).toEqual({
        status: 'matched',
        tmdbId: 7,
        mediaType: 'movie',
        method: 'search-exact',
        resolvedAt: 'then',
      });
    } finally {
      await pool.end();
    }
  });

  it('refuses an override it cannot store or read, and leaves the table untouched', async () => {
    const store = storeOn('odd_override');
    await store.migrate();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const junk = { kind: 'pin', tmdbId: 0, mediaType: 'movie', title: null, year: null, setAt: 'now' } as const;
      await expect(store.overrides.set('the-thing', junk)).rejects.toMatchObject({ name: 'SyncPostgresStoreError', reason: 'invalid-value' });
      await pool.query("INSERT INTO odd_override.film_overrides (film_key, kind, set_at) VALUES ('blank-date', 'exclude', '')");
      await expect(store.overrides.getMany(['blank-date'])).rejects.toMatchObject({
        reason: 'corrupt',
        operation: 'read 1 match overrides',
      });
      await expect(store.overrides.all()).rejects.toMatchObject({ reason: 'corrupt' });
      const { rows } = await pool.query('SELECT film_key FROM odd_override.film_overrides');
      expect(rows).toEqual([{ film_key: 'blank-date' }]);
    } finally {
      await pool.end();
    }
  });

  it('refuses invalid options with a TypeError', () => {
    expect(() => createPostgresStore({ connectionString: url, schema: 'Bad-Name' })).toThrow(TypeError);
    expect(() => createPostgresStore({})).toThrow(/exactly one of `pool` or `connectionString`/);
    expect(() => createPostgresStore({ connectionString: url, pool: new pg.Pool() })).toThrow(TypeError);
  });

  it('frees the lock of a holder whose connection dies (a killed process)', async () => {
    const holder = storeOn('crashed_holder');
    const waiter = storeOn('crashed_holder');
    await holder.migrate();
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let finish: () => void = () => undefined;
    const held = holder.lock('cinephile_ada', async () => {
      entered();
      await new Promise<void>((resolve) => {
        finish = resolve; // only once the other store took the lock over
      });
      return 'holder done';
    });
    await inside;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    try {
      // What the server does when the holder's process is killed: its session ends.
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()",
      );
      expect(await waiter.lock('cinephile_ada', async () => 'taken over')).toBe('taken over');
      finish();
      // The holder's work still completes; its unlock fails on the dead connection, which is then dropped.
      expect(await held).toBe('holder done');
      expect(await holder.lock('cinephile_ada', async () => 'holder again')).toBe('holder again');
    } finally {
      await admin.end();
    }
  });
});
