import { describe, expect, it } from 'vitest';
import { type FilmPage, createLetterboxdClient } from '@lbx/letterboxd';
import { likesPage, ratedFilms } from './fixtures/likes-page.js';
import { createSite, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0 });
const PATH = '/vera_lind/likes/films/';

/**
 * The grid parser reads the usual markup without building a tree and parses the tree for anything else; both
 * must give the same films. Each case bends the same 5-film page in a way the fast path hands over.
 */
describe('grid markup variations read the same', () => {
  const films = ratedFilms(1, 5);
  const plain = likesPage('vera_lind', films, '/vera_lind/likes/films/page/2/');

  async function read(page: string): Promise<FilmPage | undefined> {
    server.use(...createSite({ [PATH]: page }).handlers);
    const pages = client().likedFilmsPages('vera_lind')[Symbol.asyncIterator]();
    const first = await pages.next();
    await pages.return?.();
    return first.done ? undefined : first.value;
  }

  it('plain page', async () => {
    const page = await read(plain);
    expect(page?.films.map((film) => [film.slug, film.rating, film.liked, film.filmId])).toEqual(
      films.map((film) => [film.slug, (film.rated as number) / 2, true, String(film.uid)]),
    );
    expect(page?.hasNext).toBe(true);
  });

  const variations: Array<[string, (html: string) => string]> = [
    ['a badge before the poster in its grid item', (html) => html.replaceAll('<li class="posteritem">', '<li class="posteritem"><span class="badge">New</span>')],
    ['a sidebar and a script that mention posters', (html) =>
      html.replace('</section>', '</section><aside class="sidebar"><ul><li class="posteritem"><div class="react-component" data-component-class="LazyPoster" data-item-slug="sidebar-film" data-item-name="Sidebar (2001)"></div></li></ul></aside><script>var c = "<div data-component-class=\'LazyPoster\'>";</script>')],
    ['titles only in the image alt', (html) => html.replace(/ data-item-(?:full-display-)?name="[^"]*"/g, '')],
    ['self-closing tags and comments inside the card', (html) => html.replaceAll('<span class="frame">', '<!-- frame --><br/><span class="frame">')],
    ['unquoted attribute values, a stray slash and upper-case tag names', (html) =>
      html
        .replaceAll('data-component-class="LazyPoster"', 'data-component-class=LazyPoster / data-x=1')
        .replaceAll('<span class="frame">', '<SPAN class=frame>')],
  ];

  for (const [name, bend] of variations) {
    it(name, async () => {
      const reference = await read(plain);
      const page = await read(bend(plain));
      expect(page?.films).toEqual(reference?.films);
      expect(page?.hasNext).toBe(true);
    });
  }
});
