import { requireReader } from './auth.js';
import { json, tmdbError } from './responses.js';
import { route, type Route, type RouteContext } from './router.js';
import { movieDetails, movieRow, paginate, parsePage, tvDetails, tvRow } from './rows.js';
import { foldText, yearOf } from './text.js';

function matchesQuery(query: string, titles: ReadonlyArray<string | undefined>): boolean {
  const folded = foldText(query);
  if (folded === '') return false;
  return titles.some((title) => title !== undefined && foldText(title).includes(folded));
}

function yearFilter(ctx: RouteContext, ...names: string[]): number | null {
  for (const name of names) {
    const raw = ctx.url.searchParams.get(name);
    if (raw !== null && raw !== '') return Number.parseInt(raw, 10);
  }
  return null;
}

function searchMovie(ctx: RouteContext): Response {
  const page = parsePage(ctx.url);
  if (page === null) return tmdbError(400, 22);
  const query = ctx.url.searchParams.get('query') ?? '';
  const year = yearFilter(ctx, 'primary_release_year', 'year');
  const found = [...ctx.state.movies.values()]
    .filter((movie) => matchesQuery(query, [movie.title, movie.originalTitle, ...(movie.alternativeTitles ?? [])]))
    .filter((movie) => year === null || yearOf(movie.releaseDate) === year)
    .sort((a, b) => (b.popularity ?? 1) - (a.popularity ?? 1));
  return json(paginate(found.map((movie) => movieRow(movie)), page));
}

function searchTv(ctx: RouteContext): Response {
  const page = parsePage(ctx.url);
  if (page === null) return tmdbError(400, 22);
  const query = ctx.url.searchParams.get('query') ?? '';
  const year = yearFilter(ctx, 'first_air_date_year', 'year');
  const found = [...ctx.state.tv.values()]
    .filter((show) => matchesQuery(query, [show.name, show.originalName]))
    .filter((show) => year === null || yearOf(show.firstAirDate) === year)
    .sort((a, b) => (b.popularity ?? 1) - (a.popularity ?? 1));
  return json(paginate(found.map((show) => tvRow(show)), page));
}

function find(ctx: RouteContext): Response {
  const source = ctx.url.searchParams.get('external_source');
  if (source === null || source === '') return tmdbError(400, 47, { errors: ['external_source is missing'] });
  const externalId = decodeURIComponent(ctx.params[0] ?? '');
  const byImdb = source === 'imdb_id';
  return json({
    movie_results: byImdb
      ? [...ctx.state.movies.values()].filter((m) => m.imdbId === externalId).map((m) => movieRow(m, true))
      : [],
    person_results: [],
    tv_results: byImdb
      ? [...ctx.state.tv.values()].filter((s) => s.imdbId === externalId).map((s) => tvRow(s, true))
      : [],
    tv_episode_results: [],
    tv_season_results: [],
  });
}

function details(kind: 'movie' | 'tv') {
  return (ctx: RouteContext): Response => {
    const id = Number(ctx.params[0]);
    if (kind === 'movie') {
      const movie = ctx.state.movies.get(id);
      return movie ? json(movieDetails(movie)) : tmdbError(404, 34);
    }
    const show = ctx.state.tv.get(id);
    return show ? json(tvDetails(show)) : tmdbError(404, 34);
  };
}

function reader(handle: (ctx: RouteContext) => Response): Route['handle'] {
  return (ctx) => requireReader(ctx) ?? handle(ctx);
}

/** v3 lookups: search, find by external id, details. */
export const v3Routes: Route[] = [
  route('GET', /^\/3\/search\/movie$/, reader(searchMovie)),
  route('GET', /^\/3\/search\/tv$/, reader(searchTv)),
  route('GET', /^\/3\/find\/([^/]+)$/, reader(find)),
  route('GET', /^\/3\/movie\/(\d+)$/, reader(details('movie'))),
  route('GET', /^\/3\/tv\/(\d+)$/, reader(details('tv'))),
];
