import { parse as parseStream } from 'csv-parse';
import { LetterboxdExportError, LetterboxdExportTooManyError } from './export-error.js';

/** One CSV record. `line` (1-based physical line it starts on, for error messages) is computed on demand. */
export interface CsvRecord {
  fields: string[];
  readonly line: number;
}

/** A header plus its rows, with values looked up by column name. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRecord[];
  /** The value of `column` in `row` (`''` when the row is short or the column is absent). */
  value(row: CsvRecord, column: string): string;
  has(column: string): boolean;
}

const OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** A record whose start line is worked out only when an error message needs it. */
class LazyLineRecord implements CsvRecord {
  constructor(
    readonly fields: string[],
    /** The line the record ends on (csv-parse's `info.lines` when it emitted the record). */
    private readonly endLine: number,
  ) {}

  /** The end line minus the line breaks inside the record's values (normalised to `\n` by then). */
  get line(): number {
    return this.endLine - this.fields.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  }
}

/** How many CSV records may still be read, shared by every file of one export (`maxRows`). */
export interface RowBudget {
  readonly max: number;
  used: number;
}

/** Characters handed to the parser between two turns of the event loop. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Parses a CSV file into records with csv-parse: accepts a BOM, CRLF or LF record ends (also mixed, and inside
 * quoted fields), quoted commas/newlines and doubled quotes. Empty lines between records are skipped; line
 * breaks inside values are normalised to `\n`. The text is fed in chunks with a turn of the event loop between
 * them, and parsing stops as soon as `budget` is spent ({@link LetterboxdExportTooManyError}).
 */
export async function parseCsvRecords(text: string, file: string, budget: RowBudget): Promise<CsvRecord[]> {
  const parsed: string[][] = [];
  const endLines: number[] = [];
  const state: { failure: unknown } = { failure: undefined };
  const parser = parseStream(OPTIONS);
  parser.on('data', (record: string[]) => {
    if (state.failure !== undefined) return;
    budget.used += 1;
    if (budget.used > budget.max) {
      state.failure = new LetterboxdExportTooManyError({ limit: 'maxRows', max: budget.max, actual: budget.used, file });
      parser.destroy();
      return;
    }
    parsed.push(record);
    endLines.push(parser.info.lines);
  });
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('close', resolve);
    parser.on('error', (error) => {
      state.failure ??= invalidCsv(file, error);
      resolve();
    });
  });
  for (let at = 0; at < text.length && state.failure === undefined; ) {
    let end = Math.min(at + CHUNK_CHARS, text.length);
    // Never split a surrogate pair between two chunks.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end += 1;
    parser.write(text.slice(at, end));
    at = end;
    if (at < text.length) await new Promise((resolve) => setImmediate(resolve));
  }
  if (state.failure === undefined) parser.end();
  await ended;
  if (state.failure !== undefined) throw state.failure;
  return parsed.map((record, index) => {
    for (let i = 0; i < record.length; i++) {
      const field = record[i] as string;
      if (field.includes('\r')) record[i] = field.replace(/\r\n?/g, '\n');
    }
    return new LazyLineRecord(record, endLines[index] as number);
  });
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function invalidCsv(file: string, error: unknown): LetterboxdExportError {
  return new LetterboxdExportError(
    `"${file}" in the export is not valid CSV (${error instanceof Error ? error.message : String(error)}). ` +
      'The file was probably edited or damaged: download a fresh export and pass it unchanged.',
    { reason: 'invalid-csv', file, cause: error },
  );
}

/** Builds a table from a header record and the rows after it, checking that `required` columns exist. */
export function toTable(file: string, header: CsvRecord, rows: CsvRecord[], required: readonly string[]): CsvTable {
  const names = header.fields.map((name) => name.trim());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (!index.has(name.toLowerCase())) index.set(name.toLowerCase(), i);
  });
  const missing = required.filter((column) => !index.has(column.toLowerCase()));
  if (missing.length > 0) {
    throw new LetterboxdExportError(
      `"${file}" in the export has the header "${names.join(',')}" but lacks the column(s) ` +
        `${missing.map((m) => `"${m}"`).join(', ')}. Letterboxd may have changed its export format: update ` +
        '@lbx/letterboxd, or report the header line.',
      { reason: 'invalid-csv', file },
    );
  }
  const byName = new Map<string, number | undefined>();
  const find = (column: string) => {
    if (!byName.has(column)) byName.set(column, index.get(column.toLowerCase()));
    return byName.get(column);
  };
  return {
    file,
    header: names,
    rows,
    value(row, column) {
      const i = find(column);
      return i === undefined ? '' : (row.fields[i] ?? '');
    },
    has(column) {
      return index.has(column.toLowerCase());
    },
  };
}

/** Parses a file with a header row into a table (see {@link toTable}); `null` when the file is empty. */
export async function readCsvTable(
  text: string,
  file: string,
  required: readonly string[],
  budget: RowBudget,
): Promise<CsvTable | null> {
  const [header, ...rows] = await parseCsvRecords(text, file, budget);
  return header ? toTable(file, header, rows, required) : null;
}
