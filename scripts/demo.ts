/**
 * `pnpm demo`: the main job, end to end, on this machine.
 *
 * Sandbox (default, or whenever `LBX_SANDBOX` is set): starts the fake Letterboxd and the fake TMDb as real HTTP
 * servers on 127.0.0.1 (the same sandbox `LBX_SANDBOX=1` gives both apps: examples/shared/src/sandbox.ts), runs
 * the real cron runner (`examples/cron`, `--once`) against them for the demo members, prints each member's
 * report (with how exactly the films were matched and which source answered). `cinephile_ana` has stored her
 * data export and Letterboxd refuses to be scraped for her (a Cloudflare challenge on every page but her RSS feed):
 * her list comes from her film ledger — the export once, the feed on every run. Runs 2 and 3 pick up her new diary
 * entries from the feed; run 4, with nothing changed, makes zero TMDb writes. Then it prints the lists and where
 * the mapping and ledger files are.
 *
 * Real: with TMDb credentials in the environment (`TMDB_USER_ACCESS_TOKEN`, `TMDB_ACCOUNT_ID` and
 * `TMDB_API_KEY` or `TMDB_READ_ACCESS_TOKEN`) and no `LBX_SANDBOX`, runs the cron runner once against the real
 * sites with the environment as it is (`CRON_TARGET_USERS`, `MAPPINGS_FILE`, …; see examples/README.md): a dry
 * run (nothing written) unless `--write` is given. A `.env` file in the working directory counts as environment,
 * as it does for the runner (variables already set win).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// Relative imports: the examples' shared package and the private testkit are not dependencies of the root.
import { renderMemberExport, type FakeFilm, type FakeLetterboxd, type FakeTmdb } from '../packages/testkit/src/index.ts';
import { SANDBOX_MEMBERS, startSandbox } from '../examples/shared/src/sandbox.ts';

const USAGE = `Usage: npx -y pnpm@12.4.2 demo [--write] [--help]

Without TMDb credentials (or with LBX_SANDBOX=1): the offline demo against local fakes of Letterboxd and TMDb.
With TMDb credentials and CRON_TARGET_USERS in the environment or .env: one run of the cron runner against the
real sites, as a dry run (reads everything, writes nothing to TMDb) unless --write is given.

  --write   with real credentials, write to your TMDb lists
  --help    show this text`;

const CRON_MAIN = fileURLToPath(new URL('../examples/cron/src/main.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const DEMO_USERS = SANDBOX_MEMBERS;

interface RunnerResult {
  code: number;
  lines: Array<Record<string, unknown>>;
  raw: string[];
}

/** Spawns `examples/cron/src/main.ts --once` (`--dry-run` when asked) with `env`; collects its JSON log lines when asked to. */
function runCron(env: NodeJS.ProcessEnv, options: { cwd: string; capture: boolean; dryRun?: boolean }): Promise<RunnerResult> {
  return new Promise((resolve, reject) => {
    const args = [TSX_CLI, '--conditions=@lbx/source', CRON_MAIN, '--once', ...(options.dryRun ? ['--dry-run'] : [])];
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env,
      stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const raw: string[] = [];
    const collect = (chunk: Buffer) => raw.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = raw.flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
      resolve({ code: code ?? 1, lines, raw });
    });
  });
}

/** The credential variables a real sync needs, and which of them are missing from `env`. */
function missingCredentials(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.TMDB_API_KEY && !env.TMDB_READ_ACCESS_TOKEN) missing.push('TMDB_API_KEY or TMDB_READ_ACCESS_TOKEN');
  if (!env.TMDB_USER_ACCESS_TOKEN) missing.push('TMDB_USER_ACCESS_TOKEN');
  if (!env.TMDB_ACCOUNT_ID) missing.push('TMDB_ACCOUNT_ID');
  return missing;
}

const CREDENTIAL_VARIABLES = ['TMDB_API_KEY', 'TMDB_READ_ACCESS_TOKEN', 'TMDB_USER_ACCESS_TOKEN', 'TMDB_ACCOUNT_ID'];

const pad = (text: string | number, width: number) => String(text).padEnd(width);

/** Prints the runner's per-member lines as a table; fails loudly when a member's line is missing. */
function printReport(title: string, result: RunnerResult, users: readonly string[]): void {
  console.log(`\n${title}`);
  console.log(
    `  ${pad('member', 15)}${pad('status', 11)}${pad('source', 12)}${pad('list', 20)}${pad('found', 7)}${pad('matched', 9)}${pad('match methods', 20)}${pad('added', 7)}${pad('removed', 9)}${pad('moved', 7)}not matched`,
  );
  for (const user of users) {
    const line = result.lines.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith(`${user}: `) && 'films_found' in entry);
    if (!line) fail(`the runner printed no report line for ${user} (expected a JSON log line "${user}: <status>")`, result);
    const status = String(line.msg).slice(user.length + 2);
    const list = line.list_id === null ? '-' : `${line.list_id} (${line.list})`;
    console.log(
      `  ${pad(user, 15)}${pad(status, 11)}${pad(String(line.source ?? '-'), 12)}${pad(list, 20)}${pad(String(line.films_found), 7)}${pad(String(line.matched), 9)}${pad(String(line.match_methods ?? '-'), 20)}${pad(String(line.added), 7)}${pad(String(line.removed), 9)}${pad(String(line.reordered ?? 0), 7)}${String(line.not_matched)}`,
    );
    const notes = result.lines.filter(
      (entry) =>
        typeof entry.msg === 'string' && entry.msg.startsWith(`${user}: `) && !('films_found' in entry) && entry.msg !== `${user}: not matched`,
    );
    for (const note of notes) console.log(`  ${pad('', 15)}  ${String(note.msg).slice(user.length + 2)}`);
    for (const miss of result.lines.filter((entry) => entry.msg === `${user}: not matched`)) {
      console.log(`  ${pad('', 15)}  not matched: ${String(miss.title)} (${String(miss.year ?? 'no year')}): ${String(miss.reason)}`);
    }
  }
  const summary = result.lines.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('run finished'));
  if (summary) console.log(`  ${String(summary.msg)}`);
}

function printLists(tmdb: FakeTmdb): void {
  for (const list of [...tmdb.lists.values()].filter((entry) => DEMO_USERS.some((user) => entry.name.startsWith(`${user}'s`)))) {
    console.log(`\nTMDb list ${list.id} "${list.name}" (${list.items.length} items, in order):`);
    for (const item of list.items) {
      const title = item.mediaType === 'tv' ? tmdb.tv.get(item.mediaId)?.name : tmdb.movies.get(item.mediaId)?.title;
      console.log(`  ${pad(item.comment ?? '', 7)}${title ?? '?'} (${item.mediaType} ${item.mediaId})`);
    }
  }
}

function fail(message: string, result?: RunnerResult): never {
  console.error(`\ndemo failed: ${message}`);
  if (result) console.error(`runner output:\n${result.raw.map((line) => `  ${line}`).join('\n')}`);
  process.exit(1);
}

/** A diary entry Ana logs between two runs: the film moves to the top of her diary, and so of her feed. */
function logEntry(letterboxd: FakeLetterboxd, film: FakeFilm): void {
  const ana = letterboxd.members.get('cinephile_ana');
  if (!ana) fail('the demo member cinephile_ana is missing');
  ana.films = [film, ...ana.films.filter((other) => other.slug !== film.slug)];
}

async function runSandbox(): Promise<void> {
  const sandbox = await startSandbox();
  const { letterboxd, tmdb } = sandbox;
  const mappingsFile = sandbox.env.MAPPINGS_FILE as string;
  try {
    const ana = letterboxd.members.get('cinephile_ana');
    if (!ana) fail('the demo member cinephile_ana is missing');
    // Ana downloaded her export on 21 November (the file's time dates it), and Letterboxd refuses to be scraped
    // for her: every page but her RSS feed answers with a Cloudflare challenge.
    const exportFile = join(sandbox.env.LETTERBOXD_EXPORT_DIR as string, 'cinephile_ana.zip');
    await mkdir(dirname(exportFile), { recursive: true });
    await writeFile(exportFile, renderMemberExport(ana, { exportedOn: '2026-11-21' }));
    await utimes(exportFile, new Date('2026-11-21T12:00:00Z'), new Date('2026-11-21T12:00:00Z'));
    letterboxd.failNext({ kind: 'cloudflare', path: /^\/cinephile_ana\/(?!rss\/)/, times: Number.MAX_SAFE_INTEGER });

    console.log('lbx demo (sandbox): fake Letterboxd and fake TMDb as HTTP servers on this machine');
    console.log(`  Letterboxd: ${sandbox.letterboxdUrl}   TMDb: ${sandbox.tmdbUrl}   members: ${DEMO_USERS.join(', ')}`);
    console.log('  cinephile_ana: data export stored, scraping refused (Cloudflare): her films come from her film ledger');
    console.log('  running the real cron runner: examples/cron/src/main.ts --once (LETTERBOXD_SOURCE=auto)');
    // The parent environment without anything that could point the runner at real services, then the sandbox.
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^(TMDB_|LETTERBOXD_|CRON_|MAPPINGS_FILE$|LOG_|LBX_)/.test(key)),
      ),
      ...sandbox.env,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };

    const run = async (title: string) => {
      const before = { letterboxd: letterboxd.requests.length, tmdb: tmdb.requests.length, writes: tmdb.writeCount() };
      const result = await runCron(env, { cwd: sandbox.dir, capture: true });
      const writes = tmdb.writeCount() - before.writes;
      printReport(title, result, DEMO_USERS);
      console.log(
        `  requests: Letterboxd ${letterboxd.requests.length - before.letterboxd}, TMDb ${tmdb.requests.length - before.tmdb}; TMDb writes: ${writes}`,
      );
      if (result.code !== 0) fail(`"${title}" exited with code ${result.code}`, result);
      return { result, writes };
    };
    const anaList = () =>
      [...tmdb.lists.values()].find((list) => list.name.startsWith('cinephile_ana'))?.items.map((item) => item.mediaId) ?? [];

    const first = await run('Run 1: first sync (cinephile_ana from her export + RSS feed, midnight_mo scraped)');
    if (first.writes === 0) fail('the first run wrote nothing to TMDb', first.result);

    logEntry(letterboxd, {
      slug: 'the-things-we-kept',
      title: 'The Things We Kept',
      year: 2015,
      rating: 4.5,
      liked: true,
      tmdb: { id: 900101, type: 'movie' },
      imdbId: null,
      directors: [],
      watchlisted: false,
      loggedAt: '2026-11-25T10:00:00Z',
    });
    const second = await run('Run 2: cinephile_ana logged The Things We Kept (★★★★½, liked): the feed brings it');
    if (!anaList().includes(900101)) fail('run 2 did not add The Things We Kept from the feed', second.result);

    const suspiria = ana.films.find((film) => film.slug === 'suspiria-2018');
    if (!suspiria) fail('the demo member cinephile_ana lacks Suspiria (2018)');
    logEntry(letterboxd, { ...suspiria, rating: 4.5, liked: true, loggedAt: '2026-11-28T21:00:00Z' });
    const third = await run('Run 3: cinephile_ana rewatched Suspiria (2018), now ★★★★½ and liked: the feed brings it');
    if (!anaList().includes(361292)) fail('run 3 did not add Suspiria (2018) from the feed', third.result);

    const fourth = await run('Run 4: re-sync, nothing changed on Letterboxd');
    if (fourth.writes !== 0) fail(`the re-sync made ${fourth.writes} TMDb writes (expected 0)`, fourth.result);

    printLists(tmdb);
    console.log(`\nMapping file: ${mappingsFile}`);
    console.log(`  ${(await readFile(mappingsFile, 'utf8')).trim().replace(/\n/g, '\n  ')}`);
    console.log(`Film ledgers: ${mappingsFile.replace(/\.json$/, '.ledger.json')} (GET /users/{username}/ledger on the server)`);
    console.log(
      '\nNext: try the HTTP API on the same fakes (`LBX_SANDBOX=1 npx -y pnpm@12.4.2 server`), or put your TMDb ' +
        'credentials in .env (`npx -y pnpm@12.4.2 tmdb:sign-in --write-env` gets the user token) and run ' +
        '`npx -y pnpm@12.4.2 demo` again (a dry run; add --write to write).',
    );
  } finally {
    await sandbox.close();
  }
}

async function runReal(write: boolean): Promise<void> {
  if (!process.env.CRON_TARGET_USERS) {
    fail('TMDb credentials found, but CRON_TARGET_USERS is empty: list the Letterboxd usernames to sync (or set LBX_SANDBOX=1 for the offline demo).');
  }
  if (write) {
    console.log(`lbx demo (real): syncing ${process.env.CRON_TARGET_USERS} with the cron runner, once, writing to TMDb`);
  } else {
    console.log(
      `lbx demo (real, dry run): reading ${process.env.CRON_TARGET_USERS} and planning their TMDb lists; nothing is written. ` +
        'Run `npx -y pnpm@12.4.2 demo --write` to write.',
    );
  }
  const result = await runCron(process.env, { cwd: process.cwd(), capture: false, dryRun: !write });
  process.exit(result.code);
}

let args: { write?: boolean; help?: boolean };
try {
  args = parseArgs({ options: { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (existsSync('.env')) process.loadEnvFile('.env');
const missing = missingCredentials(process.env);
if (!process.env.LBX_SANDBOX && missing.length === 0) {
  await runReal(args.write ?? false);
} else {
  const someSet = CREDENTIAL_VARIABLES.filter((key) => process.env[key]);
  if (!process.env.LBX_SANDBOX && someSet.length > 0) {
    console.log(
      `TMDb credentials are incomplete (${someSet.join(', ')} set; missing ${missing.join(', ')}): running the offline sandbox. ` +
        'Get the missing ones with `npx -y pnpm@12.4.2 tmdb:sign-in`.',
    );
  }
  if (args.write) console.log('--write has no effect in the sandbox: it only writes to the fake TMDb.');
  await runSandbox();
}
