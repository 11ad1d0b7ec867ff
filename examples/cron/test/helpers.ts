import { createLogger, type Logger } from '@lbx/example-shared';
import type { FakeTmdb } from '@lbx/testkit';
import { http } from 'msw';
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
