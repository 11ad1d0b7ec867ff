import { seededRandom } from './seeded-random.js';
import type { FakeFilm, FakeMember } from './types.js';

/** Options of {@link generateMember}. */
export interface GenerateMemberOptions {
  username: string;
  /** How many films the member logged (watched). */
  films: number;
  /** How many of them are both liked and rated (the "top rated" candidates). Default `films / 10`, rounded down. */
  likedAndRated?: number;
  /** Extra films only on the watchlist (not watched). Default `films / 20`, rounded down. */
  watchlistOnly?: number;
  /** PRNG seed; the same options always give the same member. Default 1. */
  seed?: number;
}

const OPENERS = ['The', 'A', 'Last', 'Blue', 'Silent', 'Paper', 'Golden', 'Midnight', 'Northern', 'Hollow', 'Velvet', 'Burning'];
const NOUNS = [
  'Harbour', 'Lantern', 'Orchard', 'Signal', 'River', 'Winter', 'Glass', 'Garden', 'Machine', 'Island', 'Echo',
  'Mirror', 'Station', 'Tide', 'Comet', 'Forest', 'Letter', 'Archive', 'Highway', 'Balcony', 'Lighthouse', 'Monsoon',
];
const TAILS = ['', '', '', ' of Dust', ' in Spring', ' Nights', ' & Sons', ' at Dawn', ' Revisited', ' II'];
/** Titles that exercise decoding: entities, quotes, non-ASCII, parentheses, CJK. */
const ODD_TITLES = [
  'L’Été des lanternes',
  'Sirāt',
  'Smörgåsbord Blues',
  'Tom & Jerry’s "Big" Night',
  "Don't Look (Again)",
  'Ночной дозорный',
  '東京の夜',
  'Ça ira, mon amour',
  'Ōkami <Wolf>',
  'Naïve Ångström',
];
const FIRST_NAMES = ['Ines', 'Tomasz', 'Aroha', 'Kenji', 'Margit', 'Olu', 'Priya', 'Søren', 'Camille', 'Diego', 'Leilani', 'Yusuf'];
const LAST_NAMES = ['Halvorsen', 'Mbeki', 'Tanaka', 'Okafor', 'Lindqvist', 'Moreau', 'Castellanos', 'Ngata', 'Petrov', 'Achebe'];

function slugify(title: string): string {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return base === '' ? 'film' : base;
}

/** Half-star rating between `min` and 5, biased towards the top. */
function halfStars(random: () => number, min: number): number {
  const steps = Math.round((5 - min) * 2);
  return min + Math.floor(Math.sqrt(random()) * (steps + 1)) / 2;
}

/**
 * A deterministic member with many films for benchmarks and large-scale tests: unique slugs (`-YEAR`/`-N`
 * suffixes on clashes, as Letterboxd does), ~3 % without a year, ~2 % TV, ~1 % without a TMDb link, and some
 * titles with entities and non-ASCII characters. Films are in logged order, newest first; the liked-and-rated
 * ones are spread through the diary.
 */
export function generateMember(options: GenerateMemberOptions): FakeMember {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const total = options.films;
  const likedAndRated = Math.min(total, options.likedAndRated ?? Math.floor(total / 10));
  const watchlistOnly = options.watchlistOnly ?? Math.floor(total / 20);
  const topIndexes = new Set<number>();
  while (topIndexes.size < likedAndRated) topIndexes.add(Math.floor(random() * total));

  const slugs = new Set<string>();
  const films: FakeFilm[] = [];
  for (let index = 0; index < total + watchlistOnly; index += 1) {
    const title =
      random() < 0.03 ? pick(ODD_TITLES) : `${pick(OPENERS)} ${pick(NOUNS)}${pick(TAILS)}`.replace(/^A ([AEIOU])/, 'An $1');
    const year = random() < 0.03 ? null : 1930 + Math.floor(random() * 96);
    let slug = slugify(title);
    if (slugs.has(slug) && year !== null) slug = `${slug}-${year}`;
    for (let n = 2; slugs.has(slug); n += 1) slug = `${slugify(title)}-${n}`;
    slugs.add(slug);
    const watched = index < total;
    const kind = random();
    const tmdb =
      kind < 0.01 ? null : kind < 0.03 ? { id: 2_000_000 + index, type: 'tv' as const } : { id: 1_000_000 + index, type: 'movie' as const };
    const top = watched && topIndexes.has(index);
    const rated = top || (watched && random() < 0.6);
    const liked = top || (watched && !rated && random() < 0.05);
    films.push({
      slug,
      title,
      year,
      rating: rated ? halfStars(random, top ? 2.5 : 0.5) : null,
      liked,
      tmdb,
      imdbId: tmdb === null ? null : `tt${String(9_000_000 + index).padStart(7, '0')}`,
      directors: Array.from({ length: random() < 0.15 ? 2 : 1 }, () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`),
      watchlisted: !watched || random() < 0.02,
      watched,
    });
  }
  const displayName = options.username.replace(/[_-]+/g, ' ').replace(/\b\w/g, (char) => char.toUpperCase());
  return {
    username: options.username,
    displayName,
    bio: `Generated member with ${total} logged films.`,
    avatar: null,
    stats: { filmsThisYear: Math.min(total, 120), lists: 7, following: 42, followers: 1337 },
    films,
  };
}
