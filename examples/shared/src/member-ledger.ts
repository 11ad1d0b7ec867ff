import { stat } from 'node:fs/promises';
import type { LetterboxdClient, LetterboxdExport } from '@lbx/letterboxd';
import {
  createLedgerSource,
  readLedger,
  refreshLedger,
  seedLedgerFromExport,
  type FilmSource,
  type MappingStore,
} from '@lbx/sync';
import { exportFilePath } from './export-store';
import { readStoredExport } from './parsed-export';

/** A line about a member's source for the run report. */
export interface SourceNote {
  level: 'info' | 'warn';
  message: string;
}

/** What opening a member's ledger did, for the run report. */
export interface LedgerOpened {
  /** The ledger as a film source. */
  source: FilmSource;
  /** Lines worth reporting: the export seeded, new feed entries, a feed that could not be read. */
  notes: SourceNote[];
}

/** A stored export's time: its file's modification time (the upload sets it to the time in the ZIP's name). */
async function exportTime(path: string): Promise<string | null> {
  try {
    return (await stat(path)).mtime.toISOString();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Seeds the member's ledger from their stored export `<exportDir>/<username>.zip` when it is newer than the
 * export the ledger last saw (dated by the file's modification time), from its parsed form (`readStoredExport`:
 * parsed off the main thread once). Returns whether it seeded. A stored
 * export that cannot be read throws (fix or delete the file; it is never silently skipped).
 */
export async function seedFromStoredExport(
  store: MappingStore,
  exportDir: string | null,
  username: string,
  /** The stored export, already parsed (the upload has it): saves reading its parsed form back. */
  parsed?: LetterboxdExport,
): Promise<boolean> {
  if (exportDir === null) return false;
  const path = exportFilePath(exportDir, username);
  const exportedAt = await exportTime(path);
  if (exportedAt === null) return false;
  const ledger = await readLedger(username, { store });
  if (ledger.exportedAt !== null && ledger.exportedAt >= exportedAt) return false;
  let data;
  try {
    data = parsed ?? (await readStoredExport(exportDir, username));
  } catch (error) {
    throw new Error(
      `The stored data export ${path} could not be read (${error instanceof Error ? error.message : String(error)}); ` +
        'upload a fresh export or delete the file.',
      { cause: error },
    );
  }
  if (data === null) return false; // removed meanwhile
  await seedLedgerFromExport(username, data, { store }, { exportedAt });
  return true;
}

/**
 * Opens the member's ledger for a sync: seeds it from a new stored export, then reads the RSS feed (one
 * request) and merges it. A feed that cannot be read leaves the ledger as it was and is reported in `notes`:
 * the sync goes on from the ledger as it stands.
 */
export async function openLedger(
  deps: { store: MappingStore; exportDir: string | null; letterboxd: Pick<LetterboxdClient, 'getRssFeed'> },
  username: string,
  options: { signal?: AbortSignal } = {},
): Promise<LedgerOpened> {
  const notes: SourceNote[] = [];
  if (await seedFromStoredExport(deps.store, deps.exportDir, username)) notes.push({ level: 'info', message: 'film ledger seeded from the stored data export' });
  const refreshed = await refreshLedger(username, { store: deps.store, feed: deps.letterboxd }, options);
  if (refreshed.status === 'failed') notes.push({ level: 'warn', message: refreshed.error.message });
  else if (refreshed.report.added + refreshed.report.updated > 0) {
    const { added, updated } = refreshed.report;
    notes.push({ level: 'info', message: `RSS feed: ${added} new and ${updated} updated film(s) in the ledger` });
  }
  return { source: createLedgerSource({ store: deps.store }), notes };
}
