import { describe, expect, it } from 'vitest';
import { LetterboxdParseError, createLetterboxdClient } from '@lbx/letterboxd';
import { BASE, createSite, fixture, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0 });

describe('getFilm', () => {
  it('reads a movie: TMDb id and type, IMDb id, masthead title, year and director', async () => {
    const site = createSite({ '/film/the-salt-orchard/': fixture('letterboxd-film-movie.html') });
    server.use(...site.handlers);
    expect(await client().getFilm('the-salt-orchard')).toEqual({
      slug: 'the-salt-orchard',
      title: 'The Salt Orchard',
      year: 1994,
      url: `${BASE}/film/the-salt-orchard/`,
      tmdb: { id: 48213, type: 'movie' },
      imdbId: 'tt0109934',
      directors: ['Ingrid Solberg'],
    });
    expect(site.requests).toEqual(['/film/the-salt-orchard/']);
  });

  it('reads a TV miniseries from its TMDB link although the body says movie with an empty id', async () => {
    server.use(...createSite({ '/film/harbour-lights-2019/': fixture('letterboxd-film-tv-miniseries.html') }).handlers);
    const film = await client().getFilm('harbour-lights-2019');
    expect(film.tmdb).toEqual({ id: 91275, type: 'tv' });
    expect(film.imdbId).toBe('tt7909970');
    // The masthead shows 2 of 3 directors; JSON-LD has them all.
    expect(film.directors).toEqual(['Nadia Osei', 'Piet Larsen', 'Rosa Vidal']);
  });

  it('falls back to the body attributes when the TMDB link is missing', async () => {
    const page = fixture('letterboxd-film-movie.html').replace(/<a href="https:\/\/www\.themoviedb\.org[^>]*>TMDB<\/a>/, '');
    server.use(...createSite({ '/film/the-salt-orchard/': page }).handlers);
    expect((await client().getFilm('the-salt-orchard')).tmdb).toEqual({ id: 48213, type: 'movie' });
  });

  it("never takes a member's review link for the film's TMDb or IMDb id", async () => {
    // A popular review above the footer links to another title; the page's own TMDB/IMDb links are tagged.
    const review =
      '<section id="popular-reviews"><div class="body-text -prose"><p>Better than <a href="https://www.themoviedb.org/tv/1399/" rel="nofollow">this show</a> ' +
      'and <a href="https://www.imdb.com/title/tt0944947/" rel="nofollow">its IMDb page</a>.</p></div></section>';
    const page = fixture('letterboxd-film-movie.html').replace('<p class="text-link text-footer">', `${review}<p class="text-link text-footer">`);
    server.use(...createSite({ '/film/the-salt-orchard/': page }).handlers);
    expect(await client().getFilm('the-salt-orchard')).toMatchObject({ tmdb: { id: 48213, type: 'movie' }, imdbId: 'tt0109934' });
  });

  it('prefers the body attributes to an untagged TMDb link when the tagged one is missing', async () => {
    const page = fixture('letterboxd-film-movie.html')
      .replace(/<a href="https:\/\/www\.themoviedb\.org[^>]*>TMDB<\/a>/, '')
      .replace('</section>\n\t</div>', '<p>See <a href="https://www.themoviedb.org/tv/1399/">this</a>.</p></section>\n\t</div>');
    expect(page).toContain('themoviedb.org/tv/1399/');
    server.use(...createSite({ '/film/the-salt-orchard/': page }).handlers);
    expect((await client().getFilm('the-salt-orchard')).tmdb).toEqual({ id: 48213, type: 'movie' });
  });

  it('has tmdb null when neither the link nor the body gives an id', async () => {
    const page = fixture('letterboxd-film-tv-miniseries.html').replace(/<a href="https:\/\/www\.themoviedb\.org[^>]*>TMDB<\/a>/, '');
    server.use(...createSite({ '/film/harbour-lights-2019/': page }).handlers);
    expect((await client().getFilm('harbour-lights-2019')).tmdb).toBeNull();
  });

  it('falls back to JSON-LD, then og:title, when the masthead is gone', async () => {
    const noMasthead = fixture('letterboxd-film-movie.html').replace(/<section class="production-masthead[\s\S]*?<\/section>/, '');
    server.use(...createSite({ '/film/the-salt-orchard/': noMasthead }).handlers);
    expect(await client().getFilm('the-salt-orchard')).toMatchObject({ title: 'The Salt Orchard', year: 1994, directors: ['Ingrid Solberg'] });

    const ogOnly = noMasthead.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    server.use(...createSite({ '/film/the-salt-orchard/': ogOnly }).handlers);
    expect(await client().getFilm('the-salt-orchard')).toMatchObject({ title: 'The Salt Orchard', year: 1994, directors: [] });
  });

  it('survives broken JSON-LD', async () => {
    const page = fixture('letterboxd-film-tv-miniseries.html').replace('{"@type":"Movie"', '{"@type":"Movie",,');
    server.use(...createSite({ '/film/harbour-lights-2019/': page }).handlers);
    expect((await client().getFilm('harbour-lights-2019')).directors).toEqual(['Nadia Osei', 'Piet Larsen']);
  });

  it('is a LetterboxdParseError when the page is not a film page', async () => {
    server.use(...createSite({ '/film/the-salt-orchard/': '<!DOCTYPE html><html><body class="search"><h1>Search</h1></body></html>' }).handlers);
    const error = await client().getFilm('the-salt-orchard').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect(error).toMatchObject({ page: 'film', slug: 'the-salt-orchard', url: `${BASE}/film/the-salt-orchard/` });
  });

  it('rejects an empty or path-like slug before any request', async () => {
    const site = createSite({});
    server.use(...site.handlers);
    await expect(client().getFilm('')).rejects.toThrow(TypeError);
    await expect(client().getFilm('../admin')).rejects.toThrow(/not a Letterboxd film slug/);
    await expect(client().getFilm('..')).rejects.toThrow(/not a Letterboxd film slug/);
    expect(site.requests).toEqual([]);
  });
});
