import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SyncMappingStoreError } from '../errors.js';
import { writeFileAtomic } from '@lbx/internal';

/** Reading and writing the JSON files of the file store (mappings, film cache, ledger) with typed errors. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's text, or `undefined` when it does not exist. */
export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SyncMappingStoreError(path, 'unreadable', errorText(error), { cause: error });
  }
}

export function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SyncMappingStoreError(path, 'corrupt', `not valid JSON (${errorText(error)}).`, { cause: error });
  }
}

/** Replaces the file atomically, creating its directory when missing. */
export async function writeJson(path: string, data: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, data);
  } catch (error) {
    throw new SyncMappingStoreError(path, 'write-failed', errorText(error), { cause: error });
  }
}

/**
 * Reads a file of the form `{ "version": 1, "<field>": { "<key>": <value>, … } }`, each value checked by `parse`.
 * A missing file is an empty map; anything else that does not fit raises `SyncMappingStoreError` (`corrupt`).
 */
export async function readVersionedMap<T>(
  path: string,
  field: string,
  parse: (value: unknown) => { success: true; data: T } | { success: false },
  what: string,
): Promise<Map<string, T>> {
  const entries = new Map<string, T>();
  const text = await readText(path);
  if (text === undefined) return entries;
  // Iterate the parsed JSON itself: any key (even "__proto__") is a plain own property there.
  const file = parseJson(path, text) as Record<string, unknown> | null;
  const valid =
    isPlainObject(file) &&
    file.version === 1 &&
    isPlainObject(file[field]) &&
    Object.entries(file[field]).every(([key, value]) => {
      const parsed = parse(value);
      if (parsed.success) entries.set(key, parsed.data);
      return parsed.success;
    });
  if (!valid) throw new SyncMappingStoreError(path, 'corrupt', `not ${what} written by @lbx/sync (version 1).`);
  return entries;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
