import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli, USAGE } from '../src/cli';
import { advanceTo, memoryLogger, nextTurn, startClockAt, testEnv, useFakes, useFakeTime } from './helpers';

const fakes = useFakes();
useFakeTime();

function cli(argv: string[], env: Record<string, string>, extra: { onSignal?: Parameters<typeof runCli>[0]['onSignal'] } = {}) {
  startClockAt('2026-03-01T12:00:00Z');
  const { logger, lines } = memoryLogger(Date.now);
  const errors: string[] = [];
  const out: string[] = [];
  const code = runCli({ argv, env, logger, writeError: (text) => errors.push(text), writeOut: (text) => out.push(text), ...extra });
  return { code, lines, errors, out };
}

/** A stand-in for process signals. */
function signals() {
  const handlers = new Set<(signal: string) => void>();
  return {
    onSignal: (handler: (signal: string) => void) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    send: (signal: string) => handlers.forEach((handler) => handler(signal)),
    count: () => handlers.size,
  };
}

describe('lbx cron CLI', () => {
  it('--once runs now for every target user and exits 0', async () => {
    const run = cli(['--once'], testEnv(fakes));
    expect(await run.code).toBe(0);
    expect(run.lines.some((line) => line.includes('run started (manual)'))).toBe(true);
    expect(run.lines.some((line) => /reel_rita: synced .*list=created films_found=4 matched=4 added=4/.test(line))).toBe(true);
    expect(run.lines.some((line) => line.includes('run finished: 2 user(s): 2 synced'))).toBe(true);
    expect([...fakes.tmdb.lists.values()].map((list) => list.name).sort()).toEqual([
      "otto_o's Top Rated Movies",
      "reel_rita's Top Rated Movies",
    ]);
    const mappings = JSON.parse(await readFile(join(fakes.dir, 'mappings.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(mappings).sort()).toEqual(['otto_o', 'reel_rita']);
    const state = JSON.parse(await readFile(join(fakes.dir, '.lbx-cron-state.json'), 'utf8')) as { lastRunAt: string };
    expect(state.lastRunAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('--once works with CRON_ENABLED=false (the default)', async () => {
    expect(await cli(['--once'], testEnv(fakes, { CRON_TARGET_USERS: 'otto_o' })).code).toBe(0);
    expect(fakes.tmdb.lists.size).toBe(1);
  });

  it('--once exits 1 when a user failed, after syncing the others', async () => {
    const run = cli(['--once'], testEnv(fakes, { CRON_TARGET_USERS: 'nobody_here,otto_o' }));
    expect(await run.code).toBe(1);
    expect(run.lines.some((line) => line.includes('ERROR nobody_here: failed'))).toBe(true);
    expect(run.lines.some((line) => line.includes('otto_o: synced'))).toBe(true);
    expect(run.lines.some((line) => line.includes('ERROR run finished: 2 user(s): 1 synced, 0 unchanged, 0 refused, 1 failed'))).toBe(true);
  });

  it('--once --dry-run writes nothing to TMDb, and is not recorded as a run (misfire make-up ignores it)', async () => {
    const run = cli(['--once', '--dry-run'], testEnv(fakes, { CRON_TARGET_USERS: 'otto_o' }));
    expect(await run.code).toBe(0);
    expect(run.lines.some((line) => /otto_o: synced .*dry_run=true/.test(line))).toBe(true);
    expect(fakes.tmdb.writeCount()).toBe(0);
    expect(existsSync(join(fakes.dir, '.lbx-cron-state.json'))).toBe(false);
  });

  it('a refused sync names --once --only <user> --force, which applies it for that member only', async () => {
    expect(await cli(['--once'], testEnv(fakes)).code).toBe(0);
    // Rita un-likes three of her four films: removing 3 of 4 items trips the mass-removal valve.
    const rita = fakes.lb.members.get('reel_rita');
    fakes.lb.addMember({ ...rita!, films: rita!.films.map((film) => ({ ...film, liked: film.slug === 'fight-club' })) });
    const refused = cli(['--once'], testEnv(fakes));
    expect(await refused.code).toBe(0);
    const warning = refused.lines.find((line) => line.includes('reel_rita: refused')) ?? '';
    expect(warning).toContain('re-run with `npx -y pnpm@12.4.2 cron --once --only reel_rita --force`');
    expect(warning).not.toContain('force: true');
    const ritaList = () => [...fakes.tmdb.lists.values()].find((list) => list.name.startsWith('reel_rita'));
    expect(ritaList()?.items).toHaveLength(4);

    const forced = cli(['--once', '--only', 'Reel_Rita', '--force'], testEnv(fakes));
    expect(await forced.code).toBe(0);
    expect(forced.lines.some((line) => /run started \(manual\).*users=reel_rita force=true/.test(line))).toBe(true);
    expect(forced.lines.some((line) => /reel_rita: synced .*removed=3/.test(line))).toBe(true);
    expect(forced.lines.some((line) => line.includes('otto_o'))).toBe(false);
    expect(ritaList()?.items.map((item) => item.mediaId)).toEqual([550]);
  });

  it('refuses --force and --only without --once, and an --only that is not a username (exit 2)', async () => {
    const force = cli(['--force'], testEnv(fakes));
    expect(await force.code).toBe(2);
    expect(force.errors.join('\n')).toContain('--force applies to one run: add --once');
    const only = cli(['--only', 'a b', '--once'], testEnv(fakes));
    expect(await only.code).toBe(2);
    expect(only.errors.join('\n')).toContain('--only "a b" is neither a Letterboxd username (1–100 letters, digits, "_" or "-") nor a list definition id of LBX_LISTS_FILE.');
    expect(fakes.lb.requests).toEqual([]);
  });

  it('exits 2 with every configuration problem listed', async () => {
    const run = cli(['--once'], testEnv(fakes, { CRON_SCHEDULE: '0 0 * *', TMDB_SYNC_LIMIT: '5000' }));
    expect(await run.code).toBe(2);
    expect(run.errors.join('\n')).toMatch(/CRON_SCHEDULE: expected exactly 5 fields/);
    expect(run.errors.join('\n')).toMatch(/TMDB_SYNC_LIMIT: expected a whole number from 1 to 1000/);
    expect(fakes.lb.requests).toEqual([]);
  });

  it('exits 2 without target users or without TMDb credentials', async () => {
    const noUsers = cli(['--once'], testEnv(fakes, { CRON_TARGET_USERS: '' }));
    expect(await noUsers.code).toBe(2);
    expect(noUsers.errors.join('\n')).toContain('CRON_TARGET_USERS');
    const noCreds = cli(['--once'], testEnv(fakes, { TMDB_USER_ACCESS_TOKEN: '' }));
    expect(await noCreds.code).toBe(2);
    expect(noCreds.errors.join('\n')).toContain('TMDB_USER_ACCESS_TOKEN');
    expect(noCreds.errors.join('\n')).not.toContain(fakes.tmdb.credentials.apiKey);
  });

  it('prints usage for --help (0) and for an unknown flag (2)', async () => {
    const help = cli(['--help'], {});
    expect(await help.code).toBe(0);
    expect(help.out).toEqual([USAGE]);
    expect(help.errors).toEqual([]);
    const bad = cli(['--now'], {});
    expect(await bad.code).toBe(2);
    expect(bad.errors[0]).toMatch(/Unknown option '--now'/);
  });

  it('without --once and with CRON_ENABLED=false schedules nothing and exits 0', async () => {
    const run = cli([], testEnv(fakes));
    expect(await run.code).toBe(0);
    expect(run.lines.join('\n')).toContain('CRON_ENABLED is false');
    expect(vi.getTimerCount()).toBe(0);
    expect(fakes.lb.requests).toEqual([]);
  });

  it('scheduled mode: SIGTERM lets the current user finish, then exits 0', async () => {
    const sig = signals();
    const held = fakes.hold('reel_rita');
    const run = cli([], testEnv(fakes, { CRON_ENABLED: 'true', CRON_SCHEDULE: '0 * * * *' }), { onSignal: sig.onSignal });
    // Started: the heartbeat timer and the schedule's timer are armed.
    while (vi.getTimerCount() < 2) await nextTurn();
    expect(run.lines.find((line) => line.includes('lbx cron runner started'))).toContain('next_run=2026-03-01T13:00:00.000Z');
    await advanceTo('2026-03-01T13:00:00Z');
    await held.entered;
    sig.send('SIGTERM');
    held.release();
    expect(await run.code).toBe(0);
    expect(run.lines.some((line) => line.includes('reel_rita: synced'))).toBe(true);
    expect(run.lines.some((line) => line.includes('otto_o: skipped'))).toBe(true);
    expect(run.lines.at(-1)).toContain('cron runner stopped');
    expect(sig.count()).toBe(0);
  });

  it('a second signal exits 130 at once', async () => {
    const sig = signals();
    const held = fakes.hold('reel_rita');
    const run = cli(['--once'], testEnv(fakes), { onSignal: sig.onSignal });
    await held.entered;
    sig.send('SIGTERM');
    sig.send('SIGINT');
    expect(await run.code).toBe(130);
    // In a real process exit(130) ends the run; here it lives on: let it finish (it records the run last) so it
    // cannot write into the next test's fakes or temporary directory.
    held.release();
    const state = join(fakes.dir, '.lbx-cron-state.json');
    while (!existsSync(state)) await nextTurn();
    expect(run.lines.some((line) => line.includes('otto_o: skipped'))).toBe(true);
  });

  it('--once interrupted by SIGTERM exits 1 (not every user was synced)', async () => {
    const sig = signals();
    const held = fakes.hold('reel_rita');
    const run = cli(['--once'], testEnv(fakes), { onSignal: sig.onSignal });
    await held.entered;
    sig.send('SIGTERM');
    held.release();
    expect(await run.code).toBe(1);
    expect(run.lines.some((line) => line.includes('otto_o: skipped'))).toBe(true);
  });
});
