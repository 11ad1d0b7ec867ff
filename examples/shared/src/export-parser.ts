import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LetterboxdExport, ReadExportOptions } from '@lbx/letterboxd';
import { errorOfReply, type ParseReply, type ParseRequest } from './export-parse-reply';

const MIB = 1024 * 1024;

/**
 * The limits the apps read exports with (upload and stored ZIPs alike, so an accepted upload always reads back).
 * The largest real export we know is a few MB uncompressed with tens of thousands of rows; these leave a wide
 * margin over it while keeping a hostile ZIP's parse small: 32 MiB ZIP, 16 MiB per CSV, 32 MiB of CSV in all,
 * 10,000 entries, 100,000 rows.
 */
export const EXPORT_READ_LIMITS = {
  maxZipBytes: 32 * MIB,
  maxFileBytes: 16 * MIB,
  maxTotalBytes: 32 * MIB,
  maxEntries: 10_000,
  maxRows: 100_000,
} as const satisfies Omit<ReadExportOptions, 'signal'>;

/** Default heap limit of the parse worker (`maxOldGenerationSizeMb`), in MiB. */
export const EXPORT_PARSE_MEMORY_MB = 192;

/** Options of {@link parseExportInWorker}. */
export interface ParseExportInWorkerOptions extends ReadExportOptions {
  /** Heap limit of the worker (V8's old generation), in MiB. Default {@link EXPORT_PARSE_MEMORY_MB}. */
  memoryLimitMb?: number;
}

/**
 * The parse worker failed without a `readExport` error: it ran out of its heap limit (`reason` `out-of-memory`:
 * the export is too heavy to read, answer 413) or stopped unexpectedly (`crashed`).
 */
export class ExportWorkerError extends Error {
  /** `out-of-memory`: the worker hit its heap limit; `crashed`: it failed or exited without an answer. */
  readonly reason: 'out-of-memory' | 'crashed';

  constructor(reason: 'out-of-memory' | 'crashed', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportWorkerError';
    this.reason = reason;
  }
}

/** A worker is kept for the next parse only after reading at most this many rows (or failing early). */
const KEEP_AFTER_ROWS = 20_000;

function rowsOf(data: LetterboxdExport): number {
  const lists = data.lists.reduce((sum, list) => sum + list.entries.length, 0);
  return data.watched.length + data.ratings.length + (data.likes?.length ?? 0) + data.watchlist.length + data.diary.length + lists;
}

/** How long an idle parse worker is kept for the next parse before it is ended, in milliseconds. */
const IDLE_MS = 5000;

/** A parse worker and the parse it runs (its listeners are attached once and report to `job`). */
interface ParseWorker {
  worker: Worker;
  memoryLimitMb: number;
  job: { done: (outcome: { reply: ParseReply } | { error: Error & { code?: string } }) => void } | null;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

let turn: Promise<unknown> = Promise.resolve();
let waiting = 0;
/** The parse worker kept between parses (ended after {@link IDLE_MS} idle, on abort, or when it fails). */
let kept: ParseWorker | null = null;

/** Parses waiting for their turn or running, in this process. */
export function exportParsesPending(): number {
  return waiting;
}

/**
 * Reads an export ZIP like `readExport` (same options and errors), but in a `worker_threads` worker with a heap
 * limit, one parse at a time per process: the event loop stays free (a server keeps answering), concurrent parses
 * wait their turn instead of multiplying memory, and a ZIP that would need more than `memoryLimitMb` ends in an
 * {@link ExportWorkerError} (`out-of-memory`) instead of taking the process down. `signal` ends the wait or the
 * parse (the worker is ended). After a small export the worker is kept for the next parse for a few seconds,
 * then ended; after a large one (over 20,000 rows) it is ended at once, so its memory is returned.
 */
export function parseExportInWorker(zip: Uint8Array, options: ParseExportInWorkerOptions = {}): Promise<LetterboxdExport> {
  const { signal, memoryLimitMb = EXPORT_PARSE_MEMORY_MB, ...limits } = options;
  waiting += 1;
  const myTurn = turn;
  const run = (async () => {
    try {
      await untilTurnOrAbort(myTurn, signal);
      signal?.throwIfAborted();
      return await runInWorker({ zip, options: limits }, memoryLimitMb, signal);
    } finally {
      waiting -= 1;
    }
  })();
  // The next parse starts when this one is over (an aborted waiter is over at once: its turn passes on).
  turn = Promise.all([myTurn, run.catch(() => undefined)]);
  return run;
}

/** Resolves when `previous` settles; rejects with the signal's reason as soon as it aborts. */
function untilTurnOrAbort(previous: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  if (signal === undefined) return previous.then(() => undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void previous.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** The kept worker when it has the same heap limit, else a new one (the other is ended). */
function takeWorker(memoryLimitMb: number): ParseWorker {
  const reuse = kept;
  kept = null;
  if (reuse !== null) {
    clearTimeout(reuse.idleTimer);
    if (reuse.memoryLimitMb === memoryLimitMb) {
      reuse.worker.ref();
      return reuse;
    }
    void reuse.worker.terminate();
  }
  const handle: ParseWorker = { worker: startWorker(memoryLimitMb), memoryLimitMb, job: null, idleTimer: undefined };
  handle.worker.on('message', (reply: ParseReply) => handle.job?.done({ reply }));
  handle.worker.on('error', (error: Error) => handle.job?.done({ error }));
  handle.worker.on('exit', (code) =>
    handle.job?.done({ error: new Error(`the worker exited (code ${code}) without an answer`) }),
  );
  return handle;
}

/** Keeps `handle` for the next parse; it never keeps the process alive and ends after {@link IDLE_MS}. */
function keepWorker(handle: ParseWorker): void {
  handle.worker.unref();
  handle.idleTimer = setTimeout(() => {
    if (kept === handle) kept = null;
    void handle.worker.terminate();
  }, IDLE_MS);
  handle.idleTimer.unref();
  kept = handle;
}

function runInWorker(request: ParseRequest, memoryLimitMb: number, signal: AbortSignal | undefined): Promise<LetterboxdExport> {
  return new Promise((resolve, reject) => {
    const handle = takeWorker(memoryLimitMb);
    const finish = (keep: boolean) => {
      handle.job = null;
      signal?.removeEventListener('abort', onAbort);
      if (keep) keepWorker(handle);
      else void handle.worker.terminate();
    };
    const onAbort = () => {
      finish(false);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    handle.job = {
      done: (outcome) => {
        // A worker that just read a large export holds a large heap: end it (its memory returns at once).
        finish('reply' in outcome && (!outcome.reply.ok || rowsOf(outcome.reply.data) <= KEEP_AFTER_ROWS));
        if ('reply' in outcome) {
          if (outcome.reply.ok) resolve(outcome.reply.data);
          else reject(errorOfReply(outcome.reply.error));
        } else if (outcome.error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(
            new ExportWorkerError(
              'out-of-memory',
              `Reading the export needed more than the parser's ${memoryLimitMb} MiB heap limit, so it was stopped; ` +
                'nothing was read. A genuine Letterboxd export needs far less: check that this is the untouched file.',
              { cause: outcome.error },
            ),
          );
        } else {
          reject(new ExportWorkerError('crashed', `The export parser failed: ${outcome.error.message}`, { cause: outcome.error }));
        }
      },
    };
    handle.worker.postMessage(request);
  });
}

/**
 * A parse worker: the bundled `export-parse-worker.js` next to the running bundle, or — when running from the
 * TypeScript sources (tsx, vitest) — the `.ts` entry loaded through tsx with the workspace's source condition.
 */
function startWorker(memoryLimitMb: number): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: 16 };
  if (!here.endsWith('.ts')) return new Worker(new URL('./export-parse-worker.js', here), { resourceLimits });
  const entry = JSON.stringify(new URL('./export-parse-worker.ts', here).href);
  const tsx = join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  return new Worker(`import(${JSON.stringify(pathToFileURL(tsx).href)}).then(({ tsImport }) => tsImport(${entry}, ${entry}));`, {
    eval: true,
    execArgv: ['--conditions=@lbx/source'],
    resourceLimits,
  });
}
