import { parse } from 'csv-parse/sync';
import { ExportError } from './export-error.js';

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

/** A record whose start line is only worked out when an error message needs it (a second, slower parse). */
class Record implements CsvRecord {
  constructor(
    readonly fields: string[],
    private readonly index: number,
    private readonly lines: () => number[],
  ) {}

  get line(): number {
    return this.lines()[this.index] ?? 0;
  }
}

/**
 * Parses a CSV file into records with csv-parse: accepts a BOM, CRLF or LF record ends (also mixed, and inside
 * quoted fields), quoted commas/newlines and doubled quotes. Empty lines between records are skipped; line
 * breaks inside values are normalised to `\n`.
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  let parsed: string[][];
  try {
    parsed = parse(text, OPTIONS) as string[][];
  } catch (error) {
    throw new ExportError(
      `"${file}" in the export is not valid CSV (${error instanceof Error ? error.message : String(error)}). ` +
        'The file was probably edited or damaged: download a fresh export and pass it unchanged.',
      { reason: 'invalid-csv', file, cause: error },
    );
  }
  let starts: number[] | null = null;
  const lines = () => (starts ??= startLines(text));
  return parsed.map((record, index) => {
    for (let i = 0; i < record.length; i++) {
      const field = record[i] as string;
      if (field.includes('\r')) record[i] = field.replace(/\r\n?/g, '\n');
    }
    return new Record(record, index, lines);
  });
}

/** Start line of every record: `info.lines` is the line a record ends on, minus the breaks inside it. */
function startLines(text: string): number[] {
  const parsed = parse(text, { ...OPTIONS, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return parsed.map(({ record, info }) => info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0));
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
    throw new ExportError(
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
export function readCsvTable(text: string, file: string, required: readonly string[]): CsvTable | null {
  const [header, ...rows] = parseCsvRecords(text, file);
  return header ? toTable(file, header, rows, required) : null;
}
