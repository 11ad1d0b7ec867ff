import type { Clock } from '../src/clock';

/** A manual clock: time only moves when the test says so, and due timers fire in order. */
export interface FakeClock extends Clock {
  /** Move to `target`, firing every timer due on the way (each at its own time). */
  advanceTo(target: Date | string): void;
  /** Timers waiting. */
  pending(): number;
}

export function createFakeClock(start: Date | string): FakeClock {
  let now = new Date(start).getTime();
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      seq += 1;
      timers.set(seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advanceTo(target) {
      const end = new Date(target).getTime();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = Math.max(now, end);
    },
    pending: () => timers.size,
  };
}
