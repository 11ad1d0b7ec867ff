import type { CsvRecord, CsvTable } from './csv-table.js';
import { ExportError } from './export-error.js';

/**
 * Typed readers for the export's column values. Empty values become `null`; a value of the wrong shape is an
 * {@link ExportError} naming the file, line and column (never a silently dropped row).
 */
export interface FieldReader {
  text(column: string): string;
  optionalText(column: string): string | null;
  date(column: string): string | null;
  year(column: string): number | null;
  rating(column: string): number | null;
  position(column: string): number;
  yes(column: string): boolean;
  tags(column: string): string[];
}

/** Returns readers for one row of `table`. */
export function fieldsOf(table: CsvTable, row: CsvRecord): FieldReader {
  const raw = (column: string) => table.value(row, column);
  const invalid = (column: string, expected: string): never => {
    throw new ExportError(
      `"${table.file}" line ${row.line}: ${column} is "${raw(column)}", expected ${expected}. The file was edited ` +
        'or Letterboxd changed its export format: download a fresh export, or report the line.',
      { reason: 'invalid-csv', file: table.file },
    );
  };
  return {
    text: (column) => raw(column),
    optionalText(column) {
      const value = raw(column);
      return value.trim() === '' ? null : value;
    },
    date(column) {
      const value = raw(column).trim();
      if (value === '') return null;
      // Exports write YYYY-MM-DD; tolerate a time part after it.
      const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(value);
      if (!match) return invalid(column, 'a date (YYYY-MM-DD)');
      const [, y, m, d] = match;
      const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (probe.getUTCMonth() !== Number(m) - 1 || probe.getUTCDate() !== Number(d)) {
        return invalid(column, 'a calendar date (YYYY-MM-DD)');
      }
      return `${y}-${m}-${d}`;
    },
    year(column) {
      const value = raw(column).trim();
      if (value === '') return null;
      if (!/^\d{4}$/.test(value)) return invalid(column, 'a 4-digit year or nothing');
      return Number(value);
    },
    rating(column) {
      const value = raw(column).trim();
      if (value === '') return null;
      const rating = Number(value);
      if (!/^\d+(\.\d+)?$/.test(value) || rating < 0.5 || rating > 5 || !Number.isInteger(rating * 2)) {
        return invalid(column, 'a rating from 0.5 to 5 in steps of 0.5, or nothing');
      }
      return rating;
    },
    position(column) {
      const value = raw(column).trim();
      if (!/^\d+$/.test(value) || Number(value) < 1) return invalid(column, 'a list position (1, 2, …)');
      return Number(value);
    },
    yes: (column) => raw(column).trim().toLowerCase() === 'yes',
    tags: (column) =>
      raw(column)
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
  };
}
