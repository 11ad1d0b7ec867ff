/** Time and timers, injectable so the scheduler can be driven by a fake clock in tests. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Call `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancel a timer from {@link Clock.setTimeout}. */
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Longest delay Node's `setTimeout` honours (about 24.8 days); longer waits are split. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
