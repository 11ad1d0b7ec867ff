import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { LetterboxdExportError, LetterboxdExportTooLargeError, LetterboxdExportTooManyError, EXPORT_SETTINGS_URL } from './export-error.js';

/** Limits of {@link unzipCsvEntries}: sizes in bytes, `maxEntries` in ZIP entries of any kind. */
export interface ZipLimits {
  maxZipBytes: number;
  maxFileBytes: number;
  maxTotalBytes: number;
  maxEntries: number;
}

const MIB = 1024 * 1024;

/**
 * Defaults: the largest real exports are a few MB uncompressed in a few dozen files (one per list); these leave
 * a wide margin for very active members while keeping a hostile upload cheap to refuse.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 32 * MIB,
  maxFileBytes: 32 * MIB,
  maxTotalBytes: 64 * MIB,
  maxEntries: 10_000,
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
    throw new LetterboxdExportTooLargeError({
      limit: 'maxZipBytes',
      limitBytes: limits.maxZipBytes,
      actualBytes: input.byteLength,
    });
  }
  checkEntryCount(declaredEntryCount(input), limits.maxEntries);
  const declared = readDeclaredSizes(input, limits.maxEntries);
  checkDeclaredSizes(declared, limits);
  const raw = await inflateEntries(input, declared, limits, signal);
  return normalisePaths(raw);
}

function isCsvEntry(name: string): boolean {
  const path = name.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /\.csv$/i.test(base) && !base.startsWith('._') && !path.startsWith('__MACOSX/');
}

/**
 * The entry count the end-of-central-directory record declares (read from the last bytes: no entry is looked
 * at), or `null` when there is no such record or it defers to ZIP64 (then the central directory walk counts).
 */
function declaredEntryCount(input: Uint8Array): number | null {
  const last = input.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (input[at] === 0x50 && input[at + 1] === 0x4b && input[at + 2] === 0x05 && input[at + 3] === 0x06) {
      const count = (input[at + 10] as number) | ((input[at + 11] as number) << 8);
      return count === 0xffff ? null : count;
    }
  }
  return null;
}

function checkEntryCount(count: number | null, maxEntries: number): void {
  if (count !== null && count > maxEntries) {
    throw new LetterboxdExportTooManyError({ limit: 'maxEntries', max: maxEntries, actual: count });
  }
}

/**
 * Reads the central directory only (fflate's filter sees each entry's declared size; nothing is inflated),
 * stopping as soon as it has seen more than `maxEntries` entries.
 */
function readDeclaredSizes(input: Uint8Array, maxEntries: number): Map<string, number> {
  const declared = new Map<string, number>();
  let entries = 0;
  try {
    unzipSync(input, {
      filter(file) {
        entries += 1;
        checkEntryCount(entries, maxEntries);
        if (isCsvEntry(file.name)) declared.set(file.name, file.originalSize);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof LetterboxdExportTooManyError) throw error;
    throw corrupt(null, error);
  }
  if (declared.size === 0) {
    throw new LetterboxdExportError(
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
      throw new LetterboxdExportTooLargeError({ limit: 'maxFileBytes', limitBytes: limits.maxFileBytes, actualBytes: size, file });
    }
    total += size;
  }
  if (total > limits.maxTotalBytes) {
    throw new LetterboxdExportTooLargeError({ limit: 'maxTotalBytes', limitBytes: limits.maxTotalBytes, actualBytes: total });
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
  const state: { total: number; failure: LetterboxdExportError | null } = { total: 0, failure: null };

  let entries = 0;
  const unzip = new Unzip((file) => {
    // The central directory walk trusts the end record's count; the local headers are counted here.
    entries += 1;
    if (entries > limits.maxEntries && !state.failure) {
      state.failure = new LetterboxdExportTooManyError({ limit: 'maxEntries', max: limits.maxEntries, actual: entries });
    }
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
        state.failure = new LetterboxdExportTooLargeError({
          limit: 'maxFileBytes',
          limitBytes: limits.maxFileBytes,
          actualBytes: size,
          file: file.name,
        });
      } else if (state.total > limits.maxTotalBytes) {
        state.failure = new LetterboxdExportTooLargeError({
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

function corrupt(file: string | null, cause: unknown): LetterboxdExportError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const where = file ? ` (entry "${file}")` : '';
  return new LetterboxdExportError(
    `Could not read the export: the file is not a valid ZIP or is damaged${where}: ${detail}. Download the ` +
      `export again from ${EXPORT_SETTINGS_URL} and pass the ZIP unchanged (not unpacked, not re-encoded).`,
    { reason: 'corrupt-zip', file: file ?? undefined, cause },
  );
}
