import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLetterboxdClient } from '../packages/letterboxd/src/index.ts';
import { createJsonFileStore, syncUsers, type FilmCacheEntry, type MappingStoreWithFilms, type SyncResult } from '../packages/sync/src/index.ts';
import { createPostgresStore } from '../packages/sync/src/postgres/index.ts';
import { createTmdbClient } from '../packages/tmdb/src/index.ts';
import { createFakeLetterboxd, createFakeTmdb, generateMember } from '../packages/testkit/src/index.ts';
import { createTestDatabase, startPostgres } from '../packages/testkit/src/postgres/start-postgres.ts';
import { handlersFetch } from './in-process-fetch.ts';
import { duration, int, type Row } from './report-table.ts';

/** Members per run: 1,000 (`BENCH_STORE_MEMBERS` overrides it, e.g. on a loaded machine). */
const MEMBERS = Number(process.env.BENCH_STORE_MEMBERS ?? 1000);
const TOP = 10;

interface Run {
  wallMs: number;
  cpuMs: number;
  statuses: Record<string, number>;
}

/**
 * A warm run (every member already synced once, nothing changed) over 1,000 members, on the JSON file store
 * and on the Postgres store (a real PostgreSQL started for the run), fakes in-process without latency. Per
 * member: wall time and this process's CPU time (the PostgreSQL server's own CPU is not included).
 */
export async function storeScale(): Promise<Row[]> {
  const members = Array.from({ length: MEMBERS }, (_, i) =>
    generateMember({ username: `bench_m${i}`, films: 3 * TOP, likedAndRated: TOP, seed: 100 + i }),
  );
  const usernames = members.map((member) => member.username);
  // What earlier runs left in the film cache (so setting up the warm state costs no film-page lookups).
  const resolvedAt = new Date().toISOString();
  const filmCache = new Map<string, FilmCacheEntry>();
  for (const film of members.flatMap((member) => member.films)) {
    filmCache.set(
      film.slug,
      film.tmdb === null
        ? { status: 'unmatched', checkedAt: resolvedAt }
        : { status: 'matched', tmdbId: film.tmdb.id, mediaType: film.tmdb.type, method: 'tmdb-id', resolvedAt },
    );
  }

  async function warmRun(store: MappingStoreWithFilms): Promise<Run> {
    await store.films.setMany(filmCache);
    const letterboxd = createFakeLetterboxd({ members });
    const tmdb = createFakeTmdb({ acceptUnknownMedia: true });
    const deps = {
      source: createLetterboxdClient({ baseUrl: letterboxd.baseUrl, fetch: letterboxd.fetch, minDelayMs: 0 }),
      tmdb: createTmdbClient({ ...tmdb.credentials, baseUrl: tmdb.baseUrl, fetch: handlersFetch(tmdb.handlers), maxRequestsPerSecond: Infinity }),
      store,
    };
    // First run: creates the 1,000 lists (untimed).
    const cold = await syncUsers(usernames, deps, { limit: TOP });
    const failed = cold.find((result): result is Extract<SyncResult, { status: 'failed' }> => result.status === 'failed');
    if (failed) throw new Error(`cold run: ${failed.error.message}`);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const warm = await syncUsers(usernames, deps, { limit: TOP });
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const statuses: Record<string, number> = {};
    for (const result of warm) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    return { wallMs, cpuMs: (used.user + used.system) / 1000, statuses };
  }

  const dir = await mkdtemp(join(tmpdir(), 'lbx-bench-store-'));
  const server = await startPostgres();
  try {
    const json = await warmRun(createJsonFileStore(join(dir, 'tmdb_list_mappings.json')));
    const store = createPostgresStore({ connectionString: await createTestDatabase(server.url, 'bench') });
    let postgres: Run;
    try {
      postgres = await warmRun(store);
    } finally {
      await store.close();
    }
    const row = (name: string, run: Run): Row => ({
      benchmark: `Warm sync, ${int(MEMBERS)} members × ${TOP} films, no latency`,
      case: name,
      result: `${duration(run.wallMs / MEMBERS)}/member`,
      details: `CPU ${duration(run.cpuMs / MEMBERS)}/member (this process) · total ${duration(run.wallMs)} · ${Object.entries(run.statuses)
        .map(([status, count]) => `${int(count)} ${status}`)
        .join(', ')}`,
    });
    const added = (postgres.wallMs - json.wallMs) / MEMBERS;
    return [
      row('JSON file store', json),
      row('Postgres store (advisory lock per member)', postgres),
      {
        benchmark: `Warm sync, ${int(MEMBERS)} members × ${TOP} films, no latency`,
        case: 'Postgres − JSON',
        result: `${added >= 0 ? '+' : '−'}${duration(Math.abs(added))}/member`,
        details: `CPU ${duration((postgres.cpuMs - json.cpuMs) / MEMBERS)}/member (budget: +5 ms/member wall)`,
      },
    ];
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
