import { parseCsvRecords, toTable, type CsvRecord, type RowBudget } from './csv-table.js';
import { LetterboxdExportError } from './export-error.js';
import { fieldsOf } from './export-fields.js';
import type { ExportList, ExportListEntry } from './export-types.js';
import { filmIdentity } from './film-key.js';

/** Rating and liked flag of a film, looked up by its key in the rest of the export. */
export type FilmFacts = (slug: string) => { rating: number | null; liked: boolean | null };

const lower = (record: CsvRecord) => record.fields.map((field) => field.trim().toLowerCase());
const isEntriesHeader = (record: CsvRecord) => {
  const names = lower(record);
  return names[0] === 'position' && names.includes('name');
};
const isListHeader = (record: CsvRecord) => {
  const names = lower(record);
  return names.includes('name') && names.includes('url') && !names.includes('position');
};

/**
 * Parses a list CSV: two tables in one file. Layout since ~2021: a banner line (`Letterboxd list export v7`),
 * the list table (`Date,Name,Tags,URL,Description` + one row), an empty line, the entries table
 * (`Position,Name,Year,URL,Description`). 2020 exports have an empty banner line. The tables are found by
 * their header records, so multi-line descriptions (blank lines included) cannot shift them.
 */
export async function parseListCsv(text: string, file: string, facts: FilmFacts, budget: RowBudget): Promise<ExportList> {
  const records = await parseCsvRecords(text, file, budget);
  const listHeaderAt = records.findIndex(isListHeader);
  const entriesHeaderAt = records.findIndex(isEntriesHeader);
  if (listHeaderAt < 0 || entriesHeaderAt < listHeaderAt) {
    throw new LetterboxdExportError(
      `"${file}" is not laid out like a Letterboxd list export (expected a "Date,Name,Tags,URL,Description" ` +
        'table followed by a "Position,Name,Year,URL,Description" table). Letterboxd may have changed the ' +
        'format: update @lbx/letterboxd, or report the first lines of the file.',
      { reason: 'invalid-csv', file },
    );
  }
  const listTable = toTable(
    file,
    records[listHeaderAt] as CsvRecord,
    records.slice(listHeaderAt + 1, entriesHeaderAt),
    ['Name'],
  );
  const entriesTable = toTable(file, records[entriesHeaderAt] as CsvRecord, records.slice(entriesHeaderAt + 1), [
    'Position',
    'Name',
    'Year',
    'URL',
  ]);

  const meta = listTable.rows[0];
  const list = meta ? fieldsOf(listTable, meta) : undefined;
  const entries: ExportListEntry[] = entriesTable.rows.map((row) => {
    const field = fieldsOf(entriesTable, row);
    const title = field.text('Name');
    const year = field.year('Year');
    const { slug, url } = filmIdentity(field.text('URL'), title, year);
    return {
      slug,
      title,
      year,
      url,
      ...facts(slug),
      filmId: null,
      position: field.position('Position'),
      note: field.optionalText('Description'),
    };
  });
  entries.sort((a, b) => a.position - b.position);

  return {
    name: list?.text('Name') || fileSlug(file),
    description: list?.optionalText('Description') ?? null,
    url: list?.optionalText('URL')?.trim() ?? null,
    date: list?.date('Date') ?? null,
    tags: list?.tags('Tags') ?? [],
    file,
    entries,
  };
}

function fileSlug(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.csv$/i, '');
}
