import { createLogger, type Logger } from '@lbx/example-shared';
import type { FakeTmdb } from '@lbx/testkit';
import { http } from 'msw';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeSitesEnv, LETTERBOXD, useSiteFakes } from '../../shared/test/support/fake-sites';

export { LETTERBOXD, TMDB } from '../../shared/test/support/fake-sites';

/** Fakes of both sites behind msw, and a temp dir per test. */
export function useFakes() {
  const fakes = useSiteFakes({ tempPrefix: 'lbx-cron-' });

  /** Hold the Letterboxd answers for `username` until `release()`; `entered` resolves when one is waiting. */
  const hold = (username: string) => {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    fakes.msw.use(
      http.get(`${LETTERBOXD}/${username}/*`, async () => {
        entered();
        await gate;
      }),
    );
    return { entered: enteredP, release };
  };
  return Object.assign(fakes, { hold });
}

/** Environment pointing at the fakes, with TMDb credentials, plus `env` on top. */
export function testEnv(fakes: { tmdb: FakeTmdb; dir: string }, env: Record<string, string> = {}): Record<string, string> {
  return {
    ...fakeSitesEnv(fakes),
    CRON_TARGET_USERS: 'reel_rita,otto_o',
    LOG_LEVEL: 'info',
    ...env,
  };
}

/** A logger writing text lines (timestamps from `now`) into `lines`. */
export function memoryLogger(now: () => number): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'info', now: () => new Date(now()), write: (line) => lines.push(line) }) };
}

/**
 * Fake time for the test file: `Date` and the timers croner and the runner use are vitest's fakes (other
 * async work, such as file I/O and the fake sites, runs for real). Start with {@link startClockAt}.
 */
export function useFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Set the fake clock to `time`. */
export function startClockAt(time: string): void {
  vi.setSystemTime(new Date(time));
}

/**
 * Move the fake clock to `time`. The last minute ticks through, firing every timer due on it at its own time;
 * a longer gap before it is jumped over like a suspended machine (timers keep their remaining delays), which
 * keeps a day-long wait quick (croner re-arms its timer every 30 s).
 */
export async function advanceTo(time: string): Promise<void> {
  const target = Date.parse(time);
  if (target - Date.now() > 60_000) vi.setSystemTime(target - 60_000);
  await vi.advanceTimersByTimeAsync(Math.max(0, target - Date.now()));
}

/** Let pending I/O callbacks run (fake time does not move). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
