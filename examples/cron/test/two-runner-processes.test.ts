import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRunDatabase } from '@lbx/testkit/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSites, type ServedSites } from '../../shared/test/support/served-sites';

/**
 * Two cron runners as two operating-system processes (as two containers would run them) on one PostgreSQL,
 * against the fakes served over HTTP: both see the same missed occurrence on start, and it runs once.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
// The runner itself (not the tsx CLI, which forks a child), so that SIGTERM reaches it.
const tsxLoader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const main = join(root, 'examples/cron/src/main.ts');

let dir = '';
let databaseUrl = '';
let sites: ServedSites;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-cron-processes-'));
  databaseUrl = await createRunDatabase('cron_processes');
  sites = await serveSites();
}, 60_000);
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sites.close();
  await rm(dir, { recursive: true, force: true });
});

/** A runner process with its own data folder (its own state file), as on its own machine. */
async function startRunner(name: string, schedule: string, lastRunAt: Date) {
  const data = join(dir, name);
  await mkdir(data, { recursive: true });
  await writeFile(join(data, '.lbx-cron-state.json'), JSON.stringify({ lastRunAt: lastRunAt.toISOString() }));
  const child = spawn(process.execPath, ['--import', tsxLoader, '--conditions=@lbx/source', main], {
    cwd: data,
    env: {
      PATH: process.env.PATH ?? '',
      ...sites.env,
      DATABASE_URL: databaseUrl,
      CRON_ENABLED: 'true',
      CRON_SCHEDULE: schedule,
      CRON_TIMEZONE: 'UTC',
      CRON_TARGET_USERS: 'reel_rita,otto_o',
      LOG_LEVEL: 'info',
      MAPPINGS_FILE: join(data, 'mappings.json'),
    },
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Requests the fake Letterboxd saw for a member's top-rated films: one per sync of that member. */
const topRatedReads = (username: string) => sites.lb.requests.filter((request) => request.path.startsWith(`/${username}/likes/`)).length;

describe('two cron runner processes on one PostgreSQL', () => {
  it('a missed occurrence both of them see on start runs once: each member synced exactly once, on one of them', async () => {
    // An hourly schedule whose last occurrence was five minutes ago: the runners were down then, so each one
    // makes it up on start (it is < 1 h late), and the next occurrence is 55 minutes away.
    const now = new Date();
    const missed = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - 5 * 60_000);
    const schedule = `${missed.getUTCMinutes()} * * * *`;
    const before = new Date(missed.getTime() - 3_600_000);
    const runners = await Promise.all([startRunner('a', schedule, before), startRunner('b', schedule, before)]);

    while (!runners.some((runner) => runner.output().includes('run finished'))) {
      for (const runner of runners) {
        if (runner.child.exitCode !== null) throw new Error(`a runner exited early:\n${runner.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Both runners enqueued the occurrence: one of them created the job, the other found it queued (whichever
    // runner's worker took the job ran it). Give the workers a few polls to show that nobody runs it again.
    const queuedTwice = () => runners.flatMap((runner) => runner.output().match(/occurrence already queued by another runner/g) ?? []);
    while (queuedTwice().length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(topRatedReads('reel_rita')).toBe(1);
    expect(topRatedReads('otto_o')).toBe(1);
    expect(sites.tmdb.lists.size).toBe(2);
    const ran = runners.filter((runner) => runner.output().includes('run started (make-up)'));
    expect(ran).toHaveLength(1);
    expect(ran[0]?.output()).toContain(`scheduled_for=${missed.toISOString()}`);
    expect(queuedTwice()).toHaveLength(1);

    for (const runner of runners) runner.child.kill('SIGTERM');
    expect(await Promise.all(runners.map((runner) => runner.exited))).toEqual([0, 0]);
  }, 60_000);
});
