import { strToU8, zipSync } from 'fflate';

/** One film row of a made-up export: `Lantern Film <n>` with a boxd.it code. */
export interface ExportRow {
  n: number;
  /** The boxd.it code (one per film across the export's files). */
  code: string;
  /** `Date` of the row (`YYYY-MM-DD`). */
  date: string;
  rating?: number;
  liked?: boolean;
  /** Override the title (e.g. two films sharing one). */
  title?: string;
}

/** A data export ZIP as Letterboxd writes it: CRLF, boxd.it links, every file present, no TMDb ids. */
export function exportZip(username: string, rows: readonly ExportRow[], options: { likes?: boolean } = {}): Uint8Array {
  const csv = (header: string, lines: string[][]) => `${[header, ...lines.map((line) => line.join(','))].join('\r\n')}\r\n`;
  const film = (row: ExportRow) => [row.date, row.title ?? `Lantern Film ${row.n}`, String(1959 + row.n), `https://boxd.it/${row.code}`];
  const files: Record<string, Uint8Array> = {
    'profile.csv': strToU8(
      csv('Date Joined,Username,Given Name,Family Name,Email Address,Location,Website,Bio,Pronoun,Favorite Films', [
        ['2019-04-01', username, '', '', 'member@example.invalid', '', '', '', '', ''],
      ]),
    ),
    'watched.csv': strToU8(csv('Date,Name,Year,Letterboxd URI', rows.map(film))),
    'ratings.csv': strToU8(
      csv('Date,Name,Year,Letterboxd URI,Rating', rows.filter((r) => r.rating !== undefined).map((r) => [...film(r), String(r.rating)])),
    ),
    'watchlist.csv': strToU8(csv('Date,Name,Year,Letterboxd URI', [])),
    'diary.csv': strToU8(csv('Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date', [])),
  };
  if (options.likes !== false) {
    files['likes/films.csv'] = strToU8(csv('Date,Name,Year,Letterboxd URI', rows.filter((r) => r.liked).map(film)));
  }
  return zipSync(files);
}
