import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createFakeLetterboxd,
  createFakeTmdb,
  serveHandlers,
  type FakeLetterboxd,
  type FakeMember,
  type FakeTmdb,
  type FakeTmdbOptions,
  type ServedHandlers,
} from '@lbx/testkit';
import type { RequestHandler } from 'msw';
import { otto, rita } from './members';
import { ROOT } from './spawn-script';

/** Both fakes served over real HTTP on 127.0.0.1, for tests that run an app as its own process. */
export interface ServedSites {
  lb: FakeLetterboxd;
  tmdb: FakeTmdb;
  /** The variables pointing an app at them, with TMDb credentials. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Options of {@link serveSites}. */
export interface ServeSitesOptions {
  /** Default: reel_rita and otto_o. */
  members?: FakeMember[];
  tmdb?: Omit<FakeTmdbOptions, 'baseUrl'>;
  /** Handlers tried before the fake Letterboxd's own (e.g. one holding a member's pages). */
  letterboxdFirst?: (url: string) => RequestHandler[];
}

/** Serve both fakes; `close()` them in `afterAll`. */
export async function serveSites(options: ServeSitesOptions = {}): Promise<ServedSites> {
  let lb!: FakeLetterboxd;
  let tmdb!: FakeTmdb;
  const servers: ServedHandlers[] = [
    await serveHandlers((url) => {
      lb = createFakeLetterboxd({ baseUrl: url, members: options.members ?? [rita, otto] });
      return [...(options.letterboxdFirst?.(url) ?? []), ...lb.handlers];
    }),
    await serveHandlers((url) => (tmdb = createFakeTmdb({ ...options.tmdb, baseUrl: url })).handlers),
  ];
  return {
    lb,
    tmdb,
    env: {
      LETTERBOXD_BASE_URL: servers[0]?.url ?? '',
      LETTERBOXD_MIN_DELAY_MS: '0',
      TMDB_BASE_URL: servers[1]?.url ?? '',
      TMDB_API_KEY: tmdb.credentials.apiKey,
      TMDB_USER_ACCESS_TOKEN: tmdb.credentials.userAccessToken,
      TMDB_ACCOUNT_ID: tmdb.credentials.accountId,
    },
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

/**
 * Build an example's production bundle with its own tsup config (as its Dockerfile does) and copy `dist/` to a
 * new temporary folder, away from any node_modules, as the image holds it. Resolves with that folder.
 */
export async function buildBundle(example: 'server' | 'cron'): Promise<string> {
  const dir = join(ROOT, 'examples', example);
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/tsup/dist/cli-default.js')], { cwd: dir });
  const app = await mkdtemp(join(tmpdir(), `lbx-${example}-bundle-`));
  await cp(join(dir, 'dist'), app, { recursive: true });
  return app;
}
