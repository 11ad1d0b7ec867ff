import {
  LetterboxdExportError,
  LetterboxdExportTooLargeError,
  LetterboxdExportTooManyError,
  readExport,
  type LetterboxdExport,
  type ReadExportOptions,
} from '@lbx/letterboxd';

/** What the main thread sends the parse worker (as `workerData`). */
export interface ParseRequest {
  zip: Uint8Array;
  options: Omit<ReadExportOptions, 'signal'>;
}

/** What the parse worker posts back: the parsed export, or the error as plain data (it crosses a thread). */
export type ParseReply =
  | { ok: true; data: LetterboxdExport }
  | { ok: false; error: { name: string; message: string; fields: Record<string, unknown> } };

/** Runs `readExport` for a {@link ParseRequest}; never rejects (an error becomes a reply). */
export async function parseRequest(request: ParseRequest): Promise<ParseReply> {
  try {
    return { ok: true, data: await readExport(request.zip, request.options) };
  } catch (error) {
    if (!(error instanceof Error)) return { ok: false, error: { name: 'Error', message: String(error), fields: {} } };
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
    }
    return { ok: false, error: { name: error.name, message: error.message, fields } };
  }
}

/** The typed error of a failed {@link ParseReply}: the same class `readExport` threw in the worker, where it has one. */
export function errorOfReply(error: { name: string; message: string; fields: Record<string, unknown> }): Error {
  // The fields as the worker's error had them (the same classes' own fields).
  const f = error.fields as never as LetterboxdExportTooLargeError & LetterboxdExportTooManyError & { limit: never };
  const file = f.file ?? undefined;
  switch (error.name) {
    case 'LetterboxdExportTooLargeError':
      return new LetterboxdExportTooLargeError({ limit: f.limit, limitBytes: f.limitBytes, actualBytes: f.actualBytes, file });
    case 'LetterboxdExportTooManyError':
      return new LetterboxdExportTooManyError({ limit: f.limit, max: f.max, actual: f.actual, file });
    case 'LetterboxdExportError':
      return new LetterboxdExportError(error.message, { reason: f.reason, file });
    case 'RangeError':
      return new RangeError(error.message);
    default:
      return Object.assign(new Error(error.message), { name: error.name });
  }
}
