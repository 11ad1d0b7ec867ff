import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTmdbSignIn, SIGN_IN_USAGE } from '../src/tmdb-sign-in';
import { TMDB, useSiteFakes } from './support/fake-sites';

const fakes = useSiteFakes({ tempPrefix: 'lbx-sign-in-' });

/**
 * Drive the command as a user would: `onPrompt` runs each time the command waits for Enter (the user approves in
 * the browser, or not); after `enters` presses the input ends.
 */
function signIn(argv: string[], env: Record<string, string>, onPrompt: (out: string) => Promise<void> = async () => undefined, enters = 3) {
  const out: string[] = [];
  const errors: string[] = [];
  let pressed = 0;
  const code = runTmdbSignIn({
    argv,
    env,
    cwd: fakes.dir,
    write: (text) => out.push(text),
    writeError: (text) => errors.push(text),
    waitForEnter: async () => {
      if (pressed >= enters) return false;
      pressed += 1;
      await onPrompt(out.join('\n'));
      return true;
    },
  });
  return { code, out, errors };
}

const approveOverHttp = async (out: string) => {
  const url = /(https?:\/\/\S+\/auth\/access\?request_token=\S+)/.exec(out)?.[1];
  expect(url).toBeDefined();
  expect((await fetch(url as string)).status).toBe(200);
};

const env = () => ({ TMDB_READ_ACCESS_TOKEN: fakes.tmdb.credentials.readAccessToken, TMDB_BASE_URL: TMDB });

describe('tmdb:sign-in', () => {
  it('prints the approval URL on TMDB_BASE_URL, waits for the approval, then prints both variables', async () => {
    let prompts = 0;
    const run = signIn([], env(), async (out) => {
      prompts += 1;
      if (prompts === 2) await approveOverHttp(out); // Enter pressed once too early, then approved
    });
    expect(await run.code).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain(`${TMDB}/auth/access?request_token=`);
    expect(text).toContain('Not approved yet');
    const token = /TMDB_USER_ACCESS_TOKEN=(\S+)/.exec(text)?.[1] as string;
    expect(text).toContain(`TMDB_ACCOUNT_ID=${fakes.tmdb.credentials.accountId}`);
    // The printed token really writes lists on the fake.
    const made = await fetch(`${TMDB}/4/list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Signed in', iso_639_1: 'en' }),
    });
    expect(made.status).toBe(201);
  });

  it('--write-env sets both variables in .env, replacing old values and keeping every other line', async () => {
    const file = join(fakes.dir, '.env');
    await writeFile(file, '# my settings\nTMDB_READ_ACCESS_TOKEN=abc\nTMDB_ACCOUNT_ID=old\n\nCRON_TARGET_USERS=alice\n', { mode: 0o640 });
    const run = signIn(['--write-env'], env(), approveOverHttp);
    expect(await run.code).toBe(0);
    const text = await readFile(file, 'utf8');
    const token = /^TMDB_USER_ACCESS_TOKEN=(.+)$/m.exec(text)?.[1];
    expect(text).toBe(
      `# my settings\nTMDB_READ_ACCESS_TOKEN=abc\nTMDB_ACCOUNT_ID=${fakes.tmdb.credentials.accountId}\n\nCRON_TARGET_USERS=alice\nTMDB_USER_ACCESS_TOKEN=${token}\n`,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(run.out.join('\n')).toContain(`Wrote TMDB_USER_ACCESS_TOKEN and TMDB_ACCOUNT_ID to ${file}`);
    expect(run.out.join('\n')).not.toContain(token);
  });

  it('--env-file creates a private file when missing and keeps CRLF line endings of an existing one', async () => {
    const created = signIn(['--write-env', '--env-file', 'secrets/tmdb.env'], env(), approveOverHttp);
    expect(await created.code).toBe(0);
    const file = join(fakes.dir, 'secrets/tmdb.env');
    expect(await readFile(file, 'utf8')).toMatch(/^TMDB_USER_ACCESS_TOKEN=\S+\nTMDB_ACCOUNT_ID=\S+\n$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const crlf = join(fakes.dir, 'crlf.env');
    await writeFile(crlf, 'export TMDB_USER_ACCESS_TOKEN=old\r\nLOG_LEVEL=debug\r\n');
    expect(await signIn(['--write-env', `--env-file=crlf.env`], env(), approveOverHttp).code).toBe(0);
    expect(await readFile(crlf, 'utf8')).toMatch(/^TMDB_USER_ACCESS_TOKEN=\S+\r\nLOG_LEVEL=debug\r\nTMDB_ACCOUNT_ID=\S+\r\n$/);
  });

  it('exits 1 and writes nothing when the input ends before an approval', async () => {
    const run = signIn(['--write-env'], env(), async () => undefined, 1);
    expect(await run.code).toBe(1);
    expect(run.out.join('\n')).toContain('Not approved yet');
    expect(run.errors.join('\n')).toContain('Sign-in abandoned');
    await expect(stat(join(fakes.dir, '.env'))).rejects.toThrow(/ENOENT/);
  });

  it('exits 2 without a read access token, naming where to get one; 1 with a refused one', async () => {
    const none = signIn([], { TMDB_BASE_URL: TMDB });
    expect(await none.code).toBe(2);
    expect(none.errors.join('\n')).toContain('TMDB_READ_ACCESS_TOKEN is not set');
    const wrong = signIn([], { TMDB_BASE_URL: TMDB, TMDB_READ_ACCESS_TOKEN: 'not-a-token' });
    expect(await wrong.code).toBe(1);
    expect(wrong.errors.join('\n')).toMatch(new RegExp(`TMDb sign-in failed against ${TMDB}: .+`));
  });

  it('refuses --write-env in the sandbox (a fake token must never replace real credentials)', async () => {
    const out: string[] = [];
    const errors: string[] = [];
    const code = await runTmdbSignIn({
      argv: ['--write-env'],
      env: env(),
      sandbox: true,
      cwd: fakes.dir,
      write: (text) => out.push(text),
      writeError: (text) => errors.push(text),
      waitForEnter: async () => true,
    });
    expect(code).toBe(2);
    expect(errors.join('\n')).toContain('--write-env is refused with LBX_SANDBOX=1');
    expect(fakes.tmdb.requests).toEqual([]);
  });

  it('prints usage for --help (stdout, 0) and an unknown flag (stderr, 2)', async () => {
    const help = signIn(['--help'], {});
    expect(await help.code).toBe(0);
    expect(help.out).toEqual([SIGN_IN_USAGE]);
    const bad = signIn(['--write'], {});
    expect(await bad.code).toBe(2);
    expect(bad.errors.join('\n')).toContain(SIGN_IN_USAGE);
  });
});
