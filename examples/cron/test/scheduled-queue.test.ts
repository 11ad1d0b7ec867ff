import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSyncRuntime, SCHEDULED_RUNS_QUEUE, startJobQueue } from '@lbx/example-shared';
import { createRunDatabase } from '@lbx/testkit/postgres';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli';
import { loadCronConfig } from '../src/config';
import { createCronRunner } from '../src/cron-runner';
import { createScheduledRunQueue, occurrenceId } from '../src/scheduled-run-queue';
import { memoryLogger, testEnv, useFakes } from './helpers';

/**
 * Two cron runners on one PostgreSQL (each with its own connections, store and queue worker, as two processes
 * would have): an occurrence both see runs once, on one of them. Only `Date` is faked, and it moves on with
 * real time (croner's timers, pg-boss's polling and the database run for real): each part sets it just before
 * the moment it is about.
 */
const fakes = useFakes();
let databaseUrl = '';
beforeAll(async () => {
  databaseUrl = await createRunDatabase('cron_queue');
});
afterEach(() => {
  vi.useRealTimers();
});

const SCHEDULE = '0 * * * *';
const KEY = `${SCHEDULE} UTC`;

/** A runner with its queue connected; `start()` it once the clock is where the test wants it. */
async function prepareRunner(name: string) {
  const config = loadCronConfig(testEnv(fakes, { DATABASE_URL: databaseUrl, CRON_SCHEDULE: SCHEDULE, CRON_TIMEZONE: 'UTC' }));
  const { logger, lines } = memoryLogger(Date.now);
  const runtime = createSyncRuntime(config, { logger });
  const jobs = await startJobQueue({ connectionString: databaseUrl, logger, pollingIntervalSeconds: 0.5 });
  const runner = createCronRunner({
    config,
    runtime,
    logger,
    stateFile: join(fakes.dir, `${name}-state.json`),
    heartbeatFile: null,
    queue: createScheduledRunQueue(jobs, KEY, logger),
  });
  return {
    start: () => runner.start(),
    lines,
    jobs,
    stop: async () => {
      await runner.stop();
      await runtime.close?.();
    },
  };
}

async function completed(jobs: { boss: { getJobById: (name: string, id: string, options: { includeArchive: boolean }) => Promise<{ state: string; output: unknown } | null> } }, id: string) {
  for (;;) {
    const job = await jobs.boss.getJobById(SCHEDULED_RUNS_QUEUE, id, { includeArchive: true });
    if (job?.state === 'completed') return job;
    expect(job?.state ?? 'created').not.toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Requests the fake Letterboxd saw for each member's top-rated films (one per sync of that member). */
const topRatedReads = (username: string) => fakes.lb.requests.filter((request) => request.path.startsWith(`/${username}/likes/`)).length;

describe('cron runners sharing PostgreSQL', () => {
  it('run one scheduled occurrence once, however many runners see it; a missed one is made up once', async () => {
    // Time only moves forward from here: the runners' pacing and pg-boss's polling compare readings of `Date`.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-03-01T11:59:00Z'));
    const a = await prepareRunner('a');
    const b = await prepareRunner('b');
    vi.setSystemTime(new Date('2026-03-01T11:59:58Z'));
    // Both runners' croner timers fire at 12:00 (two seconds of real time later).
    await Promise.all([a.start(), b.start()]);
    try {
      const job = await completed(a.jobs, occurrenceId(KEY, new Date('2026-03-01T12:00:00Z')));
      expect(job.output).toEqual({ members: 2 });
      expect(topRatedReads('reel_rita')).toBe(1);
      expect(topRatedReads('otto_o')).toBe(1);
      expect(fakes.tmdb.lists.size).toBe(2);
      const ran = [a, b].filter((runner) => runner.lines.some((line) => line.includes('run started (scheduled)')));
      expect(ran).toHaveLength(1);
      const deduplicated = [a, b].filter((runner) => runner.lines.some((line) => line.includes('already queued by another runner')));
      expect(deduplicated).toHaveLength(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }

    // Both were down at 13:00; both come back 20 minutes late and know the last run was 12:00.
    for (const name of ['a', 'b']) {
      await writeFile(join(fakes.dir, `${name}-state.json`), JSON.stringify({ lastRunAt: '2026-03-01T12:00:00.000Z' }));
    }
    vi.setSystemTime(new Date('2026-03-01T13:20:00Z'));
    const [c, d] = await Promise.all([prepareRunner('a'), prepareRunner('b')]);
    await Promise.all([c.start(), d.start()]);
    try {
      await completed(c.jobs, occurrenceId(KEY, new Date('2026-03-01T13:00:00Z')));
      expect(topRatedReads('reel_rita')).toBe(2);
      expect(topRatedReads('otto_o')).toBe(2);
      expect([c, d].filter((runner) => runner.lines.some((line) => line.includes('run started (make-up)')))).toHaveLength(1);
      expect(fakes.tmdb.lists.size).toBe(2);
    } finally {
      await Promise.all([c.stop(), d.stop()]);
    }
  }, 60_000);
});

describe('lbx cron CLI with DATABASE_URL', () => {
  it('runs scheduled occurrences through the shared queue and stops cleanly on SIGTERM', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-04-01T12:59:57Z'));
    // croner's timer fires at 13:00, three seconds of real time later. Should the start take longer on a busy
    // machine, the recorded 12:00 run makes 13:00 a missed occurrence, made up through the same queue.
    await writeFile(join(fakes.dir, '.lbx-cron-state.json'), JSON.stringify({ lastRunAt: '2026-04-01T12:00:00.000Z' }));
    const { logger, lines } = memoryLogger(Date.now);
    const handlers = new Set<(signal: string) => void>();
    const code = runCli({
      argv: [],
      env: testEnv(fakes, { DATABASE_URL: databaseUrl, CRON_ENABLED: 'true', CRON_SCHEDULE: SCHEDULE }),
      logger,
      onSignal: (handler) => {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
    });
    while (!lines.some((line) => line.includes('run finished'))) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((line) => /run started \((scheduled|make-up)\) scheduled_for=2026-04-01T13:00:00.000Z/.test(line))).toHaveLength(1);
    expect(topRatedReads('reel_rita')).toBe(1);
    handlers.forEach((handler) => handler('SIGTERM'));
    expect(await code).toBe(0);
    expect(lines.at(-1)).toContain('cron runner stopped');
  }, 60_000);
});
