import { parse } from 'csv-parse/sync';
import { ExportError } from './export-error.js';

/** One CSV record with the (1-based) physical line it starts on, for error messages. */
export interface CsvRecord {
  fields: string[];
  line: number;
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

/**
 * Parses a CSV file into records with csv-parse: accepts a BOM, CRLF or LF record ends (also mixed, and inside
 * quoted fields), quoted commas/newlines and doubled quotes. Empty lines between records are skipped; line
 * breaks inside values are normalised to `\n`.
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    throw new ExportError(
      `"${file}" in the export is not valid CSV (${error instanceof Error ? error.message : String(error)}). ` +
        'The file was probably edited or damaged: download a fresh export and pass it unchanged.',
      { reason: 'invalid-csv', file, cause: error },
    );
  }
  let line = 1;
  return parsed.map(({ record, info }) => {
    // info.lines is the line the record ends on; its start is the previous record's end + 1 (or later).
    const lines = record.reduce((n, field) => n + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    line = info.lines - lines;
    return { fields: record.map((field) => field.replace(/\r\n?/g, '\n')), line };
  });
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
  return {
    file,
    header: names,
    rows,
    value(row, column) {
      const i = index.get(column.toLowerCase());
      return i === undefined ? '' : (row.fields[i] ?? '');
    },
    has(column) {
      return index.has(column.toLowerCase());
    },
  };
}
