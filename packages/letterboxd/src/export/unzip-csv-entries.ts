import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { ExportError, ExportTooLargeError, EXPORT_SETTINGS_URL } from './export-error.js';

/** Size limits of {@link unzipCsvEntries}, in bytes. */
export interface ZipLimits {
  maxZipBytes: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

const MIB = 1024 * 1024;

/** Defaults: a genuine export is a few MB; these leave room for very active members. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 50 * MIB,
  maxFileBytes: 100 * MIB,
  maxTotalBytes: 200 * MIB,
};

/**
 * Compressed bytes handed to the inflater at a time. DEFLATE expands at most ~1032:1, so one step can never
 * produce more than ~17 MiB before the running totals are checked again.
 */
const CHUNK_BYTES = 16 * 1024;
/** Give the event loop a turn after this many chunks (1 MiB of input). */
const CHUNKS_PER_TURN = 64;
/** Folders Letterboxd itself creates at the root of an export. */
const EXPORT_FOLDERS = new Set(['lists', 'likes', 'deleted', 'orphaned']);

/**
 * Inflates every CSV entry of a ZIP and decodes it as UTF-8, refusing oversized content twice: first from the
 * sizes the central directory declares (nothing inflated yet), then while inflating (headers can lie).
 * Keys are paths with `/` separators, relative to the export root (an enclosing folder is removed).
 */
export async function unzipCsvEntries(
  input: Uint8Array,
  limits: ZipLimits,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  if (input.byteLength > limits.maxZipBytes) {
    throw new ExportTooLargeError({
      limit: 'maxZipBytes',
      limitBytes: limits.maxZipBytes,
      actualBytes: input.byteLength,
    });
  }
  const declared = readDeclaredSizes(input);
  checkDeclaredSizes(declared, limits);
  const raw = await inflateEntries(input, declared, limits, signal);
  return normalisePaths(raw);
}

function isCsvEntry(name: string): boolean {
  const path = name.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /\.csv$/i.test(base) && !base.startsWith('._') && !path.startsWith('__MACOSX/');
}

/** Reads the central directory only (fflate's filter sees each entry's declared size; nothing is inflated). */
function readDeclaredSizes(input: Uint8Array): Map<string, number> {
  const declared = new Map<string, number>();
  try {
    unzipSync(input, {
      filter(file) {
        if (isCsvEntry(file.name)) declared.set(file.name, file.originalSize);
        return false;
      },
    });
  } catch (error) {
    throw corrupt(null, error);
  }
  if (declared.size === 0) {
    throw new ExportError(
      'This ZIP holds no CSV file, so it is not a Letterboxd data export. Download the export from ' +
        `${EXPORT_SETTINGS_URL} ("Export your data") and pass the ZIP as downloaded.`,
      { reason: 'not-an-export' },
    );
  }
  return declared;
}

function checkDeclaredSizes(declared: Map<string, number>, limits: ZipLimits): void {
  let total = 0;
  for (const [file, size] of declared) {
    if (size > limits.maxFileBytes) {
      throw new ExportTooLargeError({ limit: 'maxFileBytes', limitBytes: limits.maxFileBytes, actualBytes: size, file });
    }
    total += size;
  }
  if (total > limits.maxTotalBytes) {
    throw new ExportTooLargeError({ limit: 'maxTotalBytes', limitBytes: limits.maxTotalBytes, actualBytes: total });
  }
}

async function inflateEntries(
  input: Uint8Array,
  declared: Map<string, number>,
  limits: ZipLimits,
  signal: AbortSignal | undefined,
): Promise<Map<string, Uint8Array>> {
  const parts = new Map<string, Uint8Array[]>();
  const complete = new Set<string>();
  // Written from fflate's callbacks; an object so the checks below are not narrowed away.
  const state: { total: number; failure: ExportError | null } = { total: 0, failure: null };

  const unzip = new Unzip((file) => {
    if (!declared.has(file.name)) return; // not a CSV: never inflated
    const chunks: Uint8Array[] = [];
    let size = 0;
    parts.set(file.name, chunks);
    file.ondata = (error, data, final) => {
      if (state.failure) return;
      if (error) {
        state.failure = corrupt(file.name, error);
        return;
      }
      size += data.length;
      state.total += data.length;
      if (size > limits.maxFileBytes) {
        state.failure = new ExportTooLargeError({
          limit: 'maxFileBytes',
          limitBytes: limits.maxFileBytes,
          actualBytes: size,
          file: file.name,
        });
      } else if (state.total > limits.maxTotalBytes) {
        state.failure = new ExportTooLargeError({
          limit: 'maxTotalBytes',
          limitBytes: limits.maxTotalBytes,
          actualBytes: state.total,
        });
      } else {
        chunks.push(data);
        if (final) complete.add(file.name);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  for (let offset = 0, step = 0; offset < input.length && !state.failure; offset += CHUNK_BYTES, step++) {
    const end = Math.min(offset + CHUNK_BYTES, input.length);
    try {
      unzip.push(input.subarray(offset, end), end === input.length);
    } catch (error) {
      state.failure ??= corrupt(null, error);
    }
    if (step % CHUNKS_PER_TURN === CHUNKS_PER_TURN - 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
    }
  }
  if (state.failure) throw state.failure;
  signal?.throwIfAborted();

  const files = new Map<string, Uint8Array>();
  for (const name of declared.keys()) {
    const chunks = parts.get(name);
    if (!chunks || !complete.has(name)) throw corrupt(name, new Error('entry data missing or truncated'));
    files.set(name, concat(chunks));
  }
  return files;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Decodes as UTF-8 (a BOM is dropped) and strips one enclosing folder, e.g. when the member re-zipped it. */
function normalisePaths(files: Map<string, Uint8Array>): Map<string, string> {
  const decoder = new TextDecoder('utf-8');
  const paths = [...files.keys()].map((name) => name.replace(/\\/g, '/').replace(/^\/+/, ''));
  const firstSegments = new Set(paths.map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/')) : '')));
  const [only] = firstSegments;
  const strip = firstSegments.size === 1 && only && !EXPORT_FOLDERS.has(only.toLowerCase()) ? only.length + 1 : 0;
  const texts = new Map<string, string>();
  let index = 0;
  for (const bytes of files.values()) {
    texts.set((paths[index++] as string).slice(strip), decoder.decode(bytes));
  }
  return texts;
}

function corrupt(file: string | null, cause: unknown): ExportError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const where = file ? ` (entry "${file}")` : '';
  return new ExportError(
    `Could not read the export: the file is not a valid ZIP or is damaged${where}: ${detail}. Download the ` +
      `export again from ${EXPORT_SETTINGS_URL} and pass the ZIP unchanged (not unpacked, not re-encoded).`,
    { reason: 'corrupt-zip', file: file ?? undefined, cause },
  );
}
