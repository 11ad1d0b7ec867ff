import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSyncRuntime } from '@lbx/example-shared';
import { createJsonFileStore, type MappingStore } from '@lbx/sync';
import { describe, expect, it, vi } from 'vitest';
import { loadCronConfig } from '../src/config';
import { createCronRunner } from '../src/cron-runner';
import { advanceTo, memoryLogger, nextTurn, startClockAt, testEnv, useFakes, useFakeTime } from './helpers';

const fakes = useFakes();
useFakeTime();

function setup(env: Record<string, string>, wrapStore: (store: MappingStore) => MappingStore = (store) => store) {
  const config = loadCronConfig(testEnv(fakes, env));
  const { logger, lines } = memoryLogger(Date.now);
  const runner = createCronRunner({
    config,
    runtime: createSyncRuntime(config, { logger, store: wrapStore(createJsonFileStore(config.mappingsFile)) }),
    logger,
    stateFile: join(fakes.dir, 'state.json'),
    heartbeatFile: join(fakes.dir, 'heartbeat'),
    heartbeatMs: 60_000,
  });
  return { runner, lines, config };
}

/**
 * Hold runs on their first mapping read until `release()`: no request is in flight meanwhile, so moving the
 * fake clock on runs out no request timeout.
 */
function holdStore() {
  let entered!: () => void;
  let release!: () => void;
  const enteredP = new Promise<void>((resolve) => (entered = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const wrap = (store: MappingStore): MappingStore => ({
    ...store,
    get: async (username) => {
      entered();
      await gate;
      return store.get(username);
    },
  });
  return { wrap, entered: enteredP, release };
}

const started = (lines: string[]) => lines.filter((line) => line.includes('run started'));

describe('cron runner', () => {
  it('logs its set-up, runs at the scheduled time, and logs per user what the sync did', async () => {
    startClockAt('2026-03-01T23:59:00Z');
    const { runner, lines } = setup({ CRON_SCHEDULE: '0 0 * * *', CRON_TIMEZONE: 'UTC' });
    await runner.start();
    expect(lines[0]).toBe(
      '2026-03-01T23:59:00.000Z INFO  lbx cron runner started schedule="0 0 * * *" timezone=UTC ' +
        'users=reel_rita,otto_o next_run=2026-03-02T00:00:00.000Z',
    );
    expect(runner.nextRun()?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(runner.running).toBe(false);

    await advanceTo('2026-03-02T00:00:00Z');
    expect(runner.running).toBe(true);
    await runner.idle();

    const rita = lines.find((line) => line.includes('reel_rita: synced'));
    expect(rita).toMatch(/list_id=\d+ list=created films_found=4 matched=4 added=4 removed=0 reordered=0 not_matched=0 source=letterboxd/);
    expect(rita).toContain('match_methods="exact 4 · fuzzy 0"');
    expect(lines.some((line) => /otto_o: synced .*added=2/.test(line))).toBe(true);
    expect(lines.find((line) => line.includes('run finished'))).toContain(
      'run finished: 2 user(s): 2 synced, 0 unchanged, 0 refused, 0 failed, 0 skipped added=6 removed=0 not_matched=0',
    );
    expect(runner.nextRun()?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    const state = JSON.parse(await readFile(join(fakes.dir, 'state.json'), 'utf8')) as { lastRunAt: string };
    expect(state.lastRunAt).toBe('2026-03-02T00:00:00.000Z');

    // The next day nothing changed: the lists are reused and TMDb sees no write.
    const writes = fakes.tmdb.writeCount();
    await advanceTo('2026-03-03T00:00:00Z');
    await runner.idle();
    expect(lines.filter((line) => /: unchanged .*list=reused/.test(line))).toHaveLength(2);
    expect(fakes.tmdb.writeCount()).toBe(writes);
    await runner.stop();
  });

  it('logs per user how exact the matches were: ids and exact searches vs a fuzzy search', async () => {
    // A member whose film pages link no TMDb id: both films are found by title + year search, and TMDb dates
    // "Harbour Lights" a year after Letterboxd (a fuzzy match).
    const page = { rating: 4, liked: true, tmdb: null, imdbId: null, directors: [], watchlisted: false };
    fakes.lb.addMember({
      username: 'harbour_hal',
      displayName: 'Hal',
      bio: null,
      avatar: null,
      stats: { filmsThisYear: 2, lists: 0, following: 0, followers: 0 },
      films: [
        { ...page, slug: 'the-matrix', title: 'The Matrix', year: 1999, rating: 5 },
        { ...page, slug: 'harbour-lights', title: 'Harbour Lights', year: 2019 },
      ],
    });
    startClockAt('2026-03-02T10:00:00Z');
    const { runner, lines } = setup({ CRON_TARGET_USERS: 'harbour_hal,otto_o' });

    await runner.runNow();

    expect(lines.find((line) => line.includes('harbour_hal: synced'))).toMatch(/matched=2 .*match_methods="exact 1 · fuzzy 1"/);
    expect(lines.find((line) => line.includes('otto_o: synced'))).toContain('match_methods="exact 2 · fuzzy 0"');
  });

  it('never overlaps runs: an occurrence that finds a run in progress is skipped', async () => {
    startClockAt('2026-03-01T00:00:30Z');
    const held = holdStore();
    const { runner, lines } = setup({ CRON_SCHEDULE: '* * * * *', CRON_TARGET_USERS: 'reel_rita' }, held.wrap);
    await runner.start();
    await advanceTo('2026-03-01T00:01:00Z');
    await held.entered;
    await advanceTo('2026-03-01T00:02:00Z');
    await advanceTo('2026-03-01T00:03:00Z');
    expect(lines.filter((line) => line.includes('previous run still in progress'))).toHaveLength(2);
    expect(await runner.runNow()).toBeNull();
    held.release();
    await runner.idle();
    expect(started(lines)).toHaveLength(1);
    expect(fakes.tmdb.lists.size).toBe(1);

    await advanceTo('2026-03-01T00:04:00Z');
    await runner.idle();
    expect(started(lines)).toHaveLength(2);
    await runner.stop();
  });

  it('skips an occurrence that finds a make-up run in progress', async () => {
    await writeFile(join(fakes.dir, 'state.json'), JSON.stringify({ lastRunAt: '2026-03-01T23:58:00.000Z' }));
    startClockAt('2026-03-01T23:59:30Z');
    const held = holdStore();
    const { runner, lines } = setup({ CRON_SCHEDULE: '* * * * *', CRON_TARGET_USERS: 'reel_rita' }, held.wrap);
    await runner.start();
    await held.entered;
    expect(started(lines)).toEqual([expect.stringContaining('run started (make-up) scheduled_for=2026-03-01T23:59:00.000Z')]);
    await advanceTo('2026-03-02T00:00:00Z');
    expect(lines.find((line) => line.includes('previous run still in progress'))).toContain('scheduled_for=2026-03-02T00:00:00.000Z');
    held.release();
    await runner.idle();
    expect(started(lines)).toHaveLength(1);
    await runner.stop();
  });

  it('makes up a run missed less than an hour ago, once, on start', async () => {
    await writeFile(join(fakes.dir, 'state.json'), JSON.stringify({ lastRunAt: '2026-03-01T00:00:00.000Z' }));
    startClockAt('2026-03-02T00:40:00Z');
    const { runner, lines } = setup({});
    await runner.start();
    expect(lines.some((line) => line.includes('making up a run missed while the runner was down scheduled_for=2026-03-02T00:00:00.000Z late_s=2400'))).toBe(true);
    await runner.idle();
    expect(started(lines)).toEqual([expect.stringContaining('run started (make-up) scheduled_for=2026-03-02T00:00:00.000Z')]);
    expect(fakes.tmdb.lists.size).toBe(2);
    const state = JSON.parse(await readFile(join(fakes.dir, 'state.json'), 'utf8')) as { lastRunAt: string };
    expect(state.lastRunAt).toBe('2026-03-02T00:00:00.000Z');
    await runner.stop();

    // A restart right after does not make it up again.
    const again = setup({});
    await again.runner.start();
    expect(started(again.lines)).toEqual([]);
    await again.runner.stop();
  });

  it('does not make up a run missed more than an hour ago, nor on a first start', async () => {
    startClockAt('2026-03-02T01:00:01Z');
    const first = setup({});
    await first.runner.start();
    await first.runner.stop();
    expect(started(first.lines)).toEqual([]);

    await writeFile(join(fakes.dir, 'state.json'), JSON.stringify({ lastRunAt: '2026-03-01T00:00:00.000Z' }));
    const late = setup({});
    await late.runner.start();
    expect(started(late.lines)).toEqual([]);
    expect(late.runner.nextRun()?.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    await late.runner.stop();
    expect(fakes.tmdb.requests).toEqual([]);
  });

  it('warns about a corrupt state file and carries on', async () => {
    await writeFile(join(fakes.dir, 'state.json'), '{"lastRunAt": 12');
    startClockAt('2026-03-02T00:10:00Z');
    const { runner, lines } = setup({});
    await runner.start();
    expect(lines.some((line) => line.includes('WARN  ignoring') && line.includes('state.json'))).toBe(true);
    expect(started(lines)).toEqual([]);
    await runner.stop();
  });

  it('on stop lets the current user finish, skips the rest, and schedules nothing more', async () => {
    startClockAt('2026-03-01T23:59:00Z');
    const { runner, lines, config } = setup({});
    await runner.start();
    const held = fakes.hold('reel_rita');
    await advanceTo('2026-03-02T00:00:00Z');
    await held.entered;
    const stopped = runner.stop();
    held.release();
    await stopped;

    expect(lines.some((line) => line.includes('reel_rita: synced'))).toBe(true);
    expect(lines.some((line) => line.includes('otto_o: skipped'))).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(runner.nextRun()).toBeNull();
    const mappings = JSON.parse(await readFile(config.mappingsFile, 'utf8')) as Record<string, number>;
    expect(Object.keys(mappings)).toEqual(['reel_rita']);
  });

  it('writes a heartbeat at start and refreshes it while running', async () => {
    startClockAt('2026-03-01T10:00:00Z');
    const { runner } = setup({});
    await runner.start();
    const file = join(fakes.dir, 'heartbeat');
    expect(await readFile(file, 'utf8')).toBe('2026-03-01T10:00:00.000Z\n');
    await advanceTo('2026-03-01T10:01:00Z');
    // The refresh is written asynchronously: wait for it (the test times out if it never comes).
    while ((await readFile(file, 'utf8')) !== '2026-03-01T10:01:00.000Z\n') await nextTurn();
    expect(await readFile(file, 'utf8')).toBe('2026-03-01T10:01:00.000Z\n');
    expect((await stat(file)).isFile()).toBe(true);
    await runner.stop();
  });
});
