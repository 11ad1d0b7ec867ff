import { readCsvTable, type RowBudget } from './csv-table.js';
import { fieldsOf } from './export-fields.js';
import type { ExportProfile } from './export-types.js';

/** Parses `profile.csv` (one row); `null` when it holds only its header. The e-mail column is never read. */
export async function parseProfileCsv(text: string, file: string, budget: RowBudget): Promise<ExportProfile | null> {
  const table = await readCsvTable(text, file, ['Username'], budget);
  const row = table?.rows[0];
  if (!table || !row) return null;
  const field = fieldsOf(table, row);
  return {
    username: field.text('Username').trim(),
    dateJoined: field.date('Date Joined'),
    givenName: field.optionalText('Given Name'),
    familyName: field.optionalText('Family Name'),
    location: field.optionalText('Location'),
    website: field.optionalText('Website'),
    bio: field.optionalText('Bio'),
    pronoun: field.optionalText('Pronoun'),
    favoriteFilms: field
      .text('Favorite Films')
      .split(',')
      .map((link) => link.trim())
      .filter((link) => link !== ''),
  };
}
