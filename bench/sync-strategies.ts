import { createLetterboxdClient } from '../packages/letterboxd/src/index.ts';
import { createMemoryStore, syncUser } from '../packages/sync/src/index.ts';
import { createTmdbClient } from '../packages/tmdb/src/index.ts';
import {
  createFakeLetterboxd,
  createFakeTmdb,
  generateMember,
  type FakeMember,
  type FakeMovie,
  type FakeTv,
} from '../packages/testkit/src/index.ts';
import { handlersFetch } from './in-process-fetch.ts';
import { naiveSync } from './naive-sync.ts';
import { duration, int, type Row } from './report-table.ts';

/** Simulated latency of every request to either fake, in milliseconds. */
export const LATENCY_MS = 50;
const USER = 'bench_bea';
const TOP = 100;
const LOGGED = 2000;

/** The fake TMDb knows every film of the member (as TMDb would), so both strategies can match. */
function catalogueOf(member: FakeMember): { movies: FakeMovie[]; tv: FakeTv[] } {
  const movies: FakeMovie[] = [];
  const tv: FakeTv[] = [];
  for (const film of member.films) {
    const date = film.year === null ? '' : `${film.year}-06-15`;
    if (film.tmdb?.type === 'movie') movies.push({ id: film.tmdb.id, title: film.title, releaseDate: date, imdbId: film.imdbId });
    if (film.tmdb?.type === 'tv') tv.push({ id: film.tmdb.id, name: film.title, firstAirDate: date, imdbId: film.imdbId });
  }
  return { movies, tv };
}

interface Measured {
  letterboxd: number;
  tmdb: number;
  writes: number;
  ms: number;
  note: string;
}

/**
 * A cold sync and a no-change re-sync of one member with 100 top films (2,000 logged), lbx's diff-based sync vs
 * the original strategy, with 50 ms latency on every request to either site. Clients use their defaults
 * (Letterboxd concurrency 2, TMDb ≤ 20 requests/s) except `minDelayMs: 0`.
 */
export async function syncStrategies(): Promise<Row[]> {
  const member = generateMember({ username: USER, films: LOGGED, likedAndRated: TOP, seed: 23 });
  const catalogue = catalogueOf(member);

  function world() {
    const letterboxd = createFakeLetterboxd({ members: [member], latencyMs: LATENCY_MS });
    const tmdb = createFakeTmdb({ ...catalogue, latencyMs: LATENCY_MS });
    const clients = {
      letterboxd: createLetterboxdClient({ baseUrl: letterboxd.baseUrl, fetch: letterboxd.fetch, minDelayMs: 0 }),
      tmdb: createTmdbClient({ ...tmdb.credentials, baseUrl: tmdb.baseUrl, fetch: handlersFetch(tmdb.handlers) }),
    };
    const measure = async (run: () => Promise<string>): Promise<Measured> => {
      const before = { letterboxd: letterboxd.requests.length, tmdb: tmdb.requests.length, writes: tmdb.writeCount() };
      const start = performance.now();
      const note = await run();
      return {
        letterboxd: letterboxd.requests.length - before.letterboxd,
        tmdb: tmdb.requests.length - before.tmdb,
        writes: tmdb.writeCount() - before.writes,
        ms: performance.now() - start,
        note,
      };
    };
    return { clients, measure };
  }

  const lbx = world();
  const store = createMemoryStore();
  const lbxRun = async (expected: 'synced' | 'unchanged') => {
    const result = await syncUser(USER, { source: lbx.clients.letterboxd, tmdb: lbx.clients.tmdb, store }, { limit: TOP });
    if (result.status !== expected) {
      throw new Error(`lbx sync: expected "${expected}", got "${result.status}"${'error' in result && result.error ? `: ${String(result.error)}` : ''}`);
    }
    return `${result.matched}/${result.totalFilms} matched · +${result.added} −${result.removed}`;
  };
  const cold = await lbx.measure(() => lbxRun('synced'));
  const warm = await lbx.measure(() => lbxRun('unchanged'));
  if (warm.writes !== 0) throw new Error(`lbx re-sync made ${warm.writes} TMDb writes (expected 0)`);

  const naive = world();
  const naiveRun = async () => {
    const result = await naiveSync(USER, naive.clients, { limit: TOP, listName: `${USER}'s Top Rated Movies` });
    return `${result.matched}/${result.topFilms} matched (title search) · cleared, +${result.added}`;
  };
  const naiveFirst = await naive.measure(naiveRun);
  const naiveAgain = await naive.measure(naiveRun);

  const row = (name: string, measured: Measured): Row => ({
    benchmark: `Sync 1 member, ${TOP} top films, ${LATENCY_MS} ms/request`,
    case: name,
    result: duration(measured.ms),
    details: `Letterboxd ${int(measured.letterboxd)} req · TMDb ${int(measured.tmdb)} req (${int(measured.writes)} writes) · ${measured.note}`,
  });
  return [
    row('lbx: first sync (cold cache)', cold),
    row('lbx: re-sync, nothing changed', warm),
    row('original strategy: first run', naiveFirst),
    row('original strategy: re-run, nothing changed', naiveAgain),
  ];
}
