import type { FakeMember } from '@lbx/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { film } from '../../shared/test/support/members';
import { dora } from '../../shared/test/support/list-members';
import { testApp, useFakes } from './helpers';

const fakes = useFakes();

/**
 * One entry as Radarr's "Custom List" import reads it: `id` (the TMDb id, an integer), and when present
 * `imdb_id` (a string), `title` (a string) and `year` (an integer: a null would not convert). Nothing else is
 * needed; a missing optional field is fine.
 */
const RadarrEntry = z.strictObject({
  id: z.number().int().positive(),
  imdb_id: z.string().regex(/^tt\d{7,10}$/).optional(),
  title: z.string().min(1),
  year: z.number().int().optional(),
});
const RadarrImport = z.array(RadarrEntry);

/** A member whose list holds a film Letterboxd gives no year for. */
const nell: FakeMember = {
  ...dora,
  username: 'undated_nell',
  lists: [
    {
      slug: 'someday',
      name: 'Someday',
      description: null,
      ranked: false,
      films: [
        film({ slug: 'untitled-lighthouse-project', title: 'Untitled Lighthouse Project', year: null, tmdb: { id: 900301, type: 'movie' } }),
        film({ slug: 'fight-club', title: 'Fight Club', year: 1999, tmdb: { id: 550, type: 'movie' }, imdbId: 'tt0137523' }),
      ],
    },
  ],
};

const filmPages = () => fakes.lb.requests.filter((request) => request.path.startsWith('/film/')).length;

describe('Radarr body: imdb_id, title and year when known', () => {
  it('carries the IMDb id from the film page, then from the film cache (no film page read again)', async () => {
    fakes.lb.addMember(dora);
    const app = testApp(fakes, { CACHE_TTL: '0' });
    const res = await app.request('/radarr/defs_dora/rated');
    expect(res.status).toBe(200);
    const body = RadarrImport.parse(await res.json());
    expect(body).toEqual([
      { id: 194, imdb_id: 'tt0211915', title: 'Amélie', year: 2001 },
      { id: 550, imdb_id: 'tt0137523', title: 'Fight Club', year: 1999 },
      { id: 1091, title: 'The Thing', year: 1982 },
      { id: 603, imdb_id: 'tt0133093', title: 'The Matrix', year: 1999 },
    ]);
    const pages = filmPages();
    expect(pages).toBeGreaterThan(0);
    const again = await app.request('/radarr/defs_dora/rated');
    expect(RadarrImport.parse(await again.json())).toEqual(body);
    expect(filmPages()).toBe(pages);
  });

  it('leaves an unknown year out instead of sending null', async () => {
    fakes.lb.addMember(nell);
    const res = await testApp(fakes).request('/radarr/undated_nell/list/someday');
    expect(res.status).toBe(200);
    expect(RadarrImport.parse(await res.json())).toEqual([
      { id: 900301, title: 'Untitled Lighthouse Project' },
      { id: 550, imdb_id: 'tt0137523', title: 'Fight Club', year: 1999 },
    ]);
  });
});
