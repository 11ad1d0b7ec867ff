/**
 * A separate sync process for the two-process test (spawned with tsx): syncs one member into the mapping file
 * and the TMDb named in the environment, once the parent writes a line on stdin (so both processes start
 * their sync at the same moment). Prints the result as one JSON line.
 */
import { createInterface } from 'node:readline';
import { createTmdbClient } from '@lbx/tmdb';
import { createJsonFileStore, syncUser, type FilmSource } from '@lbx/sync';

const env = process.env as Record<string, string>;
const films = [1, 2, 3].map((n) => ({
  slug: `lantern-film-${n}`,
  title: `Lantern Film ${n}`,
  year: 1959 + n,
  rating: 5 - n * 0.5,
  tmdb: { id: 7000 + n, type: 'movie' as const },
}));
const source: FilmSource = {
  getTopRated: async () => films,
};
const tmdb = createTmdbClient({
  baseUrl: env.TMDB_BASE_URL,
  readAccessToken: env.TMDB_READ_ACCESS_TOKEN,
  userAccessToken: env.TMDB_USER_ACCESS_TOKEN,
  accountId: env.TMDB_ACCOUNT_ID,
  retry: { limit: 0 },
});
const store = createJsonFileStore(env.MAPPINGS_FILE);

process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  lines.close();
  syncUser(String(env.MEMBER), { source, tmdb, store }).then(
    (result) => {
      const error = result.status === 'failed' ? result.error.message : null;
      const line = JSON.stringify({ status: result.status, listId: result.listId, created: result.listCreated, error });
      process.stdout.write(`${line}\n`, () => process.exit(0));
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`, () => process.exit(1));
    },
  );
});
