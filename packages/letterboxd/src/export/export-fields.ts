import type { CsvRecord, CsvTable } from './csv-table.js';
import { LetterboxdExportError } from './export-error.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/;

/**
 * Typed readers for the column values of one row. Empty values become `null`; a value of the wrong shape is an
 * {@link LetterboxdExportError} naming the file, line and column (never a silently dropped row).
 */
export class FieldReader {
  constructor(
    private readonly table: CsvTable,
    private readonly row: CsvRecord,
  ) {}

  /** The raw value (`''` when absent). */
  text(column: string): string {
    return this.table.value(this.row, column);
  }

  optionalText(column: string): string | null {
    const value = this.text(column);
    return value.trim() === '' ? null : value;
  }

  date(column: string): string | null {
    const value = this.text(column).trim();
    if (value === '') return null;
    // Exports write YYYY-MM-DD; tolerate a time part after it.
    const match = DATE.exec(value);
    if (!match) return this.invalid(column, 'a date (YYYY-MM-DD)');
    const [, y, m, d] = match as unknown as [string, string, string, string];
    const month = Number(m);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > daysIn(Number(y), month)) {
      return this.invalid(column, 'a calendar date (YYYY-MM-DD)');
    }
    return value.length === 10 ? value : `${y}-${m}-${d}`;
  }

  year(column: string): number | null {
    const value = this.text(column).trim();
    if (value === '') return null;
    if (!/^\d{4}$/.test(value)) return this.invalid(column, 'a 4-digit year or nothing');
    return Number(value);
  }

  rating(column: string): number | null {
    const value = this.text(column).trim();
    if (value === '') return null;
    const rating = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || rating < 0.5 || rating > 5 || !Number.isInteger(rating * 2)) {
      return this.invalid(column, 'a rating from 0.5 to 5 in steps of 0.5, or nothing');
    }
    return rating;
  }

  position(column: string): number {
    const value = this.text(column).trim();
    if (!/^\d+$/.test(value) || Number(value) < 1) return this.invalid(column, 'a list position (1, 2, …)');
    return Number(value);
  }

  yes(column: string): boolean {
    return this.text(column).trim().toLowerCase() === 'yes';
  }

  tags(column: string): string[] {
    const value = this.text(column);
    if (value === '') return [];
    return value
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
  }

  private invalid(column: string, expected: string): never {
    throw new LetterboxdExportError(
      `"${this.table.file}" line ${this.row.line}: ${column} is "${this.text(column)}", expected ${expected}. The ` +
        'file was edited or Letterboxd changed its export format: download a fresh export, or report the line.',
      { reason: 'invalid-csv', file: this.table.file },
    );
  }
}

/** Returns the readers for one row of `table`. */
export function fieldsOf(table: CsvTable, row: CsvRecord): FieldReader {
  return new FieldReader(table, row);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
