import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSyncRuntime, SCHEDULED_RUNS_QUEUE, startJobQueue } from '@lbx/example-shared';
import { createRunDatabase } from '@lbx/testkit/postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli';
import { loadCronConfig } from '../src/config';
import { createCronRunner } from '../src/cron-runner';
import { createScheduledRunQueue, occurrenceId } from '../src/scheduled-run-queue';
import { createFakeClock } from './fake-clock';
import { memoryLogger, testEnv, useFakes } from './helpers';

/**
 * Two cron runners on one PostgreSQL (each with its own connections, store and queue worker, as two processes
 * would have), driven by fake clocks: an occurrence both see runs once, on one of them.
 */
const fakes = useFakes();
let databaseUrl = '';
beforeAll(async () => {
  databaseUrl = await createRunDatabase('cron_queue');
});

const SCHEDULE = '0 * * * *';
const KEY = `${SCHEDULE} UTC`;

async function startRunner(name: string, at: string) {
  const config = loadCronConfig(testEnv(fakes, { DATABASE_URL: databaseUrl, CRON_SCHEDULE: SCHEDULE, CRON_TIMEZONE: 'UTC' }));
  const clock = createFakeClock(at);
  const { logger, lines } = memoryLogger(clock.now);
  const runtime = createSyncRuntime(config, { logger });
  const jobs = await startJobQueue({ connectionString: databaseUrl, logger, pollingIntervalSeconds: 0.5 });
  const runner = createCronRunner({
    config,
    runtime,
    logger,
    clock,
    stateFile: join(fakes.dir, `${name}-state.json`),
    heartbeatFile: null,
    queue: createScheduledRunQueue(jobs, KEY, logger),
  });
  await runner.start();
  return {
    clock,
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
    const a = await startRunner('a', '2026-03-01T11:59:30Z');
    const b = await startRunner('b', '2026-03-01T11:59:45Z');
    try {
      a.clock.advanceTo('2026-03-01T12:00:00Z');
      b.clock.advanceTo('2026-03-01T12:00:01Z');
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
    const [c, d] = await Promise.all([startRunner('a', '2026-03-01T13:20:00Z'), startRunner('b', '2026-03-01T13:20:05Z')]);
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
    const clock = createFakeClock('2026-04-01T12:59:00Z');
    const { logger, lines } = memoryLogger(clock.now);
    const handlers = new Set<(signal: string) => void>();
    const code = runCli({
      argv: [],
      env: testEnv(fakes, { DATABASE_URL: databaseUrl, CRON_ENABLED: 'true', CRON_SCHEDULE: SCHEDULE }),
      clock,
      logger,
      onSignal: (handler) => {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
    });
    while (clock.pending() < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    clock.advanceTo('2026-04-01T13:00:00Z');
    while (!lines.some((line) => line.includes('run finished'))) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.some((line) => line.includes('run started (scheduled)'))).toBe(true);
    expect(topRatedReads('reel_rita')).toBe(1);
    handlers.forEach((handler) => handler('SIGTERM'));
    expect(await code).toBe(0);
    expect(lines.at(-1)).toContain('cron runner stopped');
  }, 60_000);
});
