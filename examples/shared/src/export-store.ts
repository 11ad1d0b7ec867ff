import { readFile, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeUsername } from '@lbx/sync';
import { writeFileAtomic } from './atomic-write';
import { USERNAME_PATTERN } from './env-schema';

/**
 * Where a member's data export lives: `<dir>/<username>.zip`, the username lower-cased (Letterboxd usernames
 * are case-insensitive, so `Alice` and `alice` share one file).
 */
export function exportFilePath(dir: string, username: string): string {
  if (!USERNAME_PATTERN.test(username)) {
    throw new TypeError(`Not a valid Letterboxd username: ${JSON.stringify(username)}`);
  }
  return join(dir, `${normalizeUsername(username)}.zip`);
}

/**
 * Store a member's export atomically: written to a temporary file in the same directory, flushed to disk,
 * then renamed over `<dir>/<username>.zip`, so a reader (the cron runner) never sees half a file. Creates
 * `dir` when missing. Returns the final path.
 */
export async function saveExport(
  dir: string,
  username: string,
  bytes: Uint8Array,
  options: { /** The export's own time, kept as the file's modification time (the ledger dates the export by it). */ modifiedAt?: Date } = {},
): Promise<string> {
  const target = exportFilePath(dir, username);
  // Exports hold the member's e-mail address and diary: readable by the owner only.
  await writeFileAtomic(target, bytes, { mode: 0o600 });
  if (options.modifiedAt) await utimes(target, options.modifiedAt, options.modifiedAt);
  return target;
}

/** The stored export's bytes, or `null` when the member has none (or `dir` is `null`). */
export async function loadExport(dir: string | null, username: string): Promise<Uint8Array | null> {
  if (dir === null) return null;
  try {
    return new Uint8Array(await readFile(exportFilePath(dir, username)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether the member has a stored export (`false` when `dir` is `null`). */
export async function hasStoredExport(dir: string | null, username: string): Promise<boolean> {
  if (dir === null) return false;
  try {
    return (await stat(exportFilePath(dir, username))).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
