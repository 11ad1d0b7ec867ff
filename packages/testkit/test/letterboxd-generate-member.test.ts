import { describe, expect, it } from 'vitest';
import { demoMembers, defaultTmdbCatalogue, generateMember } from '@lbx/testkit';

describe('generateMember', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const first = generateMember({ username: 'seeded_sam', films: 300, seed: 3 });
    expect(generateMember({ username: 'seeded_sam', films: 300, seed: 3 })).toEqual(first);
    expect(generateMember({ username: 'seeded_sam', films: 300, seed: 4 }).films).not.toEqual(first.films);
  });

  it('produces the requested numbers of logged and liked-and-rated films, with unique slugs', () => {
    const member = generateMember({ username: 'big_bo', films: 3000, likedAndRated: 100, watchlistOnly: 40 });
    const watched = member.films.filter((film) => film.watched !== false);
    expect(watched).toHaveLength(3000);
    expect(watched.filter((film) => film.liked && film.rating !== null)).toHaveLength(100);
    expect(member.films.filter((film) => film.watched === false)).toHaveLength(40);
    expect(member.films.filter((film) => film.watched === false).every((film) => film.watchlisted)).toBe(true);
    expect(new Set(member.films.map((film) => film.slug)).size).toBe(member.films.length);
    expect(member.films.every((film) => /^[a-z0-9-]+$/.test(film.slug))).toBe(true);
    const ratings = watched.flatMap((film) => (film.rating === null ? [] : [film.rating]));
    expect(ratings.every((rating) => rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2))).toBe(true);
  });

  it('includes the awkward cases: no year, TV, no TMDb link, non-ASCII and entity-worthy titles', () => {
    const { films } = generateMember({ username: 'odd_olga', films: 2000 });
    expect(films.some((film) => film.year === null)).toBe(true);
    expect(films.some((film) => film.tmdb?.type === 'tv')).toBe(true);
    expect(films.some((film) => film.tmdb === null)).toBe(true);
    expect(films.some((film) => /[^\u0020-\u007e]/.test(film.title))).toBe(true);
    expect(films.some((film) => /[&"<']/.test(film.title))).toBe(true);
  });
});

describe('demoMembers', () => {
  it('use the fake TMDb catalogue’s ids for every film that has a TMDb link', () => {
    const movieIds = new Set(defaultTmdbCatalogue.movies.map((movie) => movie.id));
    const tvIds = new Set(defaultTmdbCatalogue.tv.map((show) => show.id));
    for (const member of demoMembers) {
      for (const film of member.films) {
        if (film.tmdb === null) continue;
        expect(film.tmdb.type === 'tv' ? tvIds : movieIds, `${member.username}/${film.slug}`).toContain(film.tmdb.id);
      }
    }
  });
});
