import type { PgPool, PgPoolClient } from './pg-pool.js';

/**
 * Run `fn` while holding the session-level advisory lock `name` on a connection of its own, so that every
 * process sharing the database runs it one at a time. The database releases the lock when the connection
 * ends, so a process killed mid-way never leaves it held. An abort while waiting cancels the wait (the
 * promise rejects with the signal's reason and `fn` never runs); once `fn` runs, it gets the signal itself.
 */
export async function withAdvisoryLock<T>(
  pool: PgPool,
  name: string,
  fn: () => Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  signal?.throwIfAborted();
  const client = await pool.connect();
  let destroy: Error | undefined;
  // A connection lost while we hold it (server restart, killed session) must not crash the process: the lock
  // is gone with it, and the unlock below fails and drops the connection.
  const onConnectionError = (error: Error) => {
    destroy = error;
  };
  client.on('error', onConnectionError);
  try {
    await acquire(pool, client, name, signal);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).catch((error: Error) => {
        // The connection is gone or unusable: dropping it releases the lock too.
        destroy = error;
      });
    }
  } catch (error) {
    destroy ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off('error', onConnectionError);
    client.release(destroy);
  }
}

async function acquire(pool: PgPool, client: PgPoolClient, name: string, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
    return;
  }
  // Fast path: no waiting, so nothing to cancel.
  const tried = await client.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok, pg_backend_pid() AS pid', [name]);
  if (tried.rows[0]?.ok === true) return;
  const pid = Number(tried.rows[0]?.pid);
  const onAbort = () => {
    void pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    signal.throwIfAborted();
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) {
    // Acquired just as the abort came: give it back and report the abort.
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]);
    throw signal.reason;
  }
}
