import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTmdbClient, isTmdbError } from '@lbx/tmdb';
import { DEFAULT_TMDB_BASE_URL } from './common-config';
import { setEnvFileValues } from './env-file';
import type { Env } from './env-schema';
import { messageOf } from './member-sync';

/** Usage text of `pnpm tmdb:sign-in`. */
export const SIGN_IN_USAGE = `Usage: npx -y pnpm@12.4.2 tmdb:sign-in [--write-env] [--env-file <path>] [--help]

Gets the TMDb user access token that list writes need (TMDb's v4 approval flow): prints an approval URL,
waits while you approve it in a browser (press Enter once done), then prints TMDB_USER_ACCESS_TOKEN and
TMDB_ACCOUNT_ID. Needs TMDB_READ_ACCESS_TOKEN (environment or .env; https://www.themoviedb.org/settings/api).
Honours TMDB_BASE_URL (a proxy or a fake TMDb: the approval page is then on that host). With LBX_SANDBOX=1 it
starts a fake TMDb in this process: approving is one request to the printed URL (a browser or curl).

  --write-env        write both variables into the env file (other lines are kept as they are)
  --env-file <path>  the env file to read and write (default .env)
  --help             show this text`;

/** Options of {@link runTmdbSignIn}: what the process provides, injectable for tests. */
export interface TmdbSignInOptions {
  argv: readonly string[];
  /** The environment after the env file was loaded (`TMDB_READ_ACCESS_TOKEN`, `TMDB_BASE_URL`). */
  env: Env;
  /** Resolves when the user presses Enter; resolves `false` when the input ended (Ctrl-D, closed pipe). */
  waitForEnter: () => Promise<boolean>;
  /** Normal output (the URL, the variables). */
  write: (text: string) => void;
  /** Errors and usage problems. */
  writeError: (text: string) => void;
  /** Directory `--env-file` is resolved against. Default `process.cwd()`. */
  cwd?: string;
  /** Transport. Default: global `fetch`. */
  fetch?: typeof fetch;
  /**
   * `true` when `env` points at the sandbox's fake TMDb (`LBX_SANDBOX=1`): the flow runs against it and
   * `--write-env` is refused (its token is worthless anywhere else and must not replace a real one).
   */
  sandbox?: boolean;
}

/** The env file `runTmdbSignIn` reads for `argv` (so the caller can load it before building `env`). */
export function signInEnvFile(argv: readonly string[], cwd = process.cwd()): string {
  const index = argv.findIndex((arg) => arg === '--env-file' || arg.startsWith('--env-file='));
  const value = index < 0 ? '.env' : argv[index]?.includes('=') ? argv[index].slice('--env-file='.length) : argv[index + 1];
  return resolve(cwd, value || '.env');
}

/**
 * `pnpm tmdb:sign-in`: the v4 sign-in as a command. Resolves with the exit code: 0 signed in, 1 the flow failed
 * or was abandoned, 2 bad arguments or no read access token.
 */
export async function runTmdbSignIn(options: TmdbSignInOptions): Promise<number> {
  let flags: { 'write-env'?: boolean; 'env-file'?: string; help?: boolean };
  try {
    flags = parseArgs({
      args: [...options.argv],
      options: { 'write-env': { type: 'boolean' }, 'env-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    options.writeError(`${messageOf(error)}\n\n${SIGN_IN_USAGE}`);
    return 2;
  }
  if (flags.help) {
    options.write(SIGN_IN_USAGE);
    return 0;
  }
  if (options.sandbox && flags['write-env']) {
    options.writeError(
      '--write-env is refused with LBX_SANDBOX=1: the token only works on the sandbox\'s fake TMDb and must not ' +
        'replace real credentials in your env file. Run without --write-env to try the flow.',
    );
    return 2;
  }
  const readAccessToken = options.env.TMDB_READ_ACCESS_TOKEN?.trim();
  if (!readAccessToken) {
    options.writeError(
      'TMDB_READ_ACCESS_TOKEN is not set: the sign-in needs your "API Read Access Token" from ' +
        'https://www.themoviedb.org/settings/api. Put it in .env (TMDB_READ_ACCESS_TOKEN=…) or the environment and run this again.',
    );
    return 2;
  }
  const baseUrl = (options.env.TMDB_BASE_URL?.trim() || DEFAULT_TMDB_BASE_URL).replace(/\/+$/, '');
  const tmdb = createTmdbClient({ readAccessToken, baseUrl, ...(options.fetch && { fetch: options.fetch }) });
  try {
    const { requestToken, approveUrl } = await tmdb.createRequestToken();
    // Against another host (a proxy, the sandbox's fake TMDb) the approval page is on that host too.
    const url =
      baseUrl === DEFAULT_TMDB_BASE_URL
        ? approveUrl
        : `${baseUrl}/auth/access?request_token=${encodeURIComponent(requestToken)}`;
    options.write(
      `1. Open this URL in a browser, signed in as the TMDb user whose lists lbx will manage, and approve:\n\n   ${url}\n\n` +
        '2. Then press Enter here (the request token is valid for 15 minutes).',
    );
    for (;;) {
      if (!(await options.waitForEnter())) {
        options.writeError('Sign-in abandoned: the input ended before the approval. Nothing was written.');
        return 1;
      }
      try {
        const { accessToken, accountId } = await tmdb.createAccessToken(requestToken);
        return await report(options, flags, { TMDB_USER_ACCESS_TOKEN: accessToken, TMDB_ACCOUNT_ID: accountId });
      } catch (error) {
        if (!(isTmdbError(error) && error.tmdbCode === 41)) throw error;
        options.write('Not approved yet: open the URL above, approve, then press Enter again.');
      }
    }
  } catch (error) {
    options.writeError(`TMDb sign-in failed against ${baseUrl}: ${messageOf(error)}`);
    return 1;
  }
}

async function report(
  options: TmdbSignInOptions,
  flags: { 'write-env'?: boolean; 'env-file'?: string },
  values: Record<string, string>,
): Promise<number> {
  const lines = Object.entries(values).map(([name, value]) => `${name}=${value}`);
  if (!flags['write-env']) {
    options.write(
      `Signed in. Add these lines to your .env (or run again with --write-env to have them written):\n\n${lines.join('\n')}`,
    );
    return 0;
  }
  const file = signInEnvFile(flags['env-file'] === undefined ? [] : ['--env-file', flags['env-file']], options.cwd);
  await setEnvFileValues(file, values);
  options.write(`Signed in. Wrote TMDB_USER_ACCESS_TOKEN and TMDB_ACCOUNT_ID to ${file} (its other lines are unchanged).`);
  return 0;
}
