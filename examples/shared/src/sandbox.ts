import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFakeLetterboxd,
  createFakeTmdb,
  demoMembers,
  serveHandlers,
  type FakeLetterboxd,
  type FakeTmdb,
  type ServedHandlers,
} from '@lbx/testkit';

/** The demo members the sandbox syncs by default (the third, `quiet_quinn`, is served too: private watchlist). */
export const SANDBOX_MEMBERS: readonly string[] = ['cinephile_ana', 'midnight_mo'];

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Directory for the mapping file and exports. Default: a fresh directory under the OS temp dir. */
  dir?: string;
}

/** The fakes, running, and the variables that point an app at them. */
export interface Sandbox {
  /**
   * Variables that point an app at the fakes: base URLs, the fake's TMDb credentials (an empty `TMDB_API_KEY`
   * so a real key from `.env` is not used), `CRON_TARGET_USERS`, `MAPPINGS_FILE` and `LETTERBOXD_EXPORT_DIR` in
   * {@link Sandbox.dir}. They must win over the environment: nothing in sandbox mode may reach the real sites.
   */
  env: Record<string, string>;
  /** The fake Letterboxd site (state: `letterboxd.members`). */
  letterboxd: FakeLetterboxd;
  /** The stateful fake TMDb (state: `tmdb.lists`, `tmdb.writeCount()`). */
  tmdb: FakeTmdb;
  /** Origin of the served fake Letterboxd, e.g. `http://127.0.0.1:53211`. */
  letterboxdUrl: string;
  /** Origin of the served fake TMDb. */
  tmdbUrl: string;
  /** Every member the fake Letterboxd serves. */
  members: string[];
  /** Directory holding the mapping file and the exports. */
  dir: string;
  /** What a newcomer needs to know, one line each (where the fakes are, the members, where files go). */
  describe(): string[];
  /** Stop both servers. */
  close(): Promise<void>;
}

/**
 * Start the fake Letterboxd (with the demo members) and the fake TMDb from `@lbx/testkit` as HTTP servers on
 * 127.0.0.1, in this process. `LBX_SANDBOX=1` on either app and `pnpm demo` use it.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'lbx-sandbox-')));
  let letterboxd: FakeLetterboxd | undefined;
  let tmdb: FakeTmdb | undefined;
  const servers: ServedHandlers[] = [];
  try {
    servers.push(
      await serveHandlers((url) => (letterboxd = createFakeLetterboxd({ baseUrl: url, members: [...demoMembers] })).handlers),
      await serveHandlers((url) => (tmdb = createFakeTmdb({ baseUrl: url })).handlers),
    );
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  const [letterboxdServer, tmdbServer] = servers as [ServedHandlers, ServedHandlers];
  const lb = letterboxd as FakeLetterboxd;
  const fakeTmdb = tmdb as FakeTmdb;
  const members = demoMembers.map((member) => member.username);
  // A list an earlier tool filled for quiet_quinn: four films she does not rate and like. Syncing her would
  // remove all four, so the sync refuses until it is forced: the safety valve, on a member of its own.
  fakeTmdb.seedList({
    name: "quiet_quinn's Top Rated Movies",
    sortBy: 'original_order.asc',
    items: [550, 194, 11906, 1091].map((mediaId) => ({ mediaType: 'movie' as const, mediaId, comment: null })),
  });
  const env: Record<string, string> = {
    LETTERBOXD_BASE_URL: letterboxdServer.url,
    LETTERBOXD_MIN_DELAY_MS: '0',
    TMDB_BASE_URL: tmdbServer.url,
    TMDB_API_KEY: '',
    TMDB_READ_ACCESS_TOKEN: fakeTmdb.credentials.readAccessToken,
    TMDB_USER_ACCESS_TOKEN: fakeTmdb.credentials.userAccessToken,
    TMDB_ACCOUNT_ID: fakeTmdb.credentials.accountId,
    CRON_TARGET_USERS: SANDBOX_MEMBERS.join(','),
    MAPPINGS_FILE: join(dir, 'tmdb_list_mappings.json'),
    LETTERBOXD_EXPORT_DIR: join(dir, 'exports'),
  };
  return {
    env,
    letterboxd: lb,
    tmdb: fakeTmdb,
    letterboxdUrl: letterboxdServer.url,
    tmdbUrl: tmdbServer.url,
    members,
    dir,
    describe: () => [
      `sandbox: fake Letterboxd ${letterboxdServer.url} and fake TMDb ${tmdbServer.url} (nothing reaches the real sites)`,
      `sandbox: members ${members.join(', ')}; syncs target ${SANDBOX_MEMBERS.join(', ')} by default`,
      `sandbox: mapping file ${env.MAPPINGS_FILE}, exports in ${env.LETTERBOXD_EXPORT_DIR}`,
      "sandbox: quiet_quinn already has a TMDb list from an earlier tool; syncing her is refused until forced",
    ],
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
