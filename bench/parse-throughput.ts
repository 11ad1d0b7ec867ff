import { readFileSync } from 'node:fs';
import { createLetterboxdClient } from '../packages/letterboxd/src/index.ts';
import { createFakeLetterboxd, generateMember } from '../packages/testkit/src/index.ts';
import { replayingFetch } from './in-process-fetch.ts';
import { letterboxdpyParse } from './letterboxdpy.ts';
import { duration, int, type Row } from './report-table.ts';

/** Rounds per page type and the length of each, in milliseconds (after a warm-up); the best round counts. */
const ROUNDS = 5;
const ROUND_MS = 300;

/**
 * Parse throughput of each page type through @lbx/letterboxd's public API (`minDelayMs: 0`), pages replayed from
 * the fake Letterboxd in-process: what is measured is the client's request pipeline + parsing + validation.
 */
export async function parseThroughput(): Promise<Row[]> {
  const member = generateMember({ username: 'bench_bea', films: 2000, likedAndRated: 300, watchlistOnly: 100, seed: 11 });
  const fake = createFakeLetterboxd({ members: [member] });
  const fetch = replayingFetch(fake.fetch);
  const client = createLetterboxdClient({ baseUrl: fake.baseUrl, fetch, minDelayMs: 0 });
  const film = member.films.find((candidate) => candidate.tmdb?.type === 'movie' && candidate.directors.length > 0);
  if (!film) throw new Error('generated member has no film with a TMDb link');

  // A films page of your own (e.g. a saved real page with 72 films) is measured too, served for its own URL.
  const ownFile = process.env.LBX_BENCH_FILMS_PAGE;
  const ownHtml = ownFile ? readFileSync(ownFile, 'utf8') : null;
  const ownClient = createLetterboxdClient({
    fetch: async () => new Response(ownHtml, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    minDelayMs: 0,
  });

  /** `run` returns how many films it parsed; `films` is what one page must yield. */
  const cases: Array<{ name: string; path: string; films: number; html?: string; run: () => Promise<number> }> = [
    { name: 'films page', path: '/bench_bea/films/', films: 72, run: async () => (await client.getFilms('bench_bea', { limit: 72 })).length },
    ...(ownHtml === null
      ? []
      : [{ name: 'films page (LBX_BENCH_FILMS_PAGE)', path: '', films: 72, html: ownHtml, run: async () => (await ownClient.getFilms('own_page', { limit: 72 })).length }]),
    {
      name: 'likes page (by member rating)',
      path: '/bench_bea/likes/films/by/member-rating/',
      films: 72,
      run: async () => (await client.getTopRated('bench_bea', { limit: 72 })).length,
    },
    {
      name: 'watchlist page',
      path: '/bench_bea/watchlist/',
      films: 28,
      run: async () => (await client.getWatchlist('bench_bea', { limit: 28 })).length,
    },
    {
      name: 'film page',
      path: `/film/${film.slug}/`,
      films: 1,
      run: async () => ((await client.getFilm(film.slug)).tmdb?.id === film.tmdb?.id ? 1 : 0),
    },
    {
      name: 'profile page',
      path: '/bench_bea/',
      films: 0,
      run: async () => {
        const profile = await client.getProfile('bench_bea');
        if (profile.stats.filmsWatched !== 2000) throw new Error(`profile: filmsWatched ${profile.stats.filmsWatched}, expected 2000`);
        return 0;
      },
    },
  ];

  const rows: Row[] = [];
  for (const entry of cases) {
    const page = entry.html ?? (await (await fetch(`${fake.baseUrl}${entry.path}`)).text());
    const size = page.length;
    for (let warm = 0; warm < 20; warm += 1) await entry.run();
    // The best of several short rounds: other processes on a shared machine only ever slow a round down.
    let best = { pages: 0, films: 0, elapsed: Number.POSITIVE_INFINITY, cpuMs: 0 };
    let totalPages = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      let pages = 0;
      let films = 0;
      const cpu = process.cpuUsage();
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < ROUND_MS) {
        films += await entry.run();
        pages += 1;
        elapsed = performance.now() - start;
      }
      const used = process.cpuUsage(cpu);
      if (films !== entry.films * pages) throw new Error(`${entry.name}: parsed ${films / pages} films per page, expected ${entry.films}`);
      totalPages += pages;
      if (elapsed / pages < best.elapsed / Math.max(best.pages, 1)) best = { pages, films, elapsed, cpuMs: (used.user + used.system) / 1000 };
    }
    const { pages, films, elapsed } = best;
    const perSecond = (pages * 1000) / elapsed;
    rows.push({
      benchmark: 'Parse (public API, in-process)',
      case: `${entry.name}, ${(size / 1024).toFixed(0)} KB`,
      result: `${int(perSecond)} pages/s`,
      details:
        (entry.films > 1 ? `${int((films * 1000) / elapsed)} films/s · ` : '') +
        `${duration(elapsed / pages)}/page (CPU ${duration(best.cpuMs / pages)}) · best of ${ROUNDS} rounds, ${int(totalPages)} pages`,
    });
    if (entry.films === 72 && entry.name.startsWith('films page')) {
      rows.push(await versusLetterboxdpy(entry.name, page, size, { perSecond, cpuMsPerPage: best.cpuMs / pages }));
    }
  }
  return rows;
}

/** letterboxdpy's own parse of the same films page, right after ours, and how many times faster lbx is. */
async function versusLetterboxdpy(name: string, page: string, size: number, lbx: { perSecond: number; cpuMsPerPage: number }): Promise<Row> {
  const benchmark = 'Parse: letterboxdpy (Python)';
  const result = await letterboxdpyParse(page, 72, ROUND_MS, ROUNDS);
  if (!result.ran) {
    process.stderr.write(`bench: letterboxdpy skipped: ${result.reason}\n`);
    return { benchmark, case: `${name}, ${(size / 1024).toFixed(0)} KB`, result: 'skipped', details: result.reason };
  }
  return {
    benchmark,
    case: `${name}, ${(size / 1024).toFixed(0)} KB`,
    result: `${int(result.pagesPerSecond)} pages/s`,
    details:
      `letterboxdpy ${result.version} (BeautifulSoup + lxml) · ${duration(result.msPerPage)}/page (CPU ${duration(result.cpuMsPerPage)}) · ` +
      `best of ${ROUNDS} rounds · lbx is **${(lbx.perSecond / result.pagesPerSecond).toFixed(1)}× faster** (wall), ` +
      `${(result.cpuMsPerPage / lbx.cpuMsPerPage).toFixed(1)}× less CPU per page`,
  };
}
