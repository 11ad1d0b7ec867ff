import { strToU8, zipSync } from 'fflate';
import { filmIdOf, shortIdOf } from './film-identity.js';
import type { FakeFilm, FakeMember } from './types.js';

/** Options of {@link renderMemberExport}. */
export interface MemberExportOptions {
  /** Day of the export (`YYYY-MM-DD`); every row is dated on or before it. Default `2026-11-01`. */
  exportedOn?: string;
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csv = (header: string, rows: string[][]) =>
  `${[header, ...rows.map((row) => row.map(csvField).join(','))].join('\r\n')}\r\n`;

/**
 * The member's data export as Letterboxd writes it (a ZIP of CRLF CSVs, films keyed by `boxd.it` short links,
 * no TMDb ids): profile, watched, ratings, likes/films, watchlist and an empty diary, reflecting `member.films`
 * as they are now. Row dates count back a day per film from `exportedOn`.
 */
export function renderMemberExport(member: FakeMember, options: MemberExportOptions = {}): Uint8Array {
  const day = Date.parse(`${options.exportedOn ?? '2026-11-01'}T00:00:00Z`);
  const row = (film: FakeFilm, index: number) => [
    new Date(day - index * 86_400_000).toISOString().slice(0, 10),
    film.title,
    film.year === null ? '' : String(film.year),
    `https://boxd.it/${shortIdOf(filmIdOf(film))}`,
  ];
  const films = member.films.map((film, index) => ({ film, index }));
  const logged = films.filter(({ film }) => film.watched !== false);
  const files = {
    'profile.csv': csv('Date Joined,Username,Given Name,Family Name,Email Address,Location,Website,Bio,Pronoun,Favorite Films', [
      ['2019-01-01', member.username, member.displayName, '', `${member.username}@example.invalid`, '', '', member.bio ?? '', '', ''],
    ]),
    'watched.csv': csv('Date,Name,Year,Letterboxd URI', logged.map(({ film, index }) => row(film, index))),
    'ratings.csv': csv(
      'Date,Name,Year,Letterboxd URI,Rating',
      logged.filter(({ film }) => film.rating !== null).map(({ film, index }) => [...row(film, index), String(film.rating)]),
    ),
    'likes/films.csv': csv('Date,Name,Year,Letterboxd URI', logged.filter(({ film }) => film.liked).map(({ film, index }) => row(film, index))),
    'watchlist.csv': csv('Date,Name,Year,Letterboxd URI', films.filter(({ film }) => film.watchlisted).map(({ film, index }) => row(film, index))),
    'diary.csv': csv('Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date', []),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}
