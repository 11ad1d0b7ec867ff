import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LetterboxdExport } from '@lbx/letterboxd';
import { writeFileAtomic } from './atomic-write';
import { EXPORT_READ_LIMITS, parseExportInWorker } from './export-parser';
import { exportFilePath, loadExport } from './export-store';

/** Format of the parsed-export files; another version is ignored (the ZIP is parsed again). */
const FORMAT = 1;

/** What is stored next to `<username>.zip`: the parsed export, tied to the exact ZIP it came from. */
interface ParsedExportFile {
  format: number;
  /** SHA-256 of the ZIP the export was parsed from (hex). */
  zipSha256: string;
  export: LetterboxdExport;
}

/** `<dir>/<username>.parsed.json`: the parsed form of the member's stored export (username lower-cased). */
export function parsedExportPath(dir: string, username: string): string {
  return exportFilePath(dir, username).replace(/\.zip$/, '.parsed.json');
}

function sha256(zip: Uint8Array): string {
  return createHash('sha256').update(zip).digest('hex');
}

/**
 * Stores the parsed form of the member's export `zip` next to it (atomically, readable by the owner only), so
 * that syncs read it instead of parsing the ZIP again. Returns the path.
 */
export async function saveParsedExport(dir: string, username: string, zip: Uint8Array, data: LetterboxdExport): Promise<string> {
  const path = parsedExportPath(dir, username);
  const file: ParsedExportFile = { format: FORMAT, zipSha256: sha256(zip), export: data };
  await writeFileAtomic(path, JSON.stringify(file), { mode: 0o600 });
  return path;
}

/** The stored parsed form of `zip`, or `null` when there is none, it came from other bytes, or it is unreadable. */
async function loadParsedExport(dir: string, username: string, zip: Uint8Array): Promise<LetterboxdExport | null> {
  try {
    const file = JSON.parse(await readFile(parsedExportPath(dir, username), 'utf8')) as Partial<ParsedExportFile> | null;
    return file?.format === FORMAT && file.zipSha256 === sha256(zip) && typeof file.export === 'object' ? (file.export ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * The member's stored export, parsed: its parsed form when it matches the ZIP (stored at upload), else the ZIP
 * parsed off the main thread ({@link parseExportInWorker}, {@link EXPORT_READ_LIMITS}) and its parsed form stored
 * for the next time (a ZIP dropped in by hand, or replaced, is parsed once). `null` when the member has no
 * export. Throws what the parse throws.
 */
export async function readStoredExport(dir: string | null, username: string): Promise<LetterboxdExport | null> {
  const zip = await loadExport(dir, username);
  if (zip === null || dir === null) return null;
  const stored = await loadParsedExport(dir, username, zip);
  if (stored !== null) return stored;
  const data = await parseExportInWorker(zip, EXPORT_READ_LIMITS);
  // Only a cache: a directory that refuses the write costs a parse next time, not the sync.
  await saveParsedExport(dir, username, zip, data).catch(() => undefined);
  return data;
}

/** How many member exports `dir` stores, and the bytes they take (ZIPs and parsed forms) in all and per member. */
export async function storedExportsUsage(dir: string): Promise<{ exports: number; bytes: number; bytesByMember: Map<string, number> }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exports: 0, bytes: 0, bytesByMember: new Map() };
    throw error;
  }
  const bytesByMember = new Map<string, number>();
  let bytes = 0;
  let exports = 0;
  for (const name of names) {
    const match = /^([a-z0-9_-]{1,100})\.(zip|parsed\.json)$/.exec(name);
    if (!match) continue;
    const size = (await stat(join(dir, name)).catch(() => null))?.size ?? 0;
    const member = match[1] as string;
    if (match[2] === 'zip') exports += 1;
    bytes += size;
    bytesByMember.set(member, (bytesByMember.get(member) ?? 0) + size);
  }
  return { exports, bytes, bytesByMember };
}
