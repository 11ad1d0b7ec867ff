/**
 * `pnpm demo`: the main job, end to end, on this machine.
 *
 * Sandbox (default, or whenever `LBX_SANDBOX` is set): starts the fake Letterboxd and the fake TMDb as real HTTP
 * servers on 127.0.0.1, runs the real cron runner (`examples/cron`, `--once`) against them for the demo members,
 * prints each member's report (with how exactly the films were matched), runs it again to show a no-change
 * re-sync (zero TMDb writes), changes one member's ratings on the fake Letterboxd and runs it a third time (only
 * the difference is written), then prints the lists and where the mapping file is.
 *
 * Real: with TMDb credentials in the environment (`TMDB_USER_ACCESS_TOKEN`, `TMDB_ACCOUNT_ID` and
 * `TMDB_API_KEY` or `TMDB_READ_ACCESS_TOKEN`) and no `LBX_SANDBOX`, runs the cron runner once for real, with the
 * environment as it is (`CRON_TARGET_USERS`, `MAPPINGS_FILE`, …; see examples/README.md). A `.env` file in the
 * working directory counts as environment, as it does for the runner (variables already set win).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Relative import: the private testkit is not a dependency of the workspace root.
import {
  createFakeLetterboxd,
  createFakeTmdb,
  demoMembers,
  serveHandlers,
  type FakeLetterboxd,
  type FakeTmdb,
} from '../packages/testkit/src/index.ts';

const CRON_MAIN = fileURLToPath(new URL('../examples/cron/src/main.ts', import.meta.url));
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');
const DEMO_USERS = ['cinephile_ana', 'midnight_mo'];

interface RunnerResult {
  code: number;
  lines: Array<Record<string, unknown>>;
  raw: string[];
}

/** Spawns `examples/cron/src/main.ts --once` with `env`; collects its JSON log lines when asked to. */
function runCron(env: NodeJS.ProcessEnv, options: { cwd: string; capture: boolean }): Promise<RunnerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, '--conditions=@lbx/source', CRON_MAIN, '--once'], {
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

function hasRealCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.TMDB_USER_ACCESS_TOKEN && env.TMDB_ACCOUNT_ID && (env.TMDB_API_KEY || env.TMDB_READ_ACCESS_TOKEN));
}

function sandboxEnv(letterboxd: string, tmdb: FakeTmdb, tmdbUrl: string, mappingsFile: string): NodeJS.ProcessEnv {
  // Start from the parent environment without anything that could point the runner at real services.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(TMDB_|LETTERBOXD_|CRON_|MAPPINGS_FILE$|LOG_)/.test(key)),
  );
  return {
    ...env,
    LETTERBOXD_BASE_URL: letterboxd,
    LETTERBOXD_MIN_DELAY_MS: '0',
    TMDB_BASE_URL: tmdbUrl,
    TMDB_READ_ACCESS_TOKEN: tmdb.credentials.readAccessToken,
    TMDB_USER_ACCESS_TOKEN: tmdb.credentials.userAccessToken,
    TMDB_ACCOUNT_ID: tmdb.credentials.accountId,
    CRON_TARGET_USERS: DEMO_USERS.join(','),
    MAPPINGS_FILE: mappingsFile,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
  };
}

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
  const dir = await mkdtemp(join(tmpdir(), 'lbx-demo-'));
  const mappingsFile = join(dir, 'tmdb_list_mappings.json');
  let letterboxd: FakeLetterboxd | undefined;
  let tmdb: FakeTmdb | undefined;
  const lbServer = await serveHandlers((url) => {
    letterboxd = createFakeLetterboxd({ baseUrl: url, members: [...demoMembers] });
    return letterboxd.handlers;
  });
  const tmdbServer = await serveHandlers((url) => {
    tmdb = createFakeTmdb({ baseUrl: url });
    return tmdb.handlers;
  });
  try {
    if (!letterboxd || !tmdb) throw new Error('the fakes did not start');
    console.log('lbx demo (sandbox): fake Letterboxd and fake TMDb as HTTP servers on this machine');
    console.log(`  Letterboxd: ${lbServer.url}   TMDb: ${tmdbServer.url}   members: ${DEMO_USERS.join(', ')}`);
    console.log('  running the real cron runner: examples/cron/src/main.ts --once');
    const env = sandboxEnv(lbServer.url, tmdb, tmdbServer.url, mappingsFile);

    const first = await runCron(env, { cwd: dir, capture: true });
    const firstWrites = tmdb.writeCount();
    const firstRequests = { letterboxd: letterboxd.requests.length, tmdb: tmdb.requests.length };
    printReport('Run 1: first sync', first, DEMO_USERS);
    console.log(`  requests: Letterboxd ${firstRequests.letterboxd}, TMDb ${firstRequests.tmdb}; TMDb writes: ${firstWrites}`);
    if (first.code !== 0) fail(`the first run exited with code ${first.code}`, first);
    if (firstWrites === 0) fail('the first run wrote nothing to TMDb', first);

    const second = await runCron(env, { cwd: dir, capture: true });
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
    const third = await runCron(env, { cwd: dir, capture: true });
    printReport('Run 3: cinephile_ana rated Les Misérables ★★★★★ and un-liked Harbour Lights', third, DEMO_USERS);
    console.log(
      `  requests: Letterboxd ${letterboxd.requests.length - before.letterboxd}, TMDb ${tmdb.requests.length - before.tmdb}; TMDb writes: ${tmdb.writeCount() - before.writes}`,
    );
    if (third.code !== 0) fail(`the third run exited with code ${third.code}`, third);

    printLists(tmdb);
    console.log(`\nMapping file: ${mappingsFile}`);
    console.log(`  ${(await readFile(mappingsFile, 'utf8')).trim().replace(/\n/g, '\n  ')}`);
    console.log('\nNext: put your TMDb credentials in the environment (see examples/README.md) and run `pnpm demo` again.');
  } finally {
    await Promise.all([lbServer.close(), tmdbServer.close()]);
  }
}

async function runReal(): Promise<void> {
  if (!process.env.CRON_TARGET_USERS) {
    fail('TMDb credentials found, but CRON_TARGET_USERS is empty: list the Letterboxd usernames to sync (or set LBX_SANDBOX=1 for the offline demo).');
  }
  console.log(`lbx demo (real): syncing ${process.env.CRON_TARGET_USERS} with the cron runner, once`);
  const result = await runCron(process.env, { cwd: process.cwd(), capture: false });
  process.exit(result.code);
}

if (existsSync('.env')) process.loadEnvFile('.env');
const partial = Object.keys(process.env).some((key) => key.startsWith('TMDB_') && process.env[key]);
if (!process.env.LBX_SANDBOX && hasRealCredentials(process.env)) {
  await runReal();
} else {
  if (partial && !process.env.LBX_SANDBOX) {
    console.log('Some TMDB_* variables are set, but not a full set of credentials: running the offline sandbox.');
  }
  await runSandbox();
}
