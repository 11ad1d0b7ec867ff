/**
 * `pnpm demo`: the main job, end to end, on this machine.
 *
 * Sandbox (default, or whenever `LBX_SANDBOX` is set): starts the fake Letterboxd and the fake TMDb as real HTTP
 * servers on 127.0.0.1 (the same sandbox `LBX_SANDBOX=1` gives both apps: examples/shared/src/sandbox.ts), runs
 * the real cron runner (`examples/cron`, `--once`) against them for the demo members, prints each member's
 * report (with how exactly the films were matched), runs it again to show a no-change re-sync (zero TMDb
 * writes), changes one member's ratings on the fake Letterboxd and runs it a third time (only the difference is
 * written), then prints the lists and where the mapping file is.
 *
 * Real: with TMDb credentials in the environment (`TMDB_USER_ACCESS_TOKEN`, `TMDB_ACCOUNT_ID` and
 * `TMDB_API_KEY` or `TMDB_READ_ACCESS_TOKEN`) and no `LBX_SANDBOX`, runs the cron runner once against the real
 * sites with the environment as it is (`CRON_TARGET_USERS`, `MAPPINGS_FILE`, …; see examples/README.md): a dry
 * run (nothing written) unless `--write` is given. A `.env` file in the working directory counts as environment,
 * as it does for the runner (variables already set win).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// Relative imports: the examples' shared package and the private testkit are not dependencies of the root.
import type { FakeTmdb } from '../packages/testkit/src/index.ts';
import { SANDBOX_MEMBERS, startSandbox } from '../examples/shared/src/sandbox.ts';

const USAGE = `Usage: pnpm demo [--write] [--help]

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
    `  ${pad('member', 15)}${pad('status', 11)}${pad('list', 20)}${pad('found', 7)}${pad('matched', 9)}${pad('match methods', 20)}${pad('added', 7)}${pad('removed', 9)}not matched`,
  );
  for (const user of users) {
    const line = result.lines.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith(`${user}: `) && 'films_found' in entry);
    if (!line) fail(`the runner printed no report line for ${user} (expected a JSON log line "${user}: <status>")`, result);
    const status = String(line.msg).slice(user.length + 2);
    const list = line.list_id === null ? '-' : `${line.list_id} (${line.list})`;
    console.log(
      `  ${pad(user, 15)}${pad(status, 11)}${pad(list, 20)}${pad(String(line.films_found), 7)}${pad(String(line.matched), 9)}${pad(String(line.match_methods ?? '-'), 20)}${pad(String(line.added), 7)}${pad(String(line.removed), 9)}${String(line.not_matched)}`,
    );
    for (const miss of result.lines.filter((entry) => entry.msg === `${user}: not matched`)) {
      console.log(`  ${pad('', 15)}  not matched: ${String(miss.title)} (${String(miss.year ?? 'no year')}): ${String(miss.reason)}`);
    }
  }
  const summary = result.lines.find((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('run finished'));
  if (summary) console.log(`  ${String(summary.msg)}`);
}

function printLists(tmdb: FakeTmdb): void {
  for (const list of tmdb.lists.values()) {
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

async function runSandbox(): Promise<void> {
  const sandbox = await startSandbox();
  const { letterboxd, tmdb } = sandbox;
  const mappingsFile = sandbox.env.MAPPINGS_FILE as string;
  try {
    console.log('lbx demo (sandbox): fake Letterboxd and fake TMDb as HTTP servers on this machine');
    console.log(`  Letterboxd: ${sandbox.letterboxdUrl}   TMDb: ${sandbox.tmdbUrl}   members: ${DEMO_USERS.join(', ')}`);
    console.log('  running the real cron runner: examples/cron/src/main.ts --once');
    // The parent environment without anything that could point the runner at real services, then the sandbox.
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !/^(TMDB_|LETTERBOXD_|CRON_|MAPPINGS_FILE$|LOG_|LBX_)/.test(key)),
      ),
      ...sandbox.env,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };

    const first = await runCron(env, { cwd: sandbox.dir, capture: true });
    const firstWrites = tmdb.writeCount();
    const firstRequests = { letterboxd: letterboxd.requests.length, tmdb: tmdb.requests.length };
    printReport('Run 1: first sync', first, DEMO_USERS);
    console.log(`  requests: Letterboxd ${firstRequests.letterboxd}, TMDb ${firstRequests.tmdb}; TMDb writes: ${firstWrites}`);
    if (first.code !== 0) fail(`the first run exited with code ${first.code}`, first);
    if (firstWrites === 0) fail('the first run wrote nothing to TMDb', first);

    const second = await runCron(env, { cwd: sandbox.dir, capture: true });
    const secondWrites = tmdb.writeCount() - firstWrites;
    printReport('Run 2: re-sync, nothing changed on Letterboxd', second, DEMO_USERS);
    console.log(
      `  requests: Letterboxd ${letterboxd.requests.length - firstRequests.letterboxd}, TMDb ${tmdb.requests.length - firstRequests.tmdb}; TMDb writes: ${secondWrites}`,
    );
    if (second.code !== 0) fail(`the second run exited with code ${second.code}`, second);
    if (secondWrites !== 0) fail(`the re-sync made ${secondWrites} TMDb writes (expected 0)`, second);

    // Ana changes her mind on Letterboxd: the next run changes exactly what differs (no clear, no re-add).
    const ana = letterboxd.members.get('cinephile_ana');
    const lesMis = ana?.films.find((film) => film.slug === 'les-miserables-2012');
    const harbour = ana?.films.find((film) => film.slug === 'harbour-lights');
    if (!lesMis || !harbour) fail('the demo member cinephile_ana lacks the films the third run changes');
    lesMis.rating = 5;
    harbour.liked = false;
    const before = { letterboxd: letterboxd.requests.length, tmdb: tmdb.requests.length, writes: tmdb.writeCount() };
    const third = await runCron(env, { cwd: sandbox.dir, capture: true });
    printReport('Run 3: cinephile_ana rated Les Misérables ★★★★★ and un-liked Harbour Lights', third, DEMO_USERS);
    console.log(
      `  requests: Letterboxd ${letterboxd.requests.length - before.letterboxd}, TMDb ${tmdb.requests.length - before.tmdb}; TMDb writes: ${tmdb.writeCount() - before.writes}`,
    );
    if (third.code !== 0) fail(`the third run exited with code ${third.code}`, third);

    printLists(tmdb);
    console.log(`\nMapping file: ${mappingsFile}`);
    console.log(`  ${(await readFile(mappingsFile, 'utf8')).trim().replace(/\n/g, '\n  ')}`);
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
