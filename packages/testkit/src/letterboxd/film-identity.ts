import type { FakeFilm } from './types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** FNV-1a over the slug: a stable, made-up Letterboxd film id (100000–999999) when the dataset gives none. */
export function filmIdOf(film: Pick<FakeFilm, 'slug' | 'filmId'>): number {
  if (film.filmId !== undefined) return film.filmId;
  let hash = 0x811c9dc5;
  for (let index = 0; index < film.slug.length; index += 1) {
    hash ^= film.slug.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 100000 + (hash % 900000);
}

/** Letterboxd's short id (`boxd.it/{lid}`): base62 of the numeric id. */
export function shortIdOf(filmId: number): string {
  let rest = filmId;
  let out = '';
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out;
}

/** "Title (Year)" as in `data-item-name`; undated films have no suffix. */
export function displayName(film: Pick<FakeFilm, 'title' | 'year'>): string {
  return film.year === null ? film.title : `${film.title} (${film.year})`;
}

/** Stars as Letterboxd prints them: `★★★★½`. */
export function starText(rating: number): string {
  const whole = Math.floor(rating);
  return '★'.repeat(whole) + (rating - whole >= 0.5 ? '½' : '');
}

/** Made-up runtime in minutes (80–149), stable per film. */
export function runtimeOf(film: Pick<FakeFilm, 'slug' | 'filmId'>): number {
  return 80 + (filmIdOf(film) % 70);
}

/** Made-up community average (1.00–4.99), stable per film. */
export function communityRatingOf(film: Pick<FakeFilm, 'slug' | 'filmId'>): number {
  return 1 + (filmIdOf(film) % 400) / 100;
}
