import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { SyncMappingStoreError } from '../errors.js';

/** Timing of {@link withFileLock}, in milliseconds. */
export interface FileLockTiming {
  /** Give up waiting for another process after this long. */
  timeoutMs: number;
  /** Pause between two attempts while another process holds the lock. */
  retryMs: number;
  /** A lock whose holder stopped refreshing it for this long (a killed process) is taken over. */
  staleMs: number;
}

/**
 * The lock path of `key` next to `file`: `<file>.<key>.lock` for plain keys (usernames), a short hash of the
 * key otherwise (any character, any length).
 */
export function lockPathFor(file: string, key: string): string {
  const safe = /^[A-Za-z0-9_-]{1,100}$/.test(key) ? key : createHash('sha256').update(key).digest('hex').slice(0, 24);
  return `${file}.${safe}.lock`;
}

/**
 * Runs `fn` while holding the lock directory `lockPath` (proper-lockfile: an atomic `mkdir`, refreshed while
 * held, taken over once stale, removed on release). Waits while another process holds it.
 */
export async function withFileLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  timing: FileLockTiming,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + timing.timeoutMs;
  let release: () => Promise<void>;
  for (;;) {
    signal?.throwIfAborted();
    try {
      await mkdir(dirname(lockPath), { recursive: true });
      release = await lockfile.lock(lockPath, {
        lockfilePath: lockPath,
        realpath: false,
        retries: 0,
        stale: timing.staleMs,
        update: Math.max(1000, Math.floor(timing.staleMs / 3)),
        // A lock lost mid-sync (the holder stalled longer than `staleMs`) must not crash the process; the
        // sync's duplicate-list adoption is the second line of defence.
        onCompromised: () => undefined,
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw new SyncMappingStoreError(lockPath, 'lock-failed', messageOf(error), { cause: error });
      }
      if (Date.now() >= deadline) {
        throw new SyncMappingStoreError(
          lockPath,
          'lock-failed',
          `another process has held it for more than ${Math.round(timing.timeoutMs / 1000)} s. If no other ` +
            'sync is running, delete that lock directory and retry.',
          { cause: error },
        );
      }
      await sleep(timing.retryMs, signal);
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
